import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { TestService, startTestService } from '../support/service';

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
  // A second document in which one actor both praises and criticises the same proposal.
  await loadDocuments(svc.db, [path.join(__dirname, 'fixtures', 'conflict')], () => {});
  svc.stores.cache.clear();
});
afterAll(async () => svc?.close());

async function ok<T>(query: string): Promise<T> {
  const { status, body } = await svc.gql<T>(query);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data as T;
}

/** The same numbers, counted by a plain query of our own over the stored graph. */
async function direct(text: string): Promise<Record<string, number>> {
  const rows = await svc.db.read({ name: 'test/direct', text });
  return Object.fromEntries(rows.map((r) => [String(r.key), Number(r.count)]));
}

type Cell = {
  actor: { id: string };
  target: { id: string };
  kinds: string[];
  polarity: string;
  polarities: string[];
  evidenceCount: number;
  stances: { id: string }[];
};

describe('stanceMatrix', () => {
  it('without arguments: actors and targets with stances, most first, and one round trip', async () => {
    svc.sent.length = 0;
    const data = await ok<{
      stanceMatrix: { actors: { id: string }[]; targets: { id: string }[]; cells: Cell[] };
    }>(
      '{ stanceMatrix { actors { id } targets { id } cells { actor { id } target { id } kinds polarity evidenceCount } } }',
    );
    expect(svc.sent.map((s) => s.query.name)).toEqual(['stance-matrix']);
    expect(data.stanceMatrix.actors[0].id).toBe('putin');
    const cell = data.stanceMatrix.cells.find(
      (c) => c.actor.id === 'putin' && c.target.id === 'energy-ceasefire',
    );
    expect(cell).toMatchObject({ kinds: ['AGREES_TO'], polarity: 'SUPPORT', evidenceCount: 2 });
  });

  it('answers a cell alike whether or not its stances and sources are asked (the per-stance lists sent only then)', async () => {
    const cells = `cells { actor { id } target { id } kinds polarity polarities stanceCount evidenceCount`;
    type Counted = Cell & { stanceCount: number; sourcesCount?: number };
    const bare = await ok<{ stanceMatrix: { cells: Counted[] } }>(`{ stanceMatrix { ${cells} } } }`);
    const full = await ok<{ stanceMatrix: { cells: Counted[] } }>(
      `{ stanceMatrix { ${cells} stances(first: 10) { id } sourcesCount } } }`,
    );
    expect(bare.stanceMatrix.cells.length).toBeGreaterThan(5);
    expect(bare.stanceMatrix.cells).toEqual(
      full.stanceMatrix.cells.map(({ stances, sourcesCount, ...rest }) => {
        expect(stances).toHaveLength(Math.min(rest.stanceCount, 10));
        expect(sourcesCount).toBeGreaterThan(0);
        return rest;
      }),
    );
  });

  it('lists cells by actor id, then target id, and each cell’s stances by id: the same graph, the same answer', async () => {
    const data = await ok<{ stanceMatrix: { cells: Cell[] } }>(
      '{ stanceMatrix { cells { actor { id } target { id } stances { id } } } }',
    );
    const cells = data.stanceMatrix.cells;
    expect(cells.length).toBeGreaterThan(5);
    const keys = cells.map((c) => [c.actor.id, c.target.id]);
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect(keys).toEqual([...keys].sort(([a1, t1], [a2, t2]) => byId(a1, a2) || byId(t1, t2)));
    for (const cell of cells) {
      const ids = cell.stances.map((st) => st.id);
      expect(ids).toEqual([...ids].sort(byId));
    }
    expect(cells.some((c) => c.stances.length > 1)).toBe(true);
  });

  it('conflicting stances are shown as such, not averaged', async () => {
    const data = await ok<{ stanceMatrix: { cells: Cell[] } }>(
      '{ stanceMatrix(actors: ["Anna Vale"], targets: ["harbour-truce"]) { cells { actor { id } target { id } kinds polarity polarities stances { id } } } }',
    );
    expect(data.stanceMatrix.cells).toHaveLength(1);
    const [cell] = data.stanceMatrix.cells;
    expect(cell.polarity).toBe('CONFLICTING');
    expect([...cell.polarities].sort()).toEqual(['OPPOSE', 'SUPPORT']);
    expect([...cell.kinds].sort()).toEqual(['CRITICIZES', 'PRAISES']);
    expect(cell.stances).toHaveLength(2);
  });
});

describe('counts(groupBy:)', () => {
  it.each([
    ['ENTITY_KIND', 'MATCH (e:Entity) RETURN e.kind AS key, count(*) AS count'],
    ['STANCE_KIND', 'MATCH (c:Claim) RETURN c.kind AS key, count(*) AS count'],
    ['POLARITY', 'MATCH (c:Claim) RETURN c.polarity AS key, count(*) AS count'],
    ['DOCUMENT', 'MATCH (c:Claim) RETURN c.docId AS key, count(*) AS count'],
  ])('%s agrees with a direct count, in one round trip', async (groupBy, cypher) => {
    svc.sent.length = 0;
    const data = await ok<{
      counts: { groups: { key: string; count: number }[]; totalGroups: number; groupsLeftOut: number };
    }>(
      `{ counts(groupBy: ${groupBy}, first: 200) { groups { key label count } totalGroups groupsLeftOut } }`,
    );
    expect(svc.sent).toHaveLength(1);
    const expected = await direct(cypher);
    expect(Object.fromEntries(data.counts.groups.map((c) => [c.key, c.count]))).toEqual(expected);
    expect(data.counts).toMatchObject({ totalGroups: Object.keys(expected).length, groupsLeftOut: 0 });
    const sizes = data.counts.groups.map((c) => c.count);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('RELATION_TYPE counts facts, not the text or claim layers', async () => {
    const data = await ok<{ counts: { groups: { key: string; count: number }[] } }>(
      '{ counts(groupBy: RELATION_TYPE, first: 200) { groups { key count } } }',
    );
    const keys = data.counts.groups.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['CARRIED_OUT', 'TARGETED', 'LEADS']));
    for (const structural of [
      'MENTIONS',
      'EVIDENCE',
      'STANCE',
      'BY',
      'ON',
      'CITES',
      'RESPONDS_TO',
      'DESCRIBES',
      'IN_SECTION',
      'NEXT',
    ]) {
      expect(keys).not.toContain(structural);
    }
  });
});

