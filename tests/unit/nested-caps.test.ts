import { GraphQLSchema, execute, parse } from 'graphql';
import { LIMITS, nestedFirst } from '../../src/api/argument-limits';
import { createContext, createStores } from '../../src/api/context';
import { buildGraphSchema } from '../../src/api/schema';
import { BadUserInputError } from '../../src/domain/errors';
import { cannedAnswers } from '../support/canned-rows';
import { RecordingDatabase } from '../support/recording-database';

/**
 * The bounds of the capped lists inside an item (LIMITS.nested, docs/paging.md): `first` from 1 to 100,
 * anything else BAD_USER_INPUT naming the argument and its bounds, refused before any query is sent.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

async function run(operation: string) {
  const db = new RecordingDatabase(cannedAnswers());
  const contextValue = createContext(createStores(db), { auth: { role: 'read', writesEnabled: false } });
  const result = await execute({ schema, document: parse(operation), contextValue });
  return { result, sent: db.sent.map((q) => q.name) };
}

describe('nestedFirst', () => {
  it('takes 1 to 100 and refuses the rest with BAD_USER_INPUT and the bounds', () => {
    expect(LIMITS.nested).toEqual({ min: 1, max: 100, default: 20 });
    expect(nestedFirst(1)).toBe(1);
    expect(nestedFirst(100)).toBe(100);
    for (const bad of [0, -1, 101, 1.5, Number.NaN]) {
      let error: unknown;
      try {
        nestedFirst(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).code).toBe('BAD_USER_INPUT');
      expect((error as BadUserInputError).extensions).toMatchObject({ argument: 'first', min: 1, max: 100 });
    }
  });
});

describe.each([
  ['Entity.mentions', 'mentions(first: %N) { start }', 'mentions-of-entities'],
  ['Entity.stances', 'stances(first: %N) { id }', 'stances-of-entities'],
])('%s(first:)', (_field, selection, query) => {
  it.each([0, 101])('first: %d is refused before its query is sent', async (n) => {
    const { result, sent } = await run(
      `{ entity(id: "putin") { id ${selection.replace('%N', String(n))} } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
    expect(sent).not.toContain(query);
  });

  it.each([1, 100])('first: %d is taken and sent as the cap', async (n) => {
    const { result, sent } = await run(
      `{ entity(id: "putin") { id ${selection.replace('%N', String(n))} } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(sent).toContain(query);
  });
});

describe.each([
  ['StanceCell.stances', 'stances(first: %N) { id }'],
  ['StanceCell.sources', 'sources(first: %N) { stanceCount }'],
])('%s(first:)', (_field, selection) => {
  const matrix = (n: number) =>
    `{ stanceMatrix(actorsFirst: 2, targetsFirst: 2) { cells { stanceCount ${selection.replace('%N', String(n))} } } }`;

  it.each([0, 101])('first: %d is BAD_USER_INPUT with the bounds', async (n) => {
    const { result } = await run(matrix(n));
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
  });

  it('first: 1 shows one of the cell’s items at most', async () => {
    const { result } = await run(matrix(1));
    expect(result.errors).toBeUndefined();
    const cells = (result.data as { stanceMatrix: { cells: Record<string, unknown[]>[] } }).stanceMatrix
      .cells;
    for (const cell of cells) expect(Object.values(cell).find(Array.isArray)!.length).toBeLessThanOrEqual(1);
  });
});

describe.each([
  ['Relation.evidence', (s: string) => `{ relations(of: "russia") { edges { node { ${s} } } } }`],
  ['Edge.evidence', (s: string) => `{ neighborhood(of: "putin") { edges { ${s} } } }`],
])('%s(first:)', (_field, operation) => {
  type Item = { evidence: unknown[]; evidenceCount: number };
  const items = (data: unknown): Item[] => {
    const d = data as {
      relations?: { edges: { node: Item }[] };
      neighborhood?: { edges: Item[] };
    };
    return d.relations ? d.relations.edges.map((e) => e.node) : d.neighborhood!.edges;
  };

  it.each([0, 101])('first: %d is BAD_USER_INPUT with the bounds', async (n) => {
    const { result } = await run(operation(`evidence(first: ${n}) { quote } evidenceCount`));
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
  });

  it(`sends at most first (${LIMITS.factEvidence.default} by default), in order; the count says how many`, async () => {
    const all = await run(operation('evidence(first: 100) { quote start end sentenceId } evidenceCount'));
    const one = await run(operation('evidence(first: 1) { quote start end sentenceId } evidenceCount'));
    const byDefault = await run(operation('evidence { quote start end sentenceId } evidenceCount'));
    expect([all.result.errors, one.result.errors, byDefault.result.errors]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const full = items(all.result.data);
    expect(full.length).toBeGreaterThan(0);
    // execute() does not validate: a field the type has not got would come back as nothing at all.
    expect(full.flatMap((i) => i.evidence)).toContainEqual(
      expect.objectContaining({ quote: expect.any(String) }),
    );
    full.forEach((item, i) => {
      expect(item.evidence).toHaveLength(item.evidenceCount);
      expect(items(one.result.data)[i].evidence).toEqual(item.evidence.slice(0, 1));
      expect(items(byDefault.result.data)[i].evidence).toEqual(
        item.evidence.slice(0, LIMITS.factEvidence.default),
      );
    });
  });
});
