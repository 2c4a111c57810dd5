import { Neo4jError } from 'neo4j-driver';
import { ServiceError } from '../domain/errors';

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
