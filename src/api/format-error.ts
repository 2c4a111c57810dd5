import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { mapDatabaseError } from '../db';
import { ServiceError } from '../domain/errors';
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
 * A validation rule's refusal (src/api/security/request-limits.ts) reaches us wrapped in Apollo's
 * ValidationError, which relabels every validation error GRAPHQL_VALIDATION_FAILED; the ServiceError inside
 * has our code.
 */
function serviceErrorIn(error: unknown): unknown {
  if (error instanceof GraphQLError && error.originalError instanceof ServiceError)
    return error.originalError;
  return error;
}

/**
 * graphql-js stops parsing at parseOptions.maxTokens with a plain syntax error; this gives it its code.
 * (graphql 16 spells it "more that N tokens".)
 */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Every error leaves with a code from the service's vocabulary and a message meant for clients: no stack
 * trace, no Cypher. Unexpected errors are logged with their cause and answered as INTERNAL.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = serviceErrorIn(unwrapResolverError(error));
    const code = formatted.extensions?.code;
    const tokenLimit = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokenLimit) {
      const max = Number(tokenLimit[1]);
      return {
        message: `The query has too many tokens: the limit is ${max}.`,
        extensions: { code: 'TOO_MANY_TOKENS', max },
      };
    }
    if (original instanceof ServiceError) {
      if (['INTERNAL', 'SERVICE_UNAVAILABLE', 'NLP_UNAVAILABLE'].includes(original.code)) {
        logger.error({ err: original.originalError ?? original, path: formatted.path }, original.message);
      }
      const { http: _http, ...extensions } = original.extensions as Record<string, unknown>;
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    if (typeof code === 'string' && REQUEST_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const status = (error as GraphQLError)?.extensions?.http as { status?: number } | undefined;
    if (error instanceof GraphQLError && !error.originalError && status?.status === 400) {
      // Apollo's own refusals that carry no code (an unsupported persisted-query version, a hash that
      // does not match its query): the message is written for clients.
      return { message: error.message, extensions: { code: 'BAD_REQUEST' } };
    }
    const mapped = mapDatabaseError(original);
    logger.error({ err: original, path: formatted.path }, 'request failed');
    const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
    return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions };
  };
}
