import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profile } from '../../bench/lib/profile';
import { cypher } from '../../src/cypher';
import { Database } from '../../src/db/database';
import { CLAIM_KIND_NAMES, POLARITIES } from '../../src/domain/vocabulary';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The stored aggregates of the stances (cypher/ingest/13-stance-aggregates.cypher, the claims' kind and
 * polarity labels of 10-claims) against a recount from the stances themselves, after a load, after documents
 * are replaced (one with its stances moved to other actors, one with every stance taken out) and after the
 * corpus is loaded again: a wrong or stale aggregate fails here.
 */

let db: Database;
let dir: string;
let dirs: string[];

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-aggregates-'));
  dirs = generateCorpus({ documents: 8, out: path.join(dir, 'corpus'), seed: 5 });
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const OVERVIEW = {
  edgeLimit: 800,
  // Every edge's evidence (the most a request may ask), so that the two answers compare whole.
  evidenceFirst: 100,
  sentences: true,
  kinds: null,
  scopeDocuments: null,
  scopeFrom: null,
  scopeTo: null,
  scopeMethods: null,
};

const COUNTS = { first: 200, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMethods: null };

const read = (name: string, text: string) => db.read({ name: `test/${name}`, text });

type Pair = Record<string, unknown>;

/** Every pair as the StancePairs store it, and as the stance edges say it should be. */
async function pairs(): Promise<{ stored: Pair[]; recounted: Pair[] }> {
  const stored = await read(
    'stored-pairs',
    `MATCH (p:StancePair)
     RETURN p.actorId AS actorId, p.targetId AS targetId, p.claimIds AS claimIds, p.claimDocIds AS docIds,
            p.claimKinds AS kinds, p.claimPolarities AS polarities, p.claimEvidenceCounts AS evidenceCounts
     ORDER BY actorId, targetId`,
  );
  const recounted = await read(
    'recounted-pairs',
    `MATCH (a:Entity)-[s:STANCE]->(t:Entity)
     WITH a, t, s ORDER BY s.claimId
     WITH a.id AS actorId, t.id AS targetId, collect(s) AS stances
     RETURN actorId, targetId, [s IN stances | s.claimId] AS claimIds, [s IN stances | s.docId] AS docIds,
            [s IN stances | s.kind] AS kinds, [s IN stances | s.polarity] AS polarities,
            [s IN stances | s.evidenceCount] AS evidenceCounts
     ORDER BY actorId, targetId`,
  );
  return { stored, recounted };
}

