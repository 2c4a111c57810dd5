import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { TestService, startTestService } from '../support/service';

/**
 * neighborhood(of:, depth:, limit:) over the seed: ranked and capped (nearest first, then most evidence),
 * `truncated` and `omitted` exact, each sentence sent once and every evidence item's sentenceId found among
 * them. The expected ranking is recomputed here from an uncapped answer — hops by a breadth-first walk over
 * its edges, weights from the evidence of the edges that tie each entity to the entities one hop nearer — so
 * the test checks the query's order against the rule the schema states, not against itself.
 */
let svc: TestService;

// Loading the seed takes seconds, or a minute and more on a busy shared machine.
beforeAll(async () => {
  svc = await startTestService();
}, 300_000);
afterAll(async () => svc?.close());

interface Evidence {
  quote: string;
  start: number;
  end: number;
  sentenceId: string;
  sentence: { id: string; text: string; start: number };
}
interface Answer {
  truncated: boolean;
  omittedNodes: number;
  omittedEdges: number;
  nodes: { id: string }[];
  sentences: { id: string; text: string; start: number; end: number }[];
  edges: { id: string; from: { id: string }; to: { id: string }; evidence: Evidence[] }[];
}

const SELECTION = `truncated omittedNodes omittedEdges nodes { id } sentences { id text start end }
  edges { id from { id } to { id } evidence { quote start end sentenceId sentence { id text start } } }`;

async function neighborhood(of: string, depth: number, limit?: number): Promise<Answer> {
  const args = `of: "${of}", depth: ${depth}${limit === undefined ? '' : `, limit: ${limit}`}`;
  const { body } = await svc.gql<{ neighborhood: Answer }>(`{ neighborhood(${args}) { ${SELECTION} } }`);
  expect(body.errors).toBeUndefined();
  return body.data!.neighborhood;
}

