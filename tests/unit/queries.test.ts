import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  ExecutionResult,
  GraphQLSchema,
  Kind,
  TypeInfo,
  execute,
  isObjectType,
  parse,
  subscribe,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { BusTopics } from '../../src/events/bus';
import { EventPayloads, Topic } from '../../src/events/events';
import { createContext, createStores } from '../../src/api/context';
import { DraftService } from '../../src/api/draft/draft.service';
import type { Draft } from '../../src/draft/types';
import { buildGraphSchema } from '../../src/api/schema';
import { CYPHER_DIR } from '../../src/cypher';
import { cannedAnswers } from '../support/canned-rows';
import { RecordingDatabase, SentQuery } from '../support/recording-database';
import { syntheticDocument } from '../../testkit/synthetic';

/**
 * The named queries and parameters each GraphQL operation sends, snapshotted without a database (the
 * @neo4j/graphql habit): the real schema, resolvers, stores and per-request DataLoaders run over a
 * RecordingDatabase that answers from canned rows (tests/support/canned-rows.ts). A change in what a
 * request sends — another query, one more round trip, a parameter renamed or no longer batched — shows
 * here as a snapshot diff in a second, with no JVM. What the queries select is the live suite's to check
 * (tests/integration/round-trips.test.ts, against a real Neo4j).
 */

interface Case {
  operation: string;
  variables?: Record<string, unknown>;
  /** draftDocument's drafter, for the case that asks for a draft. */
  drafts?: DraftService;
  /** For a subscription: the event published once it listens; its first answer must come from it. */
  event?: { [T in Topic]: { topic: T; payload: EventPayloads[T] } }[Topic];
}

/**
 * A drafter whose NLP and drafting are doubles (src/draft/draft.ts is tested on its own): what the
 * resolver sends of its own is what shows. It asks its linker, as the real drafter does, for two names.
 */
const DRAFT_ARTICLE = 'Putin rejected a full ceasefire.\n';
const draftDouble = new DraftService({
  nlp: async () => ({
    name: 'double',
    parse: async (text) => ({ backend: 'double', text, sentences: [], coref: [], quotes: [] }),
  }),
  linker: () => ({ link: async (names) => new Map(names.map((n) => [n, undefined])) }),
  unavailableHint: '',
  linkTimeoutMs: 1_000,
  draft: async (options, { nlp, linker }) => {
    await nlp.parse(options.article, options.date);
    await linker.link(['Putin', 'full ceasefire']);
    return {
      yaml: 'document: {}\n',
      annotation: { document: { id: options.id ?? 'drafted' } } as Draft['annotation'],
      backend: nlp.name,
      parseMs: 1,
      extractMs: 1,
      items: [
        {
          type: 'claim',
          id: 'putin-rejects-full-ceasefire',
          kind: 'REJECTS',
          confidence: 0.5,
          begin: 0,
          end: 31,
          quote: options.article.slice(0, 31),
          spans: [{ begin: 0, end: 31 }],
          from: 'putin',
          to: 'full-ceasefire',
          polarity: 'OPPOSE',
          reason: 'a double',
        },
      ],
    };
  },
});

const cursor = (field: string, ...key: unknown[]) =>
  Buffer.from(JSON.stringify([field, ...key])).toString('base64url');
const synthetic = syntheticDocument({ id: 'synthetic-unit', sentences: 3 });