async function expectAggregatesRight(): Promise<void> {
  const { stored, recounted } = await pairs();
  expect(recounted.length).toBeGreaterThan(0);
  expect(stored).toEqual(recounted);
  // Each claim carries exactly its own kind's and polarity's label, so that the label counts are the counts.
  const labels = await read(
    'claim-labels',
    `MATCH (c:Claim)
     RETURN c.kind AS kind, c.polarity AS polarity,
            [l IN labels(c) WHERE l <> 'Claim'] AS labels, count(*) AS claims`,
  );
  for (const row of labels) {
    expect((row.labels as string[]).sort()).toEqual(
      [`ClaimKind_${row.kind as string}`, `ClaimPolarity_${row.polarity as string}`].sort(),
    );
  }
  // Every entity's stancesMade and stancesReceived are its STANCE degrees, absent at none.
  const entities = await read(
    'entity-stance-counts',
    `MATCH (e:Entity)
     WITH e, COUNT { (e)-[:STANCE]->() } AS made, COUNT { (e)<-[:STANCE]-() } AS received
     WHERE e.stancesMade IS NOT NULL OR e.stancesReceived IS NOT NULL OR made > 0 OR received > 0
     RETURN e.id AS id, [e.stancesMade, e.stancesReceived] AS stored,
            [CASE WHEN made > 0 THEN made END, CASE WHEN received > 0 THEN received END] AS recounted`,
  );
  expect(entities.length).toBeGreaterThan(0);
  for (const e of entities) expect({ id: e.id, counts: e.stored }).toEqual({ id: e.id, counts: e.recounted });
  // Every entity's degree is how many stances and facts it has (the relationships between entities), 0 at
  // none: what the graph root field ranks by.
  const degrees = await read(
    'entity-degrees',
    `MATCH (e:Entity)
     RETURN e.id AS id, e.degree AS stored, COUNT { (e)-[]-(:Entity) } AS recounted`,
  );
  expect(degrees.some((e) => (e.recounted as number) > 0)).toBe(true);
  for (const e of degrees) expect({ id: e.id, degree: e.stored }).toEqual({ id: e.id, degree: e.recounted });
  // The graph's entities ranked by the stored degree are those the walk ranks (a confidence of 0 narrows
  // nothing but takes the walk), at a page size that cuts through ties and at one that shows them all.
  for (const first of [3, 7, 1000]) {
    const overview = async (scopeMinConfidence: number | null) => {
      const [row] = await db.read({
        name: 'test/overview',
        text: cypher('queries/overview'),
        params: { ...OVERVIEW, first, scopeMinConfidence },
      });
      return row;
    };
    const stored = await overview(null);
    const walked = await overview(0);
    const ids = (row: Record<string, unknown>) => (row.nodes as { id: string }[]).map((n) => n.id);
    const connected = degrees.filter((e) => (e.recounted as number) > 0).length;
    expect(ids(stored).slice(0, connected)).toEqual(ids(walked));
    expect(ids(stored)).toHaveLength(Math.min(first, degrees.length));
    expect(stored.omittedNodes).toBe(degrees.length - ids(stored).length);
    expect(stored.edges).toEqual(walked.edges);
  }
  // Every StanceDay holds how many stances were stated that day (a claim's date, else its document's), and
  // only days with stances have one; counts by DATE answer from them as the walk over the claims does.
  const [days] = await read(
    'stance-days',
    `RETURN COLLECT { MATCH (s:StanceDay) RETURN [s.day, s.stances] ORDER BY s.day } AS stored,
            COLLECT { MATCH (d:Document) MATCH (c:Claim {docId: d.id})
                      WITH coalesce(c.date, d.publishedAt) AS day, count(*) AS n
                      RETURN [day, n] ORDER BY day } AS recounted`,
  );
  expect((days.recounted as unknown[]).length).toBeGreaterThan(0);
  expect(days.stored).toEqual(days.recounted);
  for (const bucket of ['DAY', 'WEEK', 'MONTH']) {
    const counts = async (scopeMinConfidence: number | null) =>
      db.read({
        name: 'test/counts',
        text: cypher('queries/counts'),
        params: { ...COUNTS, groupBy: 'DATE', bucket, scopeMinConfidence },
      });
    expect(await counts(null)).toEqual(await counts(0));
  }
  // Every document's stanceCount is the number of its claims.
  const documents = await read(
    'document-stance-counts',
    `MATCH (d:Document)
     RETURN d.id AS id, d.stanceCount AS stored, COUNT { (:Claim {docId: d.id}) } AS recounted`,
  );
  expect(documents.length).toBeGreaterThan(0);
  for (const d of documents) expect({ id: d.id, count: d.stored }).toEqual({ id: d.id, count: d.recounted });
}

/**
 * Counts by DOCUMENT unnarrowed (a top-N read from the document_stance_count index) against the walk over
 * every document (a confidence of 0 narrows nothing but takes it), at every page size and so at each one
 * that cuts through documents of equal count; its PROFILE runs no label scan. Returns how many page sizes
 * cut through a tie.
 */
async function expectDocumentCountsRight(): Promise<number> {
  const [{ documents }] = await read('documents', 'RETURN COUNT { (:Document) } AS documents');
  const counts = (first: number, scopeMinConfidence: number | null) => ({
    name: 'test/counts',
    text: cypher('queries/counts'),
    params: { ...COUNTS, groupBy: 'DOCUMENT', bucket: 'DAY', first, scopeMinConfidence },
  });
  const [all] = await db.read(counts(1000, 0));
  let cuts = 0;
  for (let first = 1; first <= (documents as number) + 1; first++) {
    const [stored] = await db.read(counts(first, null));
    const [walked] = await db.read(counts(first, 0));
    expect({ first, answer: stored }).toEqual({ first, answer: walked });
    const groups = walked.groups as { count: number }[];
    const next = (all.groups as { count: number }[])[first];
    if (next && next.count === groups[groups.length - 1].count) cuts++;
  }
  const query = counts(3, null);
  const plan = await profile(db, query.name, query.text, query.params, new Map());
  expect(plan.scans.filter((o) => o.rows > 0)).toEqual([]);
  const seeks = plan.operators.filter((o) => o.details.includes('INDEX d:Document(stanceCount, id)'));
  expect(seeks.filter((o) => o.rows > 0).length).toBeGreaterThan(0);
  return cuts;
}

