import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

/** The service's error vocabulary: every error a client sees carries one of these in extensions.code. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INTERNAL'
  // Refusals before or instead of execution (src/api/security): the request itself is over a limit.
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'PERSISTED_QUERY_NOT_ALLOWED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INTERNAL: 500,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  PERSISTED_QUERY_NOT_ALLOWED: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COSTLY: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_DIRECTIVES: 400,
  TOO_MANY_TOKENS: 400,
};

export class ServiceError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, {
      extensions: { ...extensions, code, http: { status: HTTP_STATUS[code] } },
      // Kept for the server's log; Apollo never sends originalError to clients.
      originalError: cause instanceof Error ? cause : undefined,
    });
  }
}

export class BadUserInputError extends ServiceError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, extensions);
  }
}

export class NotFoundError extends ServiceError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    // A missing entity asked for by id is the client's mistake, not a failed request: 200 with the error.
    super('NOT_FOUND', message, extensions);
    (this.extensions as Record<string, unknown>).http = { status: 200 };
  }
}

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
]);

/** The one place that turns driver failures into the service's vocabulary; no Cypher or stack leaks out. */
export function mapDatabaseError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (UNAVAILABLE.has(code) || (error instanceof Neo4jError && error.retriable)) {
    return new ServiceError(
      'SERVICE_UNAVAILABLE',
      'The graph database is unavailable; try again shortly.',
      {},
      error,
    );
  }
  if (
    code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
    code.endsWith('TransactionTimedOutClientConfiguration')
  ) {
    return new ServiceError('QUERY_TIMEOUT', 'The query took too long and was stopped.', {}, error);
  }
  if (
    /connection acquisition timed out|failed to connect|ECONNREFUSED/i.test((error as Error)?.message ?? '')
  ) {
    return new ServiceError(
      'SERVICE_UNAVAILABLE',
      'The graph database is unavailable; try again shortly.',
      {},
      error,
    );
  }
  return new ServiceError('INTERNAL', 'Internal error.', {}, error);
}
