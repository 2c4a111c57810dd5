import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, isUnionType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
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
import { ObjectionResolver } from './stance/objection.resolver';
import { StanceResolver } from './stance/stance.resolver';
import { SubgraphResolver } from './subgraph/subgraph.resolver';
import { VersionResolver } from './version/version.resolver';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'schema.graphql');

export const RESOLVERS = [
  VersionResolver,
  EntityResolver,
  StanceResolver,
  ObjectionResolver,
  RelationResolver,
  SubgraphResolver,
  SearchResolver,
  DocumentResolver,
  SentenceResolver,
  EvidenceResolver,
  MentionResolver,
  AggregateResolver,
  CellSourceResolver,
  LoadResolver,
  DraftResolver,
] as const;

/**
 * Every @ObjectType is declared with `simpleResolvers: true`: the records the stores return are plain data,
 * no middleware or auth checker wraps fields, so a field without a resolver method of its own needs none;
 * graphql-jit (src/api/executor.ts) then reads it straight from the record instead of calling a wrapper per
 * field (bench/results/ab5-simple-resolvers-*). tests/unit/schema.test.ts holds every type to it.
 */
export async function buildGraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: [...RESOLVERS], validate: false });
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