describe('timeline(from:, to:)', () => {
  it('dated events and statements in date order, each with evidence', async () => {
    type Entry = {
      date: string;
      kind: string;
      entity: { id: string } | null;
      stance: { kind: string } | null;
      evidence: unknown[];
    };
    const data = await ok<{ timeline: { edges: { node: Entry }[] } }>(
      '{ timeline(first: 200) { edges { node { date dateText kind entity { id } stance { kind actor { id } } evidence { quote start end } } } } }',
    );
    const timeline = data.timeline.edges.map((e) => e.node);
    const dates = timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(timeline.find((e) => e.entity?.id === 'jeddah-peace-talks')?.date).toBe('2025-03-23');
    expect(timeline.some((e) => e.kind === 'STATEMENT' && e.stance?.kind === 'REJECTS')).toBe(true);
    for (const e of timeline) expect(e.evidence.length).toBeGreaterThan(0);
  });

  it('from/to bound the dates, inclusive; a bad date is BAD_USER_INPUT', async () => {
    const data = await ok<{ timeline: { edges: { node: { date: string } }[] } }>(
      '{ timeline(from: "2025-03-19", to: "2025-03-31", first: 200) { edges { node { date } } } }',
    );
    expect(data.timeline.edges.length).toBeGreaterThan(0);
    for (const { node: e } of data.timeline.edges)
      expect(e.date >= '2025-03-19' && e.date <= '2025-03-31').toBe(true);
    const { status, body } = await svc.gql('{ timeline(from: "March 2025") { edges { cursor } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
  });
  it('an event’s evidence is at most eventEvidence of the places that name it; evidenceCount says how many', async () => {
    type Entry = {
      kind: string;
      entity: { id: string } | null;
      evidence: { quote: string; document: { id: string } }[];
      evidenceCount: number;
    };
    const page = (per: number | null) =>
      ok<{ timeline: { edges: { node: Entry }[] } }>(
        `{ timeline(first: 200${per === null ? '' : `, eventEvidence: ${per}`}) { edges { node { kind entity { id }
           evidence { quote document { id } } evidenceCount } } } }`,
      );
    const all = (await page(100)).timeline.edges.map((e) => e.node);
    const one = (await page(1)).timeline.edges.map((e) => e.node);
    const byDefault = (await page(null)).timeline.edges.map((e) => e.node);
    // Counted by a plain query: the places that name each dated entity.
    const named = await direct(
      'MATCH (e:Entity) WHERE e.date IS NOT NULL RETURN e.id AS key, COUNT { (:Sentence)-[:MENTIONS]->(e) } AS count',
    );
    const events = all.filter((e) => e.kind === 'EVENT');
    expect(events.some((e) => e.evidenceCount > 1)).toBe(true);
    for (const [i, e] of all.entries()) {
      if (e.kind === 'EVENT') {
        expect(e.evidenceCount).toBe(named[e.entity!.id]);
        expect(e.evidence).toHaveLength(Math.min(100, e.evidenceCount));
        expect(one[i].evidence).toEqual(e.evidence.slice(0, 1));
        expect(byDefault[i].evidence).toEqual(e.evidence.slice(0, 10));
      } else {
        // A statement's evidence is its own quotes, never cut.
        expect(one[i].evidence).toEqual(e.evidence);
        expect(e.evidenceCount).toBe(e.evidence.length);
      }
      expect(one[i].evidenceCount).toBe(e.evidenceCount);
    }
    for (const bad of [0, 101]) {
      const { status, body } = await svc.gql(`{ timeline(eventEvidence: ${bad}) { edges { cursor } } }`);
      expect(status).toBe(400);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'eventEvidence',
      });
    }
  });
});

describe('graph(first:, kinds:)', () => {
  it('the most connected entities and every edge among them, with evidence', async () => {
    const data = await ok<{
      graph: {
        truncated: boolean;
        nodes: { id: string; kind: string }[];
        edges: { from: { id: string }; to: { id: string }; evidence: unknown[] }[];
      };
    }>(
      '{ graph(first: 10) { truncated nodes { id kind } edges { from { id } to { id } evidence { quote } } } }',
    );
    expect(data.graph.nodes).toHaveLength(10);
    expect(data.graph.truncated).toBe(true);
    const ids = new Set(data.graph.nodes.map((n) => n.id));
    for (const e of data.graph.edges) {
      expect(ids.has(e.from.id) && ids.has(e.to.id)).toBe(true);
      expect(e.evidence.length).toBeGreaterThan(0);
    }
    const attacks = await ok<{ graph: { nodes: { kind: string }[] } }>(
      '{ graph(kinds: [ATTACK]) { nodes { kind } } }',
    );
    expect(new Set(attacks.graph.nodes.map((n) => n.kind))).toEqual(new Set(['ATTACK']));
  });
});
