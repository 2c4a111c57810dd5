import { GraphQLError } from 'graphql';

/**
 * The service's error vocabulary: every error a client sees carries one of these in extensions.code. It lives
 * with the domain, not the driver layer, so that the stores, the loader, the API and the CLI speak it
 * without depending on one another; src/db/map-database-error.ts is the one place driver failures enter it.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INTERNAL'
  // The draft's NLP (CoreNLP) is not reachable, not resolved, or did not answer in time: the message says what to run.
  | 'NLP_UNAVAILABLE'
  // Refusals before or instead of execution (src/api/security): the request itself is over a limit.
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'PERSISTED_QUERY_NOT_ALLOWED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS'
  // draftDocument's article is over the size a draft takes (src/api/argument-limits.ts).
  | 'ARTICLE_TOO_LARGE'
  // Subscriptions over WebSocket (src/api/subscriptions/websocket.ts): one connection asks for more than
  // SUBSCRIPTIONS_MAX_PER_CONNECTION at once; the instance has SUBSCRIPTIONS_MAX_CONNECTIONS open already
  // (that one is a WebSocket close reason, the connection having no operation to answer).
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'TOO_MANY_CONNECTIONS'
  // A client over its request or write budget (RATE_LIMIT_READS, RATE_LIMIT_WRITES): 429 with Retry-After.
  | 'RATE_LIMITED';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INTERNAL: 500,
  NLP_UNAVAILABLE: 503,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  PERSISTED_QUERY_NOT_ALLOWED: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COSTLY: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_DIRECTIVES: 400,
  TOO_MANY_TOKENS: 400,
  ARTICLE_TOO_LARGE: 413,
  TOO_MANY_SUBSCRIPTIONS: 429,
  TOO_MANY_CONNECTIONS: 503,
  RATE_LIMITED: 429,
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