/** The counts root field's unnarrowed answers (label counts) against a count of the claims. */
async function expectLabelCountsRight(): Promise<void> {
  const [row] = await db.read({
    name: 'test/label-counts',
    text: `UNWIND $kinds AS k
           CALL (k) { MATCH (c:$('ClaimKind_' + k)) RETURN count(c) AS n }
           WITH collect([k, n]) AS byKind
           UNWIND $polarities AS p
           CALL (p) { MATCH (c:$('ClaimPolarity_' + p)) RETURN count(c) AS n }
           WITH byKind, collect([p, n]) AS byPolarity
           RETURN byKind, byPolarity,
                  COLLECT { MATCH (c:Claim) WITH c.kind AS k, count(*) AS n RETURN [k, n] } AS kinds,
                  COLLECT { MATCH (c:Claim) WITH c.polarity AS p, count(*) AS n RETURN [p, n] } AS polarities`,
    params: { kinds: CLAIM_KIND_NAMES, polarities: POLARITIES },
  });
  const nonZero = (list: [string, number][]) =>
    Object.fromEntries(list.filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)));
  expect(nonZero(row.byKind as [string, number][])).toEqual(nonZero(row.kinds as [string, number][]));
  expect(nonZero(row.byPolarity as [string, number][])).toEqual(
    nonZero(row.polarities as [string, number][]),
  );
}

const graphYaml = (doc: string) => path.join(doc, 'graph.yaml');

it('match a recount after a load', async () => {
  await loadDocuments(db, dirs, () => {});
  await expectAggregatesRight();
  await expectLabelCountsRight();
  await expectDocumentCountsRight();
}, 180_000);

it('match a recount after one document moves its stances to other actors, another loses all of them and a third everything it said', async () => {
  // The first: its first two claims' actors swapped, so that two pairs lose a stance and two gain one.
  const first = graphYaml(dirs[0]);
  const text = readFileSync(first, 'utf8');
  const actors = [...text.matchAll(/^ {4}by: (.+)$/gm)].map((m) => m[1]);
  const second = actors.findIndex((a) => a !== actors[0]);
  expect(second).toBeGreaterThan(0);
  let n = 0;
  writeFileSync(
    first,
    text.replace(/^ {4}by: (.+)$/gm, (line) => {
      const i = n++;
      if (i === 0) return `    by: ${actors[second]}`;
      if (i === second) return `    by: ${actors[0]}`;
      return line;
    }),
  );
  // The second: no claim any more.
  const emptied = graphYaml(dirs[1]);
  const before = readFileSync(emptied, 'utf8');
  writeFileSync(emptied, before.replace(/^claims:\n[\s\S]*?(?=^facts:)/m, 'claims: []\n'));
  // The third: no entity, claim or fact any more, so that the entities it described and no other document
  // does go, and those others still describe lose its stances and facts (their degrees drop).
  const bare = graphYaml(dirs[2]);
  writeFileSync(
    bare,
    readFileSync(bare, 'utf8').replace(/^entities:\n[\s\S]*$/m, 'entities: []\nclaims: []\nfacts: []\n'),
  );
  const summary = await loadDocuments(db, dirs.slice(0, 3), () => {});
  expect(summary.documents.map((d) => d.status)).toEqual(['replaced', 'replaced', 'replaced']);
  await expectAggregatesRight();
  await expectLabelCountsRight();
  // Two documents now have no stance: the pages that end on the first of them cut through a tie.
  expect(await expectDocumentCountsRight()).toBeGreaterThan(0);
  const [{ claims }] = await read('emptied', `RETURN COUNT { (:Claim {docId: 'syn-000001'}) } AS claims`);
  expect(claims).toBe(0);
}, 180_000);

it('match a recount after documents are restored and the corpus is loaded again in another order', async () => {
  const fresh = generateCorpus({ documents: 8, out: path.join(dir, 'fresh'), seed: 5 });
  for (const [i, d] of fresh.entries()) cpSync(d, dirs[i], { recursive: true });
  await loadDocuments(db, [...dirs].reverse(), () => {});
  await expectAggregatesRight();
  await expectLabelCountsRight();
  await expectDocumentCountsRight();
});