/** One operation per root field (some more), selecting little below it: the root field's own queries. */
const ROOT_FIELDS: Record<string, Case> = {
  supporters: { operation: '{ supporters(of: "limited ceasefire") { id kind polarity } }' },
  opponents: { operation: '{ opponents(of: "full-ceasefire") { id } }' },
  stances: {
    operation:
      '{ stances(actor: "Putin", target: "full ceasefire", kinds: [REJECTS], polarities: [OPPOSE]) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
  },
  'stances (no filter: every stance)': { operation: '{ stances { edges { node { id } } } }' },
  'stances (by actor, a later page)': {
    operation: `{ stances(actor: "putin", first: 5, after: "${cursor('stances', 'call-2025-03-18:c1')}") { edges { node { id } } } }`,
  },
  citedAsObjections: {
    operation:
      '{ citedAsObjections(by: "Zelensky", against: "putin") { edges { cursor node { cited { id } by { id } objection { id } evidence { quote } } } pageInfo { hasNextPage } } }',
  },
  conditions: {
    operation:
      '{ conditions(for: "full ceasefire") { edges { node { condition { id } for { id } conditionFor { type } setBy { id } rejectedBy(first: 1) { id } acceptedBy { id } stances(first: 100) { id } stancesCount setByCount rejectedByCount acceptedByCount } } } }',
  },
  relations: {
    operation:
      '{ relations(of: "russia", types: [CARRIED_OUT, LEADS], direction: OUT) { totalCount edges { cursor node { type from { id } to { id } } } pageInfo { hasNextPage } } }',
  },
  entity: { operation: '{ entity(id: "putin") { id name kind aliases } }' },
  'entity with all its stances (one round trip)': {
    operation: '{ entity(id: "putin") { id name stances { id actor { id } target { id } } } }',
  },
  'entity with all its stances, in none (its own lookup as well)': {
    operation: '{ entity(id: "sumy") { id stances { id } } }',
  },
  'entity with a few of its stances and mentions, and how many there are (capped lists)': {
    operation:
      '{ entity(id: "putin") { id stances(role: ACTOR, first: 2) { id } stancesCount(role: ACTOR) mentions(first: 1) { start } mentionsCount } }',
  },
  'entities with their mentions: one query for all of them, per cap': {
    operation:
      '{ a: entity(id: "putin") { mentions(first: 1) { start } } b: entity(id: "trump") { mentions(first: 1) { start } } c: entity(id: "zelensky") { mentions { start } } }',
  },
  resolve: {
    operation: '{ resolve(name: "the Russian leader", first: 3) { entity { id } score matchedOn } }',
  },
  search: {
    operation:
      '{ search(text: "drone attacks", first: 5) { edges { cursor node { __typename ... on Entity { id } ... on Sentence { id } } } pageInfo { hasNextPage } } }',
  },
  entities: {
    operation: `{ entities(kind: PERSON, first: 2, after: "${cursor('entities', 'putin')}") { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  },
  neighborhood: {
    operation: '{ neighborhood(of: "putin", depth: 2) { nodes { id } edges { id kind type } truncated } }',
  },
  graph: {
    operation: '{ graph(first: 50, kinds: [PERSON, PROPOSAL]) { nodes { id } edges { id } truncated } }',
  },
  path: {
    operation:
      '{ path(from: "Zelensky", to: "sumy", maxHops: 3) { nodes { id } edges { type from { id } to { id } } } }',
  },
  documents: {
    operation:
      '{ documents { totalCount edges { cursor node { id title publishedAt } } pageInfo { hasNextPage endCursor } } }',
  },
  'documents (after a cursor, a page of 2)': {
    operation: `{ documents(first: 2, after: "${cursor('documents', '2025-03-18', 'call-2025-03-18')}") { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }`,
  },
  document: { operation: '{ document(id: "call-2025-03-18") { id title } }' },
  stanceMatrix: {
    operation:
      '{ stanceMatrix(actors: ["Putin", "zelensky"], targets: ["limited ceasefire", "full-ceasefire"], actorsFirst: 10, targetsFirst: 5) { totalActors totalTargets actorsLeftOut targetsLeftOut actors { id } targets { id } cells { actor { id } target { id } kinds polarity stanceCount evidenceCount } } }',
  },
  'stanceMatrix (no filter)': { operation: '{ stanceMatrix { actors { id } cells { polarity } } }' },
  'stanceMatrix (cells through a fragment: their lists asked for)': {
    operation:
      '{ stanceMatrix { cells { ...C } } } fragment C on StanceCell { stanceCount ... on StanceCell { sources { document { id } } } }',
  },
  'stanceMatrix (a fragment without stances or sources; sources skipped: no lists)': {
    operation:
      '{ stanceMatrix { cells { ...C sourcesCount @skip(if: true) } } } fragment C on StanceCell { stanceCount }',
  },
  counts: {
    operation: '{ counts(groupBy: DOCUMENT) { groups { key label count } totalGroups groupsLeftOut } }',
  },
  timeline: {
    operation:
      '{ timeline(from: "2025-03-01", to: "2025-03-31") { edges { cursor node { date dateText kind entity { id } stance { id } evidence { quote } } } pageInfo { hasNextPage } } }',
  },
  stanceHistory: {
    operation:
      '{ stanceHistory(actor: "Putin", target: "full ceasefire") { statedOn changed previousPolarity stance { id reportedOn statedOn dateInferred evidence { quote } } } }',
  },
  'stanceHistory (scoped: the document ids checked alongside the names)': {
    operation:
      '{ stanceHistory(actor: "Putin", target: "full-ceasefire", documents: ["call-2025-03-18"], from: "2025-03-01", to: "2025-03-31") { changed stance { id } } }',
  },
  'stanceHistory (first: the cut is the query’s $first)': {
    operation:
      '{ stanceHistory(actor: "Putin", target: "full ceasefire", first: 1) { changed stance { id } } }',
  },
  'supporters and opponents (first: the cut is the query’s $limit)': {
    operation:
      '{ supporters(of: "limited ceasefire", first: 2) { id } opponents(of: "full-ceasefire", first: 1) { id } }',
  },
  'supporters (scoped to a date window: no lookup of its own)': {
    operation:
      '{ supporters(of: "limited ceasefire", from: "2025-03-18", to: "2025-03-18") { id statedOn } }',
  },
  'stanceMatrix (scoped, with the sources of each cell)': {
    operation:
      '{ stanceMatrix(documents: ["call-2025-03-18"], to: "2025-04-01") { cells { polarity sourcesDisagree sources { polarity polarities stanceCount } } } }',
  },
  'counts by DATE (weeks, scoped)': {
    operation: '{ counts(groupBy: DATE, bucket: WEEK, from: "2025-03-01") { groups { key label count } } }',
  },
  'neighborhood, graph, path, relations, conditions, citedAsObjections (scoped)': {
    operation:
      '{ neighborhood(of: "putin", documents: ["call-2025-03-18"]) { truncated } graph(from: "2025-03-18") { truncated } path(from: "Zelensky", to: "sumy", reportedTo: "2025-03-31") { truncated } relations(of: "russia", to: "2025-03-31") { edges { node { type } } } conditions(from: "2025-03-01") { edges { node { condition { id } } } } citedAsObjections(to: "2025-03-31") { edges { node { cited { id } } } } }',
  },
  'every traversal narrowed by minConfidence and methods (parameters; methods sorted, each once)': {
    operation:
      '{ supporters(of: "limited ceasefire", minConfidence: 0.6, methods: [REVIEWED, HAND, HAND]) { id confidence method } relations(of: "russia", minConfidence: 0.6) { edges { node { type confidence method } } } neighborhood(of: "putin", methods: [DRAFT]) { truncated } path(from: "Zelensky", to: "sumy", minConfidence: 0.5) { truncated } stanceMatrix(minConfidence: 0.9) { cells { polarity } } timeline(methods: [HAND]) { edges { node { date } } } counts(groupBy: POLARITY, minConfidence: 1) { groups { key } } conditions(minConfidence: 0) { edges { node { condition { id } } } } citedAsObjections(methods: [REVIEWED]) { edges { node { cited { id } } } } }',
  },
  'timeline (scoped by documents and the reporting window)': {
    operation:
      '{ timeline(from: "2025-03-01", documents: ["call-2025-03-18"], reportedFrom: "2025-03-18", reportedTo: "2025-03-18") { edges { node { date kind } } } }',
  },
  version: { operation: '{ version }' },
  'validateDocument (reads the stored registry, writes nothing)': {
    operation:
      'query Validate($article: String!, $annotation: String!) { validateDocument(article: $article, annotation: $annotation) { valid problems { file line column field code message severity } } }',
    variables: synthetic,
  },
  'draftDocument (the drafter a double: only the registry it is checked against)': {
    operation: `mutation { draftDocument(article: ${JSON.stringify(DRAFT_ARTICLE)}, date: "2025-03-18", id: "drafted") { documentId backend yaml parseMs extractMs items { type id kind confidence quote begin end spans { begin end } reason linkedTo from to polarity } } }`,
    drafts: draftDouble,
  },
  loadDocument: {
    operation:
      'mutation Load($article: String!, $annotation: String!) { loadDocument(article: $article, annotation: $annotation) { documentId status claims facts } }',
    variables: synthetic,
  },
  'documentLoaded (from the event alone: no query)': {
    operation:
      'subscription { documentLoaded { id title status counts { entities claims facts mentions } committedAt eventId } }',
    event: {
      topic: 'documentLoaded',
      payload: {
        id: 'call-2025-03-18',
        title: 'A call',
        status: 'REPLACED',
        counts: { entities: 1, claims: 2, facts: 3, mentions: 4 },
        committedAt: '2025-03-18T12:00:00.000Z',
        eventId: 'e1',
      },
    },
  },
  'eventStatus (from the bus alone: no query)': {
    operation: 'subscription { eventStatus { health since } }',
  },
  'stancesChanged (its names resolved once, when it starts)': {
    operation:
      'subscription { stancesChanged(actor: "Putin", target: "full ceasefire") { documentId eventId added { actorId kind polarity targetId claimId } removed { claimId } } }',
    event: {
      topic: 'stancesChanged',
      payload: {
        documentId: 'call-2025-03-18',
        added: [
          { actorId: 'putin', kind: 'REJECTS', targetId: 'full-ceasefire', claimId: 'c1' },
          { actorId: 'putin', kind: 'AGREES_TO', targetId: 'energy-ceasefire', claimId: 'c2' },
        ],
        removed: [],
        eventId: 'e2',
      },
    },
  },
};

/**
 * Every field with a resolver of its own below the root goes through a DataLoader: each case asks for it
 * under several parents, so the snapshot shows the one batched query per field and level.
 */
const NESTED_FIELDS: Record<string, Case> = {
  'Entity.stances (both roles, one role, kinds)': {
    operation:
      '{ entities(first: 3) { edges { node { id stances { id } taken: stances(role: ACTOR, kinds: [REJECTS, DEMANDS]) { id } onIt: stances(role: TARGET) { id } } } } }',
  },
  'Entity.relations': {
    operation:
      '{ entities(first: 3) { edges { node { all: relations { type } out: relations(types: [CARRIED_OUT], direction: OUT) { type } } } } }',
  },
  // The count alone is the same query with first 0; a cap of its own is a loader (and a query) of its own.
  'Entity.relations(first:), Entity.relationsCount': {
    operation:
      '{ entities(first: 3) { edges { node { two: relations(first: 2) { type } relationsCount outCount: relationsCount(direction: OUT) } } } }',
  },
  // Cut from what the conditions query read (the largest first asked of either, 0 for neither).
  'ConditionStatus.for(first:), conditionFor(first:), forCount, conditionForCount': {
    operation:
      '{ conditions { edges { node { for(first: 1) { id } conditionFor(first: 3) { type } forCount conditionForCount } } } counted: conditions { edges { node { forCount } } } }',
  },
  'Entity.mentions, Mention.document': {
    operation:
      '{ entities(first: 10) { edges { node { mentions { surface start end sentence { id } document { id } } } } } }',
  },
  'Stance.respondsTo, Stance.responses': {
    operation: '{ stances { edges { node { id respondsTo { id kind } responses { id kind } } } } }',
  },
  'Evidence.document': {
    operation: '{ stances { edges { node { evidence { quote document { id title } } } } } }',
  },
  'Sentence.document, Sentence.mentions': {
    operation:
      '{ search(text: "Sumy") { edges { node { ... on Sentence { id document { id } mentions { surface entity { id name } } } } } } }',
  },
  'Document.text, Document.sentences, Document.headings': {
    operation:
      '{ documents { edges { node { id text sentences { id heading { text } } headings { id text } } } } }',
  },
  'Relation.about': { operation: '{ relations(of: "trump") { edges { node { type about { id name } } } } }' },
  // Cut from what the page's query read: no query of their own.
  'Relation.evidence(first:), Relation.evidenceCount, Edge.evidenceCount': {
    operation:
      '{ relations(of: "russia") { edges { node { evidence(first: 1) { quote } evidenceCount } } } neighborhood(of: "putin") { edges { evidence(first: 1) { quote } evidenceCount } } }',
  },
  'Stance.document, CellSource.document (one document lookup for all)': {
    operation: '{ stanceMatrix { cells { sources { document { id } } stances { document { id title } } } } }',
  },
  'Entity.stances, Entity.relations in a scope (one loader per scope)': {
    operation:
      '{ entities(first: 3) { edges { node { all: stances { id } scoped: stances(documents: ["call-2025-03-18"]) { id } windowed: stances(from: "2025-03-18") { id } relations(to: "2025-03-18") { type } } } } }',
  },
  'StanceCell.stances': { operation: '{ stanceMatrix { cells { stances { id kind } } } }' },
  'Edge.stance': { operation: '{ neighborhood(of: "putin") { edges { kind stance { id kind } } } }' },
  // Each sentence once, and evidence naming it by id (or still as a whole): no query of their own.
  'Evidence.sentenceId, Subgraph.sentences': {
    operation:
      '{ neighborhood(of: "putin", limit: 3) { sentences { id text } omittedNodes omittedEdges edges { evidence { sentenceId sentence { id } } } } }',
  },
  'deep navigation: one query a level, whatever the number of parents': {
    operation:
      '{ entities(first: 10) { edges { node { stances(role: ACTOR) { target { name } actor { stances { evidence { sentence { mentions { entity { id } } } document { id } } } } } } } } }',
  },
};

const ALL_CASES = { ...ROOT_FIELDS, ...NESTED_FIELDS };

/**
 * Named queries no operation sends, and why. Keep it exact: the test fails when one becomes reachable
 * too, so that the list never hides a query the API has started to send.
 */
const NOT_SENT_BY_THE_API: Record<string, string> = {
  'graph-stamp': 'read by the response cache on a timer (src/api/cache/http.ts), never by a field',
};

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

/**
 * A load's planSha256 hashes its plan together with the text of cypher/ingest, so that a changed loader
 * rewrites stored documents: shown as a placeholder, or every edit of an ingest statement would change
 * the snapshot of what is sent.
 */
const withoutVersions = (sent: SentQuery[]): SentQuery[] =>
  JSON.parse(
    JSON.stringify(sent, (key, value) =>
      key === 'planSha256' && typeof value === 'string' ? '<plan and cypher/ingest sha256>' : value,
    ),
  );

/** The queries an operation sends through the real schema and context, from a cold name cache. */
async function sentBy({ operation, variables, drafts, event }: Case): Promise<SentQuery[]> {
  const db = new RecordingDatabase(cannedAnswers());
  const document = parse(operation);
  expect(validate(schema, document)).toEqual([]);
  const pubSub = createPubSub<BusTopics>();
  const events = {
    pubSub,
    status: () => ({ health: 'ok' as const, since: '2026-01-01T00:00:00.000Z' }),
    onStatusChange: () => () => {},
  };
  const contextValue = createContext(createStores(db), {
    auth: { role: 'write', writesEnabled: true },
    drafts,
    events,
  });
  const isSubscription = document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription',
  );
  let result: ExecutionResult;
  if (isSubscription) {
    const stream = await subscribe({ schema, document, variableValues: variables, contextValue });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream.errors));
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    // The stream listens from its first pull; the pipeline of operators gets there within a turn.
    await new Promise((resolve) => setImmediate(resolve));
    if (event) (pubSub.publish as (topic: Topic, payload: unknown) => void)(event.topic, event.payload);
    result = (await first).value as ExecutionResult;
    await iterator.return?.();
  } else {
    result = await execute({ schema, document, variableValues: variables, contextValue });
  }
  expect(result.errors).toBeUndefined();
  expect(result.data).toBeTruthy();
  return db.sent;
}

/** Type.field of every field an operation selects, fragments included. */
function fieldsSelected({ operation }: Case): string[] {
  const typeInfo = new TypeInfo(schema);
  const fields: string[] = [];
  visit(
    parse(operation),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && !node.name.value.startsWith('__')) fields.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return fields;
}

describe('the named queries and parameters each root field sends', () => {
  it.each(Object.entries(ROOT_FIELDS))('%s', async (_name, c) => {
    expect(withoutVersions(await sentBy(c))).toMatchSnapshot();
  });
});

describe('the named queries and parameters each nested field sends, batched across its parents', () => {
  it.each(Object.entries(NESTED_FIELDS))('%s', async (_name, c) => {
    expect(await sentBy(c)).toMatchSnapshot();
  });
});

describe('nothing slips by', () => {
  const covered = () => new Set(Object.values(ALL_CASES).flatMap(fieldsSelected));

  it('every root field (Query, Mutation, Subscription) has a case', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const rootFields = roots.flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    expect(rootFields.length).toBeGreaterThan(15);
    const seen = covered();
    expect(rootFields.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('every field with a resolver of its own (a DataLoader or a store behind it) has a case', () => {
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const resolved = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !roots.has(t))
      .flatMap((t) =>
        isObjectType(t)
          ? Object.values(t.getFields())
              .filter((f) => f.resolve)
              .map((f) => `${t.name}.${f.name}`)
          : [],
      );
    expect(resolved.length).toBeGreaterThan(10);
    const seen = covered();
    expect(resolved.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('every named query in cypher/queries is sent by some case, or listed with the reason it is not', async () => {
    const sent = new Set<string>();
    for (const c of Object.values(ALL_CASES)) for (const q of await sentBy(c)) sent.add(q.name);
    const named = readdirSync(path.join(CYPHER_DIR, 'queries'))
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => f.replace(/\.cypher$/, ''));
    expect(named.filter((n) => !sent.has(n)).sort()).toEqual(Object.keys(NOT_SENT_BY_THE_API).sort());
  });
});
