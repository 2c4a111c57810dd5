import { ExecutionResult, GraphQLSchema, execute, parse, validate } from 'graphql';
import { createContext, createStores } from '../../src/api/context';
import { buildGraphSchema } from '../../src/api/schema';
import { cannedAnswers } from '../support/canned-rows';
import { Answers, RecordingDatabase } from '../support/recording-database';

/**
 * How much of each edge's evidence the subgraph queries (neighborhood, overview for `graph`, path) are asked
 * to read: $evidenceFirst, from the GraphQL selection (src/api/selection.ts). Run over canned rows: what is
 * checked is the parameter sent and what the resolvers make of the row, not the Cypher (the live suite's:
 * tests/e2e/edge-evidence.test.ts).
 */

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

async function run(operation: string, variables: Record<string, unknown> = {}, answers = cannedAnswers()) {
  const db = new RecordingDatabase(answers);
  const document = parse(operation);
  expect(validate(schema, document)).toEqual([]);
  const result = (await execute({
    schema,
    document,
    variableValues: variables,
    contextValue: createContext(createStores(db), { auth: { role: 'read', writesEnabled: false } }),
  })) as ExecutionResult<Record<string, { edges: Record<string, unknown>[] }>>;
  const sent = db.sent
    .filter((q) => ['neighborhood', 'overview', 'path'].includes(q.name))
    .map((q) => q.params.evidenceFirst);
  return { result, sent };
}

describe('$evidenceFirst: the most evidence any edge of the answer shows', () => {
  it.each([
    ['no edge evidence asked', '{ neighborhood(of: "putin") { edges { id } } }', {}, [0]],
    ['evidenceCount alone', '{ graph { edges { evidenceCount } } }', {}, [0]],
    [
      'evidence without first: the default',
      '{ neighborhood(of: "putin") { edges { evidence { quote } } } }',
      {},
      [5],
    ],
    [
      'aliases asking different values: the largest',
      '{ graph { edges { a: evidence(first: 2) { quote } b: evidence(first: 9) { quote } } } }',
      {},
      [9],
    ],
    [
      'through a named fragment, an inline fragment and a variable',
      'query Q($n: Int!) { path(from: "Zelensky", to: "sumy") { ...P } } fragment P on Subgraph { edges { ... on Edge { evidence(first: $n) { quote } } } }',
      { n: 3 },
      [3],
    ],
    [
      'left out by @skip and @include',
      'query Q($no: Boolean!) { neighborhood(of: "putin") { edges { evidence @skip(if: true) { quote } e: evidence(first: 7) @include(if: $no) { quote } evidenceCount } } }',
      { no: false },
      [0],
    ],
    [
      'kept by @include(if: true)',
      'query Q($yes: Boolean!) { neighborhood(of: "putin") { edges { evidence(first: 7) @include(if: $yes) { quote } } } }',
      { yes: true },
      [7],
    ],
    [
      'sentences without evidence: those the default evidence quotes',
      '{ graph { sentences { id } } }',
      {},
      [5],
    ],
    [
      'sentences with evidence: those the evidence asked quotes',
      '{ graph { sentences { id } edges { evidence(first: 1) { sentenceId } } } }',
      {},
      [1],
    ],
    [
      'each root field its own',
      '{ a: neighborhood(of: "putin") { edges { evidence(first: 2) { quote } } } b: neighborhood(of: "putin") { edges { id } } }',
      {},
      [2, 0],
    ],
  ])('%s', async (_name, operation, variables, expected) => {
    const { result, sent } = await run(operation, variables);
    expect(result.errors).toBeUndefined();
    expect(sent).toEqual(expected);
  });

  it('a first out of range is refused as before, and the query is asked no more than the maximum', async () => {
    const { result, sent } = await run('{ graph { edges { evidence(first: 500) { quote } } } }');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(sent).toEqual([100]);
  });

  it('evidenceCount is the row’s count, not the length of the evidence sent; each alias cut to its first', async () => {
    const answers: Answers = cannedAnswers();
    const canned = answers.neighborhood as Record<string, unknown>[];
    const rows = canned.map((row) => ({
      ...row,
      edges: (row.edges as { evidence: unknown[] }[]).map((e) => ({
        ...e,
        evidence: [...e.evidence, ...e.evidence.map((v) => ({ ...(v as object), start: 999 }))],
        evidenceCount: 42,
      })),
    }));
    const { result } = await run(
      '{ neighborhood(of: "putin") { edges { one: evidence(first: 1) { start } two: evidence(first: 2) { start } evidenceCount } } }',
      {},
      { ...answers, neighborhood: rows },
    );
    expect(result.errors).toBeUndefined();
    const edges = result.data!.neighborhood.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      expect(edge.evidenceCount).toBe(42);
      expect(edge.one).toHaveLength(1);
      expect(edge.two).toHaveLength(2);
    }
  });
});

describe('$sentences: graph sends the sentences its evidence quotes only when the question asks for them', () => {
  const sentencesSent = async (operation: string, variables: Record<string, unknown> = {}) => {
    const db = new RecordingDatabase(cannedAnswers());
    const result = await execute({
      schema,
      document: parse(operation),
      variableValues: variables,
      contextValue: createContext(createStores(db), { auth: { role: 'read', writesEnabled: false } }),
    });
    expect(result.errors).toBeUndefined();
    const sent = db.sent.filter((q) => q.name === 'overview').map((q) => q.params.sentences);
    return {
      data: result.data as Record<string, { edges: { evidence: Record<string, unknown>[] }[] }>,
      sent,
    };
  };

  it.each([
    ['evidence by sentenceId', '{ graph { edges { evidence { quote sentenceId } } } }', {}, [false]],
    ['no evidence', '{ graph { nodes { id } edges { id evidenceCount } } }', {}, [false]],
    ['sentences', '{ graph { sentences { id text } } }', {}, [true]],
    ['evidence { sentence }', '{ graph { edges { evidence { sentence { text } } } } }', {}, [true]],
    [
      'evidence { sentence } through fragments',
      '{ graph { ...G } } fragment G on Subgraph { edges { evidence { ... on Evidence { sentence { id } } } } }',
      {},
      [true],
    ],
    [
      'sentences left out by @skip',
      'query Q($no: Boolean!) { graph { sentences @skip(if: $no) { id } edges { id } } }',
      { no: true },
      [false],
    ],
  ])('%s', async (_name, operation, variables, expected) => {
    const { sent } = await sentencesSent(operation, variables);
    expect(sent).toEqual(expected);
  });

  it('evidence asked with its sentence still gets it', async () => {
    const { data } = await sentencesSent(
      '{ graph { edges { evidence { sentenceId sentence { id text } } } } }',
    );
    const evidence = data.graph.edges.flatMap((e) => e.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect((e.sentence as { id: string }).id).toBe(e.sentenceId);
  });
});