/** The ranking the schema promises, recomputed from an uncapped answer: each entity with hops and weight. */
function expectedRanking(start: string, full: Answer) {
  const hops = new Map([[start, 0]]);
  for (let frontier = [start]; frontier.length;) {
    const next: string[] = [];
    for (const e of full.edges)
      for (const [a, b] of [
        [e.from.id, e.to.id],
        [e.to.id, e.from.id],
      ])
        if (frontier.includes(a) && !hops.has(b)) {
          hops.set(b, hops.get(a)! + 1);
          next.push(b);
        }
    frontier = next;
  }
  const weight = (id: string) =>
    full.edges
      .filter((e) => {
        const other = e.from.id === id ? e.to.id : e.to.id === id ? e.from.id : undefined;
        return other !== undefined && hops.get(other) === hops.get(id)! - 1;
      })
      .reduce((n, e) => n + e.evidence.length, 0);
  const ranked = [...hops.keys()]
    .filter((id) => id !== start)
    .map((id) => ({ id, hops: hops.get(id)!, weight: weight(id) }));
  ranked.sort((a, b) => a.hops - b.hops || b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked;
}

describe('neighborhood: ranked and capped', () => {
  it.each([
    ['putin', 1],
    ['putin', 2],
    ['zelensky', 2],
  ])('%s at depth %i: the entity, then nearest first and most evidence first', async (of, depth) => {
    const full = await neighborhood(of, depth, 200);
    expect(full).toMatchObject({ truncated: false, omittedNodes: 0, omittedEdges: 0 });
    const ranked = expectedRanking(of, full);
    expect(ranked.length).toBeGreaterThan(3);
    // Ties broken by id, so the whole order is fixed.
    expect(full.nodes.map((n) => n.id)).toEqual([of, ...ranked.map((r) => r.id)]);
    // Within one distance, not every weight is the same: the order is not trivially the id order.
    expect(new Set(ranked.map((r) => r.weight)).size).toBeGreaterThan(1);
  });

  it('keeps the first `limit` of that ranking, and says how many it left out', async () => {
    const full = await neighborhood('putin', 2, 200);
    const reached = full.nodes.length - 1;
    for (const limit of [1, 5, 12, reached - 1]) {
      const capped = await neighborhood('putin', 2, limit);
      expect(capped.nodes.map((n) => n.id)).toEqual(full.nodes.slice(0, limit + 1).map((n) => n.id));
      expect(capped.truncated).toBe(true);
      expect(capped.omittedNodes).toBe(reached - limit);
      // Only edges among the entities kept, and every one of them.
      const kept = new Set(capped.nodes.map((n) => n.id));
      const among = full.edges.filter((e) => kept.has(e.from.id) && kept.has(e.to.id));
      expect(capped.edges.map((e) => e.id).sort()).toEqual(among.map((e) => e.id).sort());
    }
    for (const limit of [reached, 200]) {
      const whole = await neighborhood('putin', 2, limit);
      expect(whole).toMatchObject({ truncated: false, omittedNodes: 0, omittedEdges: 0 });
      expect(whole.nodes).toHaveLength(reached + 1);
    }
  });

  it('by default keeps 50 besides the entity: all of the seed’s largest neighbourhood', async () => {
    const byDefault = await neighborhood('putin', 2);
    expect(byDefault.truncated).toBe(false);
    expect(byDefault.nodes.length).toBeLessThanOrEqual(51);
    expect(byDefault.nodes).toEqual((await neighborhood('putin', 2, 200)).nodes);
  });

  it('puts the edges with the most evidence first', async () => {
    const { edges } = await neighborhood('putin', 2, 200);
    const counts = edges.map((e) => e.evidence.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(counts[counts.length - 1]);
  });

  it.each([0, 201, -1])('refuses limit %i with BAD_USER_INPUT', async (limit) => {
    const { body } = await svc.gql(`{ neighborhood(of: "putin", limit: ${limit}) { truncated } }`);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });
});

describe('neighborhood: each sentence once', () => {
  it('sends every sentence the evidence quotes exactly once, and every sentenceId resolves', async () => {
    const n = await neighborhood('putin', 2, 200);
    const ids = n.sentences.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const evidence = n.edges.flatMap((e) => e.evidence);
    const named = new Set(evidence.map((e) => e.sentenceId));
    // Sentences are shared: fewer sentences than evidence items, none sent that no evidence names.
    expect(named.size).toBeLessThan(evidence.length);
    expect(ids.sort()).toEqual([...named].sort());
    const byId = new Map(n.sentences.map((s) => [s.id, s]));
    for (const e of evidence) {
      const s = byId.get(e.sentenceId)!;
      expect(s).toBeDefined();
      // The per-item sentence still answers, and is the same sentence.
      expect(e.sentence).toEqual({ id: s.id, text: s.text, start: s.start });
      // The quote lies in its sentence (offsets in code points, as the schema says).
      expect([...s.text].slice(e.start - s.start, e.end - s.start).join('')).toBe(e.quote);
    }
  });

  it.each([
    // graph counts what its caps left out (tests/e2e/paging.test.ts checks the numbers against the store).
    ['graph', '{ graph(first: 20) { SELECTION } }', { omittedNodes: expect.any(Number), omittedEdges: 0 }],
    [
      'path',
      '{ path(from: "scholz", to: "sumy", maxHops: 6) { SELECTION } }',
      { omittedNodes: 0, omittedEdges: 0 },
    ],
  ])('%s fills sentences and sentenceId the same way', async (field, query, omitted) => {
    const { body } = await svc.gql<Record<string, Answer>>(query.replace('SELECTION', SELECTION));
    expect(body.errors).toBeUndefined();
    const sub = body.data![field];
    const named = new Set(sub.edges.flatMap((e) => e.evidence.map((ev) => ev.sentenceId)));
    expect(named.size).toBeGreaterThan(0);
    expect(sub.sentences.map((s) => s.id).sort()).toEqual([...named].sort());
    expect(sub).toMatchObject(omitted);
  });
});

/**
 * The seed has no two entities with many stances between them; a synthetic corpus (Zipf-popular entities,
 * loaded after the seed's tests) has hubs with parallel stances, where the edges among a few entities
 * outnumber 4 × limit.
 */
describe('neighborhood: the cap on edges', () => {
  const corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-neighborhood-'));
  beforeAll(async () => {
    await loadDocuments(svc.db, generateCorpus({ documents: 40, out: corpus, seed: 5 }), () => {});
  }, 300_000);
  afterAll(() => rmSync(corpus, { recursive: true, force: true }));

  /** Every stance and fact among these entities, with its evidence counted independently of the query. */
  async function edgesAmong(ids: string[]) {
    const rows = await svc.db.read({
      name: 'test/edges-among',
      text: `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
             RETURN CASE WHEN r.claimId IS NULL THEN size(r.docIds)
                         ELSE COUNT { (:Claim {id: r.claimId})-[:EVIDENCE]->() } END AS evidence`,
      params: { ids },
    });
    return rows.map((r) => Number(r.evidence));
  }

  it('keeps every entity’s joining edge, then the best evidenced, 4 × limit in all', async () => {
    const [hub] = await svc.db.read({
      name: 'test/hub',
      text: "MATCH (e:Entity) WHERE e.id STARTS WITH 'syn-' RETURN e.id AS id ORDER BY COUNT { (e)-[:STANCE]-() } DESC, e.id LIMIT 1",
    });
    let cut = 0;
    for (const limit of [1, 2, 3, 5, 8]) {
      const n = await neighborhood(String(hub.id), 1, limit);
      expect(n.nodes).toHaveLength(limit + 1);
      const among = await edgesAmong(n.nodes.map((x) => x.id));
      const cap = 4 * limit;
      expect(n.edges).toHaveLength(Math.min(among.length, cap));
      expect(n.omittedEdges).toBe(Math.max(0, among.length - cap));
      expect(n.truncated).toBe(n.omittedNodes > 0 || n.omittedEdges > 0);
      // No entity is left without an edge.
      for (const node of n.nodes.slice(1))
        expect(n.edges.some((e) => e.from.id === node.id || e.to.id === node.id)).toBe(true);
      // Listed most evidence first.
      const counts = n.edges.map((e) => e.evidence.length);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      if (among.length > cap) {
        cut++;
        // Besides the joining edges (at most one per entity), those kept are the best evidenced of the rest:
        // so at least cap − limit of them have at least the evidence of the (cap + 1)-th best edge of all.
        const sorted = [...among].sort((a, b) => b - a);
        expect(counts.filter((c) => c >= sorted[cap]).length).toBeGreaterThanOrEqual(cap - limit);
      }
    }
    expect(cut).toBeGreaterThan(0);
  });

  /**
   * Each kept entity's edges to the hub, heaviest first; of equally heavy ones, by the nearer entity's id
   * (here always the hub), type, claim and direction: the order the schema gives the joining edge.
   */
  async function joiningEdge(hub: string, id: string) {
    const [row] = await svc.db.read({
      name: 'test/joining-edge',
      text: `MATCH (h:Entity {id: $hub})-[r]-(n:Entity {id: $id})
             WITH r, n, CASE WHEN r.claimId IS NULL THEN size(r.docIds)
                             ELSE coalesce(r.evidenceCount, 1) END AS weight
             RETURN coalesce(r.claimId, elementId(r)) AS id
             ORDER BY weight DESC, type(r), coalesce(r.claimId, ''), startNode(r) = n LIMIT 1`,
      params: { hub, id },
    });
    return String(row.id);
  }

  it('keeps every entity’s joining edge, the same one in any database: ties go by type, claim, direction', async () => {
    const [hub] = await svc.db.read({
      name: 'test/hub',
      text: "MATCH (e:Entity) WHERE e.id STARTS WITH 'syn-' RETURN e.id AS id ORDER BY COUNT { (e)-[:STANCE]-() } DESC, e.id LIMIT 1",
    });
    for (const limit of [1, 3, 8]) {
      const n = await neighborhood(String(hub.id), 1, limit);
      const kept = new Set(n.edges.map((e) => e.id));
      for (const node of n.nodes.slice(1)) expect(kept).toContain(await joiningEdge(String(hub.id), node.id));
    }
  });
});
