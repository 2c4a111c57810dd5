import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profile } from '../../bench/lib/profile';
import { cypher, cypherFile } from '../../src/cypher';
import { Database } from '../../src/db/database';
import { loadDocuments } from '../../src/ingest/folders';
import { applySchema, keyMentions } from '../../src/ingest/loader';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The timeline's event evidence from the mention_entity_doc index (MENTIONS carrying docId and entityId)
 * answers exactly as the query before it, which read every place's sentence (fixtures/timeline-walked.cypher):
 * on the seed and on a synthetic corpus whose busiest events are named in more places than a page shows,
 * every page, narrowed and not; on a store written before the keys (they removed, the index dropped) the
 * query still answers the same, and the next applySchema keys every mention and creates the index.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const WALKED = cypherFile(path.join(__dirname, 'fixtures/timeline-walked.cypher'));
const KEYED = cypher('queries/timeline');

let db: Database;
let dir: string;

type Entry = { date: string; kind: string; key: string; evidenceCount: number; evidence: unknown[] };

const PARAMS = {
  to: null,
  lower: null,
  afterDate: null,
  afterKind: null,
  afterKey: null,
  first: 20,
  eventEvidence: 10,
  scopeDocuments: null,
  scopeFrom: null,
  scopeTo: null,
  scopeMinConfidence: null,
  scopeMethods: null,
};

async function page(text: string, params: Record<string, unknown>): Promise<Entry[]> {
  const rows = await db.read({ name: 'test/timeline', text, params });
  return rows.map((r) => r.entry as Entry);
}

/** Every page of the timeline from both queries, the cursor as the store's timeline() sets it. */
async function walkBoth(
  params: Record<string, unknown>,
  pages: number,
): Promise<{ keyed: Entry[][]; walked: Entry[][] }> {
  const keyed: Entry[][] = [];
  const walked: Entry[][] = [];
  let cursor: Record<string, unknown> = {};
  for (let i = 0; i < pages; i++) {
    const p = { ...PARAMS, ...params, ...cursor };
    const [a, b] = [await page(KEYED, p), await page(WALKED, p)];
    keyed.push(a);
    walked.push(b);
    const first = p.first as number;
    if (a.length <= first) return { keyed, walked };
    const last = a[first - 1];
    cursor = { afterDate: last.date, afterKind: last.kind, afterKey: last.key, lower: last.date };
  }
  if (pages < 200) return { keyed, walked };
  throw new Error('the timeline did not end in 200 pages');
}

const VARIANTS: Record<string, unknown>[] = [
  {},
  { eventEvidence: 1 },
  { eventEvidence: 3, first: 7 },
  { eventEvidence: 100 },
  { lower: '2025-03-01' },
];

async function expectSameAnswers(scoped: Record<string, unknown>[] = []): Promise<number> {
  let many = 0;
  for (const variant of [...VARIANTS, ...scoped]) {
    // Every page unnarrowed at the default sizes; the first pages of the others.
    const { keyed, walked } = await walkBoth(variant, Object.keys(variant).length ? 3 : 200);
    expect({ variant, pages: keyed }).toEqual({ variant, pages: walked });
    const events = keyed.flat().filter((e) => e.kind === 'EVENT');
    const shown = (variant.eventEvidence as number | undefined) ?? 10;
    many += events.filter((e) => e.evidenceCount > shown && e.evidence.length === shown).length;
  }
  return many;
}

async function unkeyedMentions(): Promise<number> {
  const [row] = await db.read({
    name: 'test/unkeyed',
    text: `MATCH (s:Sentence)-[m:MENTIONS]->(e:Entity)
           WHERE m.docId IS NULL OR m.entityId IS NULL OR m.docId <> s.docId OR m.entityId <> e.id
           RETURN count(m) AS n`,
  });
  return Number(row.n);
}

/**
 * PROFILE db hits of the unnarrowed first page, keyed against walked: the index reads a few entries an event
 * where the walk reads every place's sentence. (The keyed evidence is a subquery inside CASE, which PROFILE
 * shows inline, not as its own index seek.)
 */
async function hits(): Promise<{ keyed: number; walked: number }> {
  const keyed = await profile(db, 'timeline', KEYED, PARAMS, new Map());
  const walked = await profile(db, 'timeline-walked', WALKED, PARAMS, new Map());
  return { keyed: keyed.dbHits, walked: walked.dbHits };
}

async function expectIndexed(): Promise<void> {
  const { keyed, walked } = await hits();
  expect({ keyed, walked, fewer: keyed * 2 < walked }).toEqual({ keyed, walked, fewer: true });
}

const write = (name: string, text: string) =>
  db.write(`test/${name}`, (tx) => tx.run({ name: `test/${name}`, text }));

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-timeline-'));
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the timeline’s event evidence', () => {
  it('answers as before on the seed, every mention keyed', async () => {
    await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
    expect(await unkeyedMentions()).toBe(0);
    await expectSameAnswers([{ scopeDocuments: ['trump-putin-call-energy-ceasefire'] }]);
  }, 300_000);

  it('answers as before where events are named in many places, narrowed or not', async () => {
    const dirs = generateCorpus({ documents: 40, out: path.join(dir, 'corpus'), seed: 3 });
    await loadDocuments(db, dirs, () => {});
    expect(await unkeyedMentions()).toBe(0);
    const many = await expectSameAnswers([
      { scopeDocuments: ['syn-000002', 'syn-000005', 'syn-000011'] },
      { scopeFrom: '2000-01-01' },
    ]);
    // Events whose first places are a choice among more than the page shows: what the order decides.
    expect(many).toBeGreaterThan(3);
    await expectIndexed();
  }, 600_000);

  it('answers the same on a store written before the keys, and applySchema keys it', async () => {
    await write('drop-index', 'DROP INDEX mention_entity_doc IF EXISTS');
    await write('unkey', 'MATCH ()-[m:MENTIONS]->() REMOVE m.docId, m.entityId');
    // Some keyed, some not: an entity is keyed whole or not at all by the backfill, never half.
    await write(
      'key-some',
      `MATCH (e:Entity) WHERE e.id STARTS WITH 'syn-event-1'
       MATCH (s:Sentence)-[m:MENTIONS]->(e) SET m.docId = s.docId, m.entityId = e.id`,
    );
    expect(await unkeyedMentions()).toBeGreaterThan(0);
    await expectSameAnswers([{ scopeDocuments: ['syn-000002', 'syn-000005'] }]);
    // Unkeyed, the busiest events fall back to the walk.
    const fallback = await hits();
    expect(fallback.keyed * 2).toBeGreaterThan(fallback.walked);
    await applySchema(db);
    expect(await unkeyedMentions()).toBe(0);
    await expectSameAnswers();
    await expectIndexed();
    // Idempotent: nothing left to key.
    expect(await keyMentions(db)).toBe(0);
  }, 600_000);
});
