import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { cypher, cypherFile } from '../../src/cypher';
import { Database } from '../../src/db/database';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The graph root field's query (cypher/queries/overview.cypher) chooses its edges from weight groups: every
 * edge among the entities kept is read with its weight, but only those at or above the cut's weight are
 * sorted on their other keys (type, endpoint ids, claim id). Its answers must be those of the query that
 * sorted every edge (tests/integration/fixtures/overview/sort-every-edge.cypher): the same nodes, the same
 * edges in the same order, the same evidence, sentences and counts, whether the cut falls between weights or
 * inside a run of equal ones; on the seed and on synthetic corpora of growing size, unnarrowed (the stored
 * degree) and narrowed (the walk). Asked without sentences ($sentences false), the same answer with none.
 */

let db: Database;
let dir: string;
let synthetic: string[];

const REFERENCE = cypherFile(
  path.join(REPO_ROOT, 'tests/integration/fixtures/overview/sort-every-edge.cypher'),
);
const QUERY = cypher('queries/overview');

const NONE = {
  scopeDocuments: null,
  scopeFrom: null,
  scopeTo: null,
  scopeMinConfidence: null,
  scopeMethods: null,
};
const NARROWINGS: Record<string, Record<string, unknown>> = {
  everything: {},
  // A confidence of 0 lets every edge pass but takes the walk instead of the stored degree.
  walked: { scopeMinConfidence: 0 },
  'confident, hand-made': { scopeMinConfidence: 0.8, scopeMethods: ['hand'] },
  'persons, countries, organizations': { kinds: ['Person', 'Country', 'Organization'] },
};

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-overview-edges-'));
  synthetic = generateCorpus({ documents: 48, out: path.join(dir, 'corpus'), seed: 11 });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Edge = { id: string; evidenceCount: number };
type Answer = { nodes: unknown[]; edges: Edge[]; omittedEdges: number; truncated: boolean };

/** The answer's one row; none when no entity passes the narrowing (both queries alike). */
async function answer(text: string, params: Record<string, unknown>): Promise<Answer | undefined> {
  const [row] = await db.read({ name: 'test/overview-edges', text, params });
  return row as unknown as Answer | undefined;
}

/**
 * Compares both queries over a grid of page sizes, edge limits and narrowings; returns how many cases cut
 * through a run of edges of equal weight (the last edge kept and the first left out weigh the same).
 */
async function expectSameAnswers(): Promise<{
  cases: number;
  cutsInTies: number;
  truncated: number;
  withEdges: Set<string>;
}> {
  const withEdges = new Set<string>();
  let cases = 0;
  let cutsInTies = 0;
  let truncated = 0;
  for (const [narrowing, narrowed] of Object.entries(NARROWINGS))
    for (const first of [3, 20, 200])
      for (const evidenceFirst of [0, 5]) {
        const base = { ...NONE, kinds: null, first, evidenceFirst, sentences: true, ...narrowed };
        // Every edge among the entities kept, in the reference's order: where each limit below cuts.
        const whole = await answer(REFERENCE, { ...base, edgeLimit: 100_000 });
        for (const edgeLimit of [1, 2, 5, 13, 40, 800]) {
          const params = { ...base, edgeLimit };
          const expected = await answer(REFERENCE, params);
          const actual = await answer(QUERY, params);
          expect({ narrowing, first, evidenceFirst, edgeLimit, answer: actual }).toEqual({
            narrowing,
            first,
            evidenceFirst,
            edgeLimit,
            answer: expected,
          });
          cases++;
          // Asked without sentences (a question selecting neither `sentences` nor `evidence { sentence }`):
          // the same answer with none.
          if (expected) {
            const bare = await answer(QUERY, { ...params, sentences: false });
            expect(bare).toEqual({ ...expected, sentences: [] });
          }
          if (actual?.truncated) truncated++;
          if (actual?.edges.length) withEdges.add(narrowing);
          const [last, next] = [whole?.edges[edgeLimit - 1], whole?.edges[edgeLimit]];
          // An edge's weight is its evidence count (a fact's entries that pass, a stance's places).
          if (last && next && last.evidenceCount === next.evidenceCount) cutsInTies++;
        }
      }
  return { cases, cutsInTies, truncated, withEdges };
}

it('answers as the query that sorted every edge, on the seed', async () => {
  await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
  const { cases, cutsInTies } = await expectSameAnswers();
  expect(cases).toBe(144);
  expect(cutsInTies).toBeGreaterThan(0);
}, 180_000);

it('answers as the query that sorted every edge, with 12 and then 48 synthetic documents', async () => {
  for (const size of [12, 48]) {
    await loadDocuments(db, synthetic.slice(0, size), () => {});
    const { cutsInTies, truncated, withEdges } = await expectSameAnswers();
    // Every narrowing leaves edges to choose from.
    expect([...withEdges].sort()).toEqual(Object.keys(NARROWINGS).sort());
    // The grid cuts through runs of equal weight, and leaves edges out, at every size.
    expect(cutsInTies).toBeGreaterThan(10);
    expect(truncated).toBeGreaterThan(10);
  }
}, 600_000);
