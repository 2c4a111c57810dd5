import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from '../../src/api/argument-limits';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { TestService, startTestService } from '../support/service';

/**
 * The root lists that answer a plain list (docs/paging.md, "Root lists that stay lists"): supporters(of:),
 * opponents(of:) and stanceHistory(actor:, target:) answer at most `first` (100 by default, 1–200), the
 * first ones of their own order, cut in the Cypher. Over the seed and a synthetic corpus of 40 documents,
 * whose busiest targets and pairs have more stances than a small `first`: each capped answer is checked
 * against the whole list (`first: 200`), which is checked against a plain Cypher read of the stances.
 */
let svc: TestService;
let corpus: string;

beforeAll(async () => {
  svc = await startTestService();
  corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-roots-'));
  await loadDocuments(svc.db, generateCorpus({ documents: 40, out: corpus, seed: 5 }), () => {});
  svc.stores.cache.clear();
  // Loading documents on a busy 2-core machine can take minutes.
}, 300_000);
afterAll(async () => {
  await svc?.close();
  if (corpus) rmSync(corpus, { recursive: true, force: true });
});

async function direct<T>(text: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await svc.db.read({ name: 'test/root-lists', text, params })) as T[];
}

async function ok<T>(query: string): Promise<T> {
  const { status, body } = await svc.gql<T>(query);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

/** Code-unit order, as Cypher's ORDER BY compares strings. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe.each([
  ['supporters', ['SUPPORT', 'CONDITIONAL']],
  ['opponents', ['OPPOSE']],
] as const)('%s(of:, first:)', (field, polarities) => {
  type Row = { id: string; polarity: string; actor: { name: string } };
  const ids = (rows: Row[]) => rows.map((s) => s.id);
  let target: { id: string; n: number };
  let all: Row[];

  beforeAll(async () => {
    const [row] = await direct<{ id: string; n: number }>(
      `MATCH (t:Entity)<-[:ON]-(c:Claim) WHERE c.polarity IN $polarities
       RETURN t.id AS id, count(c) AS n ORDER BY n DESC, id LIMIT 1`,
      { polarities },
    );
    target = { id: row.id, n: Number(row.n) };
    const data = await ok<Record<string, Row[]>>(
      `{ all: ${field}(of: "${target.id}", first: ${LIMITS.rootList.max}) { id polarity actor { name } } }`,
    );
    all = data.all;
  });

  it('first: 200 is every one, in the stated order (polarity descending, actor name, stance id)', async () => {
    expect(target.n).toBeGreaterThan(5);
    expect(target.n).toBeLessThanOrEqual(LIMITS.rootList.max);
    expect(all).toHaveLength(target.n);
    const ordered = [...all].sort(
      (a, b) => compare(b.polarity, a.polarity) || compare(a.actor.name, b.actor.name) || compare(a.id, b.id),
    );
    expect(ids(all)).toEqual(ids(ordered));
    // What the description says reads them all, a page at a time: the same stances.
    const page = await ok<{ stances: { edges: { node: { id: string } }[] } }>(
      `{ stances(target: "${target.id}", polarities: [${polarities.join(', ')}], first: 200) { edges { node { id } } } }`,
    );
    expect(page.stances.edges.map((e) => e.node.id).sort()).toEqual(ids(all).sort());
  });

  it('a smaller first is the first ones of that order, cut in the Cypher', async () => {
    svc.sent.length = 0;
    const data = await ok<Record<string, Row[]>>(
      `{ three: ${field}(of: "${target.id}", first: 3) { id polarity actor { name } }
         byDefault: ${field}(of: "${target.id}") { id polarity actor { name } } }`,
    );
    expect(ids(data.three)).toEqual(ids(all).slice(0, 3));
    expect(ids(data.byDefault)).toEqual(ids(all).slice(0, LIMITS.rootList.default));
    const limits = svc.sent
      .filter((q) => q.query.name === 'stances')
      .map((q) => Number(q.query.params?.limit));
    expect(limits.sort((a, b) => a - b)).toEqual([3, LIMITS.rootList.default]);
  });
});

describe('stanceHistory(actor:, target:, first:)', () => {
  type Entry = {
    statedOn: string | null;
    changed: boolean;
    previousPolarity: string | null;
    stance: { id: string; polarity: string };
  };
  let pair: { actor: string; target: string; n: number };
  let all: Entry[];

  beforeAll(async () => {
    // The pair with the most stances among those whose polarity changes.
    const [row] = await direct<{ actor: string; target: string; n: number }>(
      `MATCH (t:Entity)<-[:ON]-(c:Claim)-[:BY]->(a:Entity)
       WITH a.id AS actor, t.id AS target, count(c) AS n, count(DISTINCT c.polarity) AS polarities
       WHERE polarities > 1
       RETURN actor, target, n ORDER BY n DESC, actor, target LIMIT 1`,
    );
    pair = { actor: row.actor, target: row.target, n: Number(row.n) };
    const data = await ok<{ stanceHistory: Entry[] }>(
      `{ stanceHistory(actor: "${pair.actor}", target: "${pair.target}", first: 200) {
           statedOn changed previousPolarity stance { id polarity } } }`,
    );
    all = data.stanceHistory;
  });

  it('first: 200 is the whole history: stated order, each change of polarity marked', async () => {
    expect(pair.n).toBeGreaterThan(3);
    const rows = await direct<{
      id: string;
      polarity: string;
      date: string | null;
      reported: string;
      doc: string;
    }>(
      `MATCH (:Entity {id: $target})<-[:ON]-(c:Claim)-[:BY]->(:Entity {id: $actor})
       MATCH (d:Document {id: c.docId})
       RETURN c.id AS id, c.polarity AS polarity, c.date AS date, d.publishedAt AS reported, c.docId AS doc`,
      pair,
    );
    const ordered = rows
      .map((r) => ({ ...r, statedOn: r.date ?? r.reported }))
      .sort(
        (a, b) =>
          compare(a.statedOn, b.statedOn) ||
          compare(a.reported, b.reported) ||
          compare(a.doc, b.doc) ||
          compare(a.id, b.id),
      );
    expect(all.map((e) => [e.stance.id, e.statedOn, e.previousPolarity, e.changed])).toEqual(
      ordered.map((r, i) => {
        const previous = i > 0 ? ordered[i - 1].polarity : null;
        return [r.id, r.statedOn, previous, previous !== null && previous !== r.polarity];
      }),
    );
    expect(all.some((e) => e.changed)).toBe(true);
  });

  it('a smaller first is the first entries, changed and previousPolarity as in the whole history', async () => {
    // Cut just after the first change, so that the kept prefix holds one; and at 1 and the default.
    const cut = all.findIndex((e) => e.changed) + 1;
    expect(cut).toBeGreaterThan(1);
    expect(cut).toBeLessThan(pair.n + 1);
    svc.sent.length = 0;
    const data = await ok<Record<string, Entry[]>>(
      `{ cut: stanceHistory(actor: "${pair.actor}", target: "${pair.target}", first: ${cut}) {
           statedOn changed previousPolarity stance { id polarity } }
         one: stanceHistory(actor: "${pair.actor}", target: "${pair.target}", first: 1) {
           statedOn changed previousPolarity stance { id polarity } }
         byDefault: stanceHistory(actor: "${pair.actor}", target: "${pair.target}") {
           statedOn changed previousPolarity stance { id polarity } } }`,
    );
    expect(data.cut).toEqual(all.slice(0, cut));
    expect(data.cut[cut - 1].changed).toBe(true);
    expect(data.one).toEqual(all.slice(0, 1));
    expect(data.byDefault).toEqual(all.slice(0, LIMITS.rootList.default));
    const firsts = svc.sent
      .filter((q) => q.query.name === 'stance-history')
      .map((q) => Number(q.query.params?.first));
    expect(firsts.sort((a, b) => a - b)).toEqual([1, cut, LIMITS.rootList.default].sort((a, b) => a - b));
  });
});

describe('first out of 1–200', () => {
  it.each([
    ['supporters(of: "limited ceasefire", first: 0) { id }'],
    ['supporters(of: "limited ceasefire", first: 201) { id }'],
    ['opponents(of: "full-ceasefire", first: -1) { id }'],
    ['opponents(of: "full-ceasefire", first: 201) { id }'],
    ['stanceHistory(actor: "Putin", target: "full ceasefire", first: 0) { changed }'],
    ['stanceHistory(actor: "Putin", target: "full ceasefire", first: 1000) { changed }'],
  ])('%s is BAD_USER_INPUT naming the argument and its bounds', async (field) => {
    const { status, body } = await svc.gql(`{ ${field} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: LIMITS.rootList.min,
      max: LIMITS.rootList.max,
    });
  });
});
