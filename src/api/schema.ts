import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, isUnionType, lexicographicSortSchema, printSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import type { EventBus } from '../events/bus';
import { REPO_ROOT } from '../config';
import { AggregateResolver, CellSourceResolver } from './aggregate/aggregate.resolver';
import {
  DocumentResolver,
  EvidenceResolver,
  MentionResolver,
  SentenceResolver,
} from './document/document.resolver';
import { DraftResolver } from './draft/draft.resolver';
import { EntityResolver } from './entity/entity.resolver';
import { LoadResolver } from './load/load.resolver';
import { RelationResolver } from './relation/relation.resolver';
import { SearchResolver, searchResultType } from './search/search.resolver';
import { ConditionStatusResolver, ObjectionResolver } from './stance/objection.resolver';
import { StanceResolver } from './stance/stance.resolver';
import { EventsResolver } from './subscriptions/events.resolver';
import { EdgeResolver } from './subgraph/edge.resolver';
import { SubgraphResolver } from './subgraph/subgraph.resolver';
import { VersionResolver } from './version/version.resolver';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'schema.graphql');

export const RESOLVERS = [
  VersionResolver,
  EntityResolver,
  StanceResolver,
  ObjectionResolver,
  ConditionStatusResolver,
  RelationResolver,
  SubgraphResolver,
  EdgeResolver,
  SearchResolver,
  DocumentResolver,
  SentenceResolver,
  EvidenceResolver,
  MentionResolver,
  AggregateResolver,
  CellSourceResolver,
  LoadResolver,
  DraftResolver,
  EventsResolver,
] as const;

/**
 * Every @ObjectType is declared with `simpleResolvers: true`: the records the stores return are plain data,
 * no middleware or auth checker wraps fields, so a field without a resolver method of its own needs none;
 * graphql-jit (src/api/executor.ts) then reads it straight from the record instead of calling a wrapper per
 * field (bench/results/ab5-simple-resolvers-*). tests/unit/schema.test.ts holds every type to it.
 */
export interface SchemaOptions {
  /**
   * The event bus's PubSub (src/events/bus.ts). type-graphql needs one to build subscriptions; theirs
   * subscribe to the bus the WebSocket endpoint puts in their context, which the service makes the same.
   * Default: a PubSub of its own, for a schema that serves no subscriptions (emit-schema, tests).
   */
  pubSub?: EventBus['pubSub'];
}

export async function buildGraphSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    validate: false,
    pubSub: options.pubSub ?? createPubSub(),
  });
  // type-graphql makes every resolveType asynchronous; graphql-jit (src/api/executor.ts) resolves abstract
  // types synchronously only.
  const searchResult = schema.getType('SearchResult');
  if (isUnionType(searchResult)) searchResult.resolveType = searchResultType;
  // type-graphql has no decorator for the root type's own description.
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Traversals of the stance graph. Arguments that name an entity take its id or any name or alias; ' +
      'every stance, citation, relation and edge carries its evidence.';
  }
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Writes, and drafts (expensive, so never a GET); each needs `Authorization: Bearer <write token>`.';
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      'Live updates over WebSocket (graphql-ws, subprotocol graphql-transport-ws) on the same path as ' +
      'queries. Each event is sent after the load it reports has committed, once per subscription; ' +
      'the read token, when the service needs one, goes in connectionParams as { authorization: ' +
      '"Bearer <token>" }.';
  }
  return schema;
}

/** The SDL as committed in schema/schema.graphql: sorted, so that a diff shows only real changes. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphSchema()))}\n`;
}

export async function emitSchemaFile(file = SCHEMA_FILE): Promise<string> {
  writeFileSync(file, await printSortedSchema());
  return file;
}
