import {
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  OperationDefinitionNode,
  ValidationRule,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { ServiceError } from '../../domain/errors';
import { operationCost } from './cost';
import { AllowList, queryHash } from './persisted-queries';
import { RequestLimits } from './request-limits';

/**
 * The checks Apollo's request pipeline and our plugins make on an operation sent over HTTP, for
 * operations that do not go through Apollo: subscriptions over WebSocket (graphql-ws runs outside Apollo's
 * plugins). The same allow-list, the same token limit while parsing, the same validation rules (graphql-js's
 * own and graphql-armor's depth, alias and directive limits, with the service's codes), the same cost
 * estimate, and the same masking of schema details in production. Errors carry the codes an HTTP client
 * would get (GRAPHQL_PARSE_FAILED becomes TOO_MANY_TOKENS in format-error.ts, as it does for HTTP).
 */
export interface GuardOptions {
  schema: GraphQLSchema;
  limits: RequestLimits;
  /** graphql-armor's rules, as given to Apollo (request-limits.ts limitOptions). */
  validationRules: readonly ValidationRule[];
  allowList: AllowList;
  persistedQueriesOnly: boolean;
  /** The operation types allowed (graphql-ws on this service: subscriptions only). */
  operationTypes: readonly OperationDefinitionNode['operation'][];
}

/** What a client sends to run an operation: graphql-ws's SubscribePayload, or an HTTP body. */
export interface OperationPayload {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export type Guarded =
  | {
      document: DocumentNode;
      operation: OperationDefinitionNode;
      operationName?: string;
      variables: Record<string, unknown>;
    }
  | { errors: GraphQLError[] };

const refused = (code: string, message: string) => ({
  errors: [new GraphQLError(message, { extensions: { code } })],
});

function persistedHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/** The query text to run: the one sent, or the allow-list's for a hash sent instead of it. */
function queryText(options: GuardOptions, payload: OperationPayload): string | { errors: GraphQLError[] } {
  const hash = persistedHash(payload.extensions);
  const sent = typeof payload.query === 'string' && payload.query !== '' ? payload.query : undefined;
  if (options.persistedQueriesOnly) {
    const allowed =
      (sent === undefined || options.allowList.has(queryHash(sent))) &&
      (hash === undefined || options.allowList.has(hash));
    if (!allowed || (sent === undefined && hash === undefined)) {
      return {
        errors: [
          new ServiceError(
            'PERSISTED_QUERY_NOT_ALLOWED',
            'This service runs only the operations on its allow-list (schema/persisted-queries.json); ' +
              'send one of them, or its sha256 as extensions.persistedQuery.sha256Hash.',
          ),
        ],
      };
    }
  }
  if (sent !== undefined) return sent;
  if (hash !== undefined && options.allowList.has(hash)) return options.allowList.entries[hash];
  return refused('BAD_REQUEST', 'The operation has no query: send its text, or the sha256 of a listed one.');
}

/** graphql-armor's mask of field suggestions, which Apollo applies in a plugin, for errors sent elsewhere. */
function masked(error: GraphQLError, revealSchema: boolean): GraphQLError {
  const message = revealSchema
    ? error.message
    : error.message.replace(/Did you mean ".+"\?/g, '[Suggestion hidden]');
  if (message === error.message) return error;
  return new GraphQLError(message.trim(), { nodes: error.nodes, extensions: error.extensions });
}

/** Parses, validates and costs one operation, or says why it may not run. */
export function guardOperation(options: GuardOptions, payload: OperationPayload): Guarded {
  const { schema, limits } = options;
  const query = queryText(options, payload);
  if (typeof query !== 'string') return query;
  if (payload.operationName != null && typeof payload.operationName !== 'string')
    return refused('BAD_REQUEST', 'operationName must be a string.');
  if (
    payload.variables != null &&
    (typeof payload.variables !== 'object' || Array.isArray(payload.variables))
  )
    return refused('BAD_REQUEST', 'variables must be an object.');
  const operationName = (payload.operationName as string | null | undefined) ?? undefined;
  const variables = (payload.variables as Record<string, unknown> | null | undefined) ?? {};

  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
    return refused('GRAPHQL_PARSE_FAILED', message);
  }
  const rules = [
    ...specifiedRules,
    ...(limits.revealSchema ? [] : [NoSchemaIntrospectionCustomRule]),
    ...options.validationRules,
  ];
  const invalid = validate(schema, document, rules);
  if (invalid.length) {
    return {
      errors: invalid.map((e) =>
        e instanceof ServiceError
          ? e
          : masked(
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
              limits.revealSchema,
            ),
      ),
    };
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return refused(
      'OPERATION_RESOLUTION_FAILURE',
      operationName
        ? `The query has no operation named "${operationName}".`
        : 'The query has several operations: name the one to run (operationName).',
    );
  }
  if (!options.operationTypes.includes(operation.operation)) {
    return refused(
      'BAD_REQUEST',
      `This endpoint runs ${options.operationTypes.join(' and ')} operations only, not a ${operation.operation}` +
        (operation.operation === 'subscription' ? '.' : ': send queries and mutations over HTTP POST.'),
    );
  }
  // As Apollo does before executing: a variable of the wrong type is the client's error (graphql-js would
  // report it with no code, which format-error.ts would take for an internal one).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
    maxErrors: 50,
  });
  if (coerced.errors) {
    return {
      errors: coerced.errors.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
      ),
    };
  }
  const cost = operationCost(schema, document, operation, variables);
  if (cost > limits.maxCost) {
    return {
      errors: [
        new ServiceError(
          'QUERY_TOO_COSTLY',
          `The query would cost about ${Math.round(cost)}, over the limit of ${limits.maxCost}: ask for ` +
            'fewer items, fewer nested lists or fewer fields.',
          { cost: Math.round(cost), maxCost: limits.maxCost },
        ),
      ],
    };
  }
  return { document, operation, operationName, variables };
}
