import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { TestService, startTestService } from '../support/service';

/**
 * Lists inside an item that grow with the corpus are capped (docs/paging.md, "Lists inside an item"): at
 * most `first` items (20 by default, 1–100) in a stated order, and a `<name>Count` field saying how many
 * there are. Over the seed and a synthetic corpus of 40 documents, whose busiest entities are named in more
 * places and take part in more stances than any cap: each first page is checked against a plain Cypher
 * read of the whole list, ordered as the field's description says, and each count against a plain count.
 */
let svc: TestService;
let corpus: string;

beforeAll(async () => {
  svc = await startTestService();
  corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-nested-'));
  await loadDocuments(svc.db, generateCorpus({ documents: 40, out: corpus, seed: 5 }), () => {});
  svc.stores.cache.clear();
  // Loading documents on a busy 2-core machine can take minutes.
}, 300_000);
afterAll(async () => {
  await svc?.close();
  if (corpus) rmSync(corpus, { recursive: true, force: true });
});

async function direct<T>(text: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rows = await svc.db.read({ name: 'test/nested-caps', text, params });
  return rows as T[];
}

async function ok<T>(query: string): Promise<T> {
  const { status, body } = await svc.gql<T>(query);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

/** The entity with most of something (a plain count per entity), and how many it has. */
async function busiest(count: string): Promise<{ id: string; n: number }> {
  const [row] = await direct<{ id: string; n: number }>(
    `MATCH (e:Entity) WITH e, ${count} AS n RETURN e.id AS id, n ORDER BY n DESC, id LIMIT 1`,
  );
  return { id: row.id, n: Number(row.n) };
}

describe('Entity.mentions(first:) and mentionsCount', () => {
  type Mention = { start: number; document: { id: string } };
  const key = (m: Mention) => `${m.document.id}@${m.start}`;

  it('the first places in document-id then text order, and how many there are', async () => {
    const { id, n } = await busiest('COUNT { (:Sentence)-[:MENTIONS]->(e) }');
    expect(n).toBeGreaterThan(100);
    const all = await direct<{ doc: string; start: number }>(
      `MATCH (s:Sentence)-[m:MENTIONS]->(:Entity {id: $id})
       RETURN s.docId AS doc, m.start AS start ORDER BY doc, start, m.end`,
      { id },
    );
    const expected = all.map((r) => `${r.doc}@${Number(r.start)}`);
    const data = await ok<{
      entity: { mentionsCount: number; byDefault: Mention[]; three: Mention[]; most: Mention[] };
    }>(
      `{ entity(id: "${id}") { mentionsCount byDefault: mentions { start document { id } }
         three: mentions(first: 3) { start document { id } } most: mentions(first: 100) { start document { id } } } }`,
    );
    expect(data.entity.mentionsCount).toBe(n);
    expect(data.entity.mentionsCount).toBe(all.length);
    expect(data.entity.byDefault.map(key)).toEqual(expected.slice(0, 20));
    expect(data.entity.three.map(key)).toEqual(expected.slice(0, 3));
    expect(data.entity.most.map(key)).toEqual(expected.slice(0, 100));
  });

  it('many entities at once: one query per cap asked, each entity its own first places', async () => {
    const data = await ok<{
      entities: { edges: { node: { id: string; mentionsCount: number; mentions: Mention[] } }[] };
    }>(
      '{ entities(kind: COUNTRY, first: 6) { edges { node { id mentionsCount mentions(first: 2) { start document { id } } } } } }',
    );
    svc.sent.length = 0;
    await ok(
      '{ entities(kind: COUNTRY, first: 6) { edges { node { id mentionsCount mentions(first: 2) { start } } } } }',
    );
    // The page of entities, then the mentions of all six in one query and their counts in another.
    expect(svc.sent.filter((s) => s.query.name === 'mentions-of-entities')).toHaveLength(2);
    for (const { node } of data.entities.edges) {
      const rows = await direct<{ doc: string; start: number }>(
        `MATCH (s:Sentence)-[m:MENTIONS]->(:Entity {id: $id})
         RETURN s.docId AS doc, m.start AS start ORDER BY doc, start, m.end`,
        { id: node.id },
      );
      expect({ id: node.id, count: node.mentionsCount }).toEqual({ id: node.id, count: rows.length });
      expect(node.mentions.map(key)).toEqual(rows.slice(0, 2).map((r) => `${r.doc}@${Number(r.start)}`));
    }
  });
});

describe('Entity.stances(first:) and stancesCount', () => {
  type Row = { id: string; actorId: string; actorName: string; polarity: string; kind: string };
  /** The stances of an entity as the description orders them: its own, then polarity (descending), actor name, id. */
  async function stancesOf(id: string): Promise<Row[]> {
    const rows = await direct<Row>(
      `MATCH (e:Entity {id: $id})<-[:BY|ON]-(c:Claim)
       WITH DISTINCT c MATCH (a:Entity)<-[:BY]-(c)
       RETURN c.id AS id, a.id AS actorId, a.name AS actorName, c.polarity AS polarity, c.kind AS kind`,
      { id },
    );
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return rows.sort(
      (a, b) =>
        Number(a.actorId !== id) - Number(b.actorId !== id) ||
        cmp(b.polarity, a.polarity) ||
        cmp(a.actorName, b.actorName) ||
        cmp(a.id, b.id),
    );
  }

  it('the first stances in the stated order, and how many match, with and without filters', async () => {
    const { id, n } = await busiest('COUNT { (e)<-[:BY|ON]-(:Claim) }');
    expect(n).toBeGreaterThan(20);
    const all = await stancesOf(id);
    const taken = all.filter((s) => s.actorId === id);
    const kind = all[0].kind;
    const ofKind = all.filter((s) => s.kind === kind);
    const data = await ok<{
      entity: {
        stancesCount: number;
        byDefault: { id: string }[];
        five: { id: string }[];
        asActor: { id: string }[];
        asActorCount: number;
        ofKind: { id: string }[];
        ofKindCount: number;
      };
    }>(
      `{ entity(id: "${id}") { stancesCount byDefault: stances { id } five: stances(first: 5) { id }
         asActor: stances(role: ACTOR, first: 100) { id } asActorCount: stancesCount(role: ACTOR)
         ofKind: stances(kinds: [${kind}], first: 100) { id } ofKindCount: stancesCount(kinds: [${kind}]) } }`,
    );
    const ids = (list: { id: string }[]) => list.map((s) => s.id);
    expect(data.entity.stancesCount).toBe(all.length);
    expect(ids(data.entity.byDefault)).toEqual(ids(all.slice(0, 20)));
    expect(ids(data.entity.five)).toEqual(ids(all.slice(0, 5)));
    expect(data.entity.asActorCount).toBe(taken.length);
    expect(ids(data.entity.asActor)).toEqual(ids(taken.slice(0, 100)));
    expect(data.entity.ofKindCount).toBe(ofKind.length);
    expect(ids(data.entity.ofKind)).toEqual(ids(ofKind.slice(0, 100)));
  });

  it('entity(id:) asking for its stances without arguments still comes back in one round trip', async () => {
    const { id } = await busiest('COUNT { (e)<-[:BY|ON]-(:Claim) }');
    svc.sent.length = 0;
    const data = await ok<{ entity: { id: string; stances: { id: string }[] } }>(
      `{ entity(id: "${id}") { id stances { id } } }`,
    );
    expect(svc.sent.map((s) => s.query.name)).toEqual(['stances-of-entities']);
    expect(data.entity.stances.map((s) => s.id)).toEqual((await stancesOf(id)).slice(0, 20).map((s) => s.id));
  });
});

describe('StanceCell.stances(first:) and sources(first:), stanceCount and sourcesCount', () => {
  it('the first stances in id order and the first sources in document-id order, against a plain read', async () => {
    type Cell = {
      actor: { id: string };
      target: { id: string };
      stanceCount: number;
      sourcesCount: number;
      two: { id: string }[];
      byDefault: { id: string }[];
      most: { id: string }[];
      twoSources: { document: { id: string } }[];
      sources: { document: { id: string } }[];
    };
    const data = await ok<{ stanceMatrix: { cells: Cell[] } }>(
      `{ stanceMatrix(actorsFirst: 4, targetsFirst: 4) { cells { actor { id } target { id } stanceCount sourcesCount
         two: stances(first: 2) { id } byDefault: stances { id } most: stances(first: 100) { id }
         twoSources: sources(first: 2) { document { id } } sources(first: 100) { document { id } } } } }`,
    );
    const cells = data.stanceMatrix.cells;
    expect(cells.some((c) => c.stanceCount > 2)).toBe(true);
    expect(cells.some((c) => c.sourcesCount > 2)).toBe(true);
    for (const cell of cells) {
      const rows = await direct<{ id: string; doc: string }>(
        `MATCH (:Entity {id: $actor})<-[:BY]-(c:Claim)-[:ON]->(:Entity {id: $target})
         RETURN c.id AS id, c.docId AS doc ORDER BY id`,
        { actor: cell.actor.id, target: cell.target.id },
      );
      const ids = rows.map((r) => r.id);
      const docs = [...new Set(rows.map((r) => r.doc))].sort();
      const pair = `${cell.actor.id} → ${cell.target.id}`;
      expect({ pair, stanceCount: cell.stanceCount, sourcesCount: cell.sourcesCount }).toEqual({
        pair,
        stanceCount: ids.length,
        sourcesCount: docs.length,
      });
      expect(cell.two.map((s) => s.id)).toEqual(ids.slice(0, 2));
      expect(cell.byDefault.map((s) => s.id)).toEqual(ids.slice(0, 20));
      expect(cell.most.map((s) => s.id)).toEqual(ids.slice(0, 100));
      expect(cell.twoSources.map((s) => s.document.id)).toEqual(docs.slice(0, 2));
      expect(cell.sources.map((s) => s.document.id)).toEqual(docs.slice(0, 100));
    }
  });
});

describe('ConditionStatus.stances, setBy, rejectedBy, acceptedBy (first:) and their counts', () => {
  const KINDS = [
    'DEMANDS',
    'REJECTS',
    'ACCEPTS',
    'AGREES_TO',
    'OPEN_TO',
    'CRITICIZES',
    'SUPPORTS',
    'CALLS_FOR',
    'PROPOSES',
  ];

  it('the first stances of each list in id order, and how many each list has, against a plain read', async () => {
    type Status = {
      condition: { id: string };
      stancesCount: number;
      setByCount: number;
      rejectedByCount: number;
      acceptedByCount: number;
      byDefault: { id: string }[];
      three: { id: string }[];
      setBy: { id: string }[];
      rejectedBy: { id: string }[];
      acceptedBy: { id: string }[];
    };
    const data = await ok<{ conditions: { edges: { node: Status }[] } }>(
      `{ conditions(first: 30) { edges { node { condition { id } stancesCount setByCount rejectedByCount
         acceptedByCount byDefault: stances { id } three: stances(first: 3) { id } setBy(first: 100) { id }
         rejectedBy(first: 100) { id } acceptedBy(first: 100) { id } } } } }`,
    );
    const statuses = data.conditions.edges.map((e) => e.node);
    expect(statuses.some((s) => s.stancesCount > 20)).toBe(true);
    const ids = (list: { id: string }[]) => list.map((s) => s.id);
    for (const status of statuses) {
      const rows = await direct<{ id: string; kind: string }>(
        `MATCH (:Entity)<-[:BY]-(c:Claim)-[:ON]->(:Condition {id: $id}) WHERE c.kind IN $kinds
         RETURN c.id AS id, c.kind AS kind ORDER BY id`,
        { id: status.condition.id, kinds: KINDS },
      );
      const of = (kinds: string[] | null) =>
        rows.filter((r) => !kinds || kinds.includes(r.kind)).map((r) => r.id);
      const [all, setBy, rejectedBy, acceptedBy] = [
        of(null),
        of(['DEMANDS']),
        of(['REJECTS']),
        of(['ACCEPTS', 'AGREES_TO']),
      ];
      const id = status.condition.id;
      expect({
        id,
        counts: [status.stancesCount, status.setByCount, status.rejectedByCount, status.acceptedByCount],
      }).toEqual({
        id,
        counts: [all.length, setBy.length, rejectedBy.length, acceptedBy.length],
      });
      expect(ids(status.byDefault)).toEqual(all.slice(0, 20));
      expect(ids(status.three)).toEqual(all.slice(0, 3));
      expect(ids(status.setBy)).toEqual(setBy.slice(0, 100));
      expect(ids(status.rejectedBy)).toEqual(rejectedBy.slice(0, 100));
      expect(ids(status.acceptedBy)).toEqual(acceptedBy.slice(0, 100));
    }
  });
});

describe('Relation.evidence(first:) and Edge.evidence(first:), with evidenceCount', () => {
  type Place = { start: number; document: { id: string } };
  type Item = { evidenceCount: number; most: Place[]; two: Place[]; byDefault: Place[] };
  const FIELDS =
    'evidenceCount most: evidence(first: 50) { start document { id } } ' +
    'two: evidence(first: 2) { start document { id } } byDefault: evidence { start document { id } }';
  const sorted = (list: Place[]) =>
    [...list].sort((a, b) => a.document.id.localeCompare(b.document.id) || a.start - b.start);

  function checkEach(items: Item[]): void {
    for (const item of items) {
      expect(item.most).toHaveLength(item.evidenceCount);
      expect(item.most).toEqual(sorted(item.most));
      expect(item.two).toEqual(item.most.slice(0, 2));
      expect(item.byDefault).toEqual(item.most.slice(0, 5));
    }
  }

  it('a fact: the first places in document-id then text order; the count is every report', async () => {
    // The fact most documents report, and its start.
    const [row] = await direct<{ id: string; n: number }>(
      `MATCH (e:Entity)-[r]->(:Entity) WHERE r.docIds IS NOT NULL
       RETURN e.id AS id, size(r.docIds) AS n ORDER BY n DESC, id LIMIT 1`,
    );
    expect(Number(row.n)).toBeGreaterThan(2);
    const data = await ok<{ relations: { edges: { node: Item }[] } }>(
      `{ relations(of: "${row.id}", direction: OUT, first: 100) { edges { node { ${FIELDS} } } } }`,
    );
    const items = data.relations.edges.map((e) => e.node);
    checkEach(items);
    expect(Math.max(...items.map((i) => i.evidenceCount))).toBe(Number(row.n));
  });

  it('a subgraph edge: the same cap and order', async () => {
    const { id } = await busiest('COUNT { (e)<-[:BY|ON]-(:Claim) }');
    const data = await ok<{ neighborhood: { edges: Item[] } }>(
      `{ neighborhood(of: "${id}", depth: 1, limit: 10) { edges { ${FIELDS} } } }`,
    );
    expect(data.neighborhood.edges.length).toBeGreaterThan(0);
    checkEach(data.neighborhood.edges);
  });
});

describe('the caps’ bounds', () => {
  it.each([
    ['mentions(first: 0) { start }'],
    ['mentions(first: 101) { start }'],
    ['stances(first: 0) { id }'],
    ['stances(first: 101) { id }'],
    ['matrix: stances(first: 0) { id }'],
    ['matrix: sources(first: 101) { stanceCount }'],
    ['conditions: setBy(first: 0) { id }'],
    ['conditions: stances(first: 101) { id }'],
    ['relations: evidence(first: 0) { quote }'],
    ['relations: evidence(first: 101) { quote }'],
  ])('%s is BAD_USER_INPUT naming the argument and its bounds', async (field) => {
    const query = field.startsWith('matrix: ')
      ? `{ stanceMatrix(actorsFirst: 2, targetsFirst: 2) { cells { ${field.slice(8)} } } }`
      : field.startsWith('conditions: ')
        ? `{ conditions { edges { node { ${field.slice(12)} } } } }`
        : field.startsWith('relations: ')
          ? `{ relations(of: "russia") { edges { node { ${field.slice(11)} } } } }`
          : `{ entity(id: "putin") { ${field} } }`;
    const { status, body } = await svc.gql(query);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
  });
});
