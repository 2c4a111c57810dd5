import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { ParseOptions, ValidationRule } from 'graphql';
import { Config } from '../../config';
import { ErrorCode, ServiceError } from '../../domain/errors';
import { costLimitPlugin } from './cost';

/** The limits a GraphQL request is held to; every one comes from an environment variable (src/config.ts). */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Off in production: no schema details (introspection, "Did you mean …?") to strangers. */
  revealSchema: boolean;
}

export function requestLimits(config: Config): RequestLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxCost: config.GRAPHQL_MAX_COST,
    revealSchema: config.NODE_ENV !== 'production',
  };
}

/**
 * graphql-armor's rules report "Syntax Error: … limit of N exceeded, found M." as BAD_USER_INPUT, which
 * Apollo then relabels GRAPHQL_VALIDATION_FAILED. Reporting a ServiceError instead keeps the service's
 * own code on it (format-error.ts looks inside the validation error) and a message that names the limit.
 */
function refuse(code: ErrorCode, what: string, max: number): GraphQLArmorRejectCallback {
  return (context, error) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1]);
    const extensions = Number.isFinite(found) ? { max, found } : { max };
    const counted = Number.isFinite(found) ? ` (found ${found})` : '';
    context?.reportError(
      new ServiceError(code, `The query has too many ${what}${counted}: the limit is ${max}.`, extensions),
    );
  };
}

const reportOnly = (onReject: GraphQLArmorRejectCallback) => ({
  onReject: [onReject],
  // Reported through the validation context, so that Apollo answers 400 rather than failing the request.
  propagateOnRejection: false,
  exposeLimits: true,
});

export interface LimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * What ApolloServer needs to enforce the limits: graphql-armor's depth, alias and directive rules and its
 * field-suggestion mask, our list-aware cost estimate, and graphql-js's own token limit.
 *
 * graphql-armor's token limit is off: with Apollo it throws from a parsing hook, which Apollo answers
 * with a 500. graphql-js counts tokens while parsing (parseOptions.maxTokens) and fails with an ordinary
 * syntax error, a 400; format-error.ts gives it the TOO_MANY_TOKENS code. Its cost limit is off in
 * favour of cost.ts (see there why).
 */
export function limitOptions(limits: RequestLimits): LimitOptions {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      ...reportOnly(refuse('QUERY_TOO_DEEP', 'levels of nested fields', limits.maxDepth)),
    },
    maxAliases: {
      n: limits.maxAliases,
      ...reportOnly(refuse('TOO_MANY_ALIASES', 'aliases', limits.maxAliases)),
    },
    maxDirectives: {
      n: limits.maxDirectives,
      ...reportOnly(refuse('TOO_MANY_DIRECTIVES', 'directives', limits.maxDirectives)),
    },
    blockFieldSuggestion: { enabled: !limits.revealSchema },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
  }).protect();
  return {
    plugins: [...armor.plugins, costLimitPlugin(limits.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** The security-relevant ApolloServer options, spread into its constructor by server.ts. */
export function apolloSecurityOptions<C extends BaseContext>(
  limits: RequestLimits,
): Pick<
  ApolloServerOptions<C>,
  | 'validationRules'
  | 'parseOptions'
  | 'introspection'
  | 'allowBatchedHttpRequests'
  | 'csrfPrevention'
  | 'includeStacktraceInErrorResponses'
> & { plugins: ApolloServerPlugin<C>[] } {
  const { plugins, validationRules, parseOptions } = limitOptions(limits);
  return {
    plugins: plugins as ApolloServerPlugin<C>[],
    validationRules,
    parseOptions,
    introspection: limits.revealSchema,
    // One operation per request, so that every limit above bounds a whole request.
    allowBatchedHttpRequests: false,
    // Apollo's default, stated so that it is not turned off by accident: a GET, or a POST of a "simple"
    // content type, must carry a header a browser would only send after a CORS preflight.
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
  };
}
