import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { ServiceError, mapDatabaseError } from '../db/errors';
import { Logger } from '../logger';

/** Codes Apollo and graphql-js produce for a bad request; they pass through as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Every error leaves with a code from the service's vocabulary and a message meant for clients: no stack
 * trace, no Cypher. Unexpected errors are logged with their cause and answered as INTERNAL.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (original instanceof ServiceError) {
      if (original.code === 'INTERNAL' || original.code === 'SERVICE_UNAVAILABLE') {
        logger.error({ err: original.originalError ?? original, path: formatted.path }, original.message);
      }
      const { http: _http, ...extensions } = original.extensions as Record<string, unknown>;
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    if (typeof code === 'string' && REQUEST_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const mapped = mapDatabaseError(original);
    logger.error({ err: original, path: formatted.path }, 'request failed');
    const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
    return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions };
  };
}
