import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  DocumentNode,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
  OperationDefinitionNode,
  execute,
  getVariableValues,
  printSchema,
} from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/**
 * Executing an operation with graphql-js walks its selections anew on every request, field by field
 * (completeValue, getArgumentValues, …): for the neighbourhood's ~1,500 fields that is a visible share of
 * the service's CPU. graphql-jit compiles an operation once into a function that builds the answer
 * directly. The same resolvers run either way.
 *
 * Apollo Server lets a `gateway` supply the executor and keeps everything else: parsing and its
 * document cache, validation with our rules, the plugins (cost, graphql-armor), error formatting and HTTP
 * status. Apollo hands every request with the same query text the same parsed document, so compiled
 * operations are kept by operation node (a WeakMap: they go when Apollo's cache drops the document).
 *
 * An operation is compiled the second time it runs; the first run, and any operation graphql-jit cannot
 * compile, go through graphql-js, so that a client sending ever new queries costs no compilation. Before a
 * compiled operation runs, its variables are coerced by graphql-js: a bad variable is refused exactly as
 * graphql-js refuses it (Apollo gives that BAD_USER_INPUT). graphql-jit's errors are rebuilt as
 * graphql-js GraphQLErrors (plugins may rewrite their messages; graphql-jit's are read-only), keeping
 * the original error, whose code format-error.ts reads.
 */
export interface JitOptions {
  /** The run of an operation at which it is compiled: the second by default (1: the first). */
  compileAfter?: number;
}

/** Not compilable by graphql-jit: executed by graphql-js every time. */
const NOT_COMPILABLE = -1;

function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  return Object.assign(rebuilt, { locations: error.locations });
}

export function jitExecutor(schema: GraphQLSchema, options: JitOptions = {}): Executor {
  const compileAfter = Math.max(1, options.compileAfter ?? 2);
  /** Per operation: how often it ran uncompiled, NOT_COMPILABLE, or its compiled form. */
  const operations = new WeakMap<OperationDefinitionNode, number | CompiledQuery>();

  const compiled = (document: DocumentNode, operation: OperationDefinitionNode, name?: string) => {
    const state = operations.get(operation) ?? 0;
    if (typeof state !== 'number') return state;
    if (state === NOT_COMPILABLE) return undefined;
    if (state + 1 < compileAfter) {
      operations.set(operation, state + 1);
      return undefined;
    }
    let query: CompiledQuery | ExecutionResult | undefined;
    try {
      query = compileQuery(schema, document, name);
    } catch {
      // Whatever graphql-jit cannot compile, graphql-js still executes.
    }
    const usable = query && isCompiledQuery(query) ? query : undefined;
    operations.set(operation, usable ?? NOT_COMPILABLE);
    return usable;
  };

  return async (request) => {
    const { document, context } = request;
    // The name the client sent (Apollo's own execution passes it so): graphql-js refuses an unknown one.
    const operationName = request.request.operationName;
    // Undefined when the document names no operation to run (two unnamed ones, an unknown operationName):
    // graphql-js then answers with the error Apollo expects.
    const operation = request.operation as OperationDefinitionNode | undefined;
    const variables = request.request.variables ?? {};
    const query = operation && compiled(document, operation, operationName);
    if (!operation || !query) {
      return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    }
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result: ExecutionResult = await query.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
}

/** The `gateway` option of ApolloServer that serves schema with jitExecutor. */
export function jitGateway(schema: GraphQLSchema, options: JitOptions = {}): Gateway {
  const listeners = new Set<Parameters<Gateway['onSchemaLoadOrUpdate']>[0]>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const coreSupergraphSdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl });
      return { executor: jitExecutor(schema, options) };
    },
    async stop() {
      listeners.clear();
    },
  };
}
