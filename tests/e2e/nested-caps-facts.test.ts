import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cypher } from '../../src/cypher';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { TestService, startTestService } from '../support/service';

/**
 * The facts inside an item are capped like its other lists (docs/paging.md, "Lists inside an item"):
 * Entity.relations and a condition's `for` and `conditionFor` answer at most `first` (1–100; 20 by default
 * for an entity's facts, 5 for a condition's) in a stated order, with `relationsCount`, `forCount` and `conditionForCount` saying how many there are, and
 * the cap is made in the Cypher (only the page is projected with its evidence). Over the seed and a synthetic
 * corpus whose busiest entity (a hub: the synthetic corpus draws its entities from a Zipf law) has more facts
 * than the default cap, each page is checked against a plain Cypher read of the whole list in that order.
 */
let svc: TestService;
let corpus: string;

beforeAll(async () => {
  svc = await startTestService();
  corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-facts-'));
  await loadDocuments(svc.db, generateCorpus({ documents: 60, out: corpus, seed: 7 }), () => {});
  svc.stores.cache.clear();
  // Loading documents on a busy 2-core machine can take minutes.
}, 300_000);
afterAll(async () => {
  await svc?.close();
  if (corpus) rmSync(corpus, { recursive: true, force: true });
});

async function direct<T>(text: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await svc.db.read({ name: 'test/nested-caps-facts', text, params })) as T[];
}

async function ok<T>(query: string): Promise<T> {
  const { status, body } = await svc.gql<T>(query);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

type Fact = { type: string; from: { id: string }; to: { id: string } };
const key = (f: Fact) => `${f.type} ${f.from.id} → ${f.to.id}`;
const FACT = 'type from { id } to { id }';

/**
 * The facts around an entity as Entity.relations orders them (type, start name, end name, start id, end
 * id, about), from a plain read of its relationships that carry reports.
 */
async function factsOf(id: string, direction: 'OUT' | 'IN' | 'BOTH' = 'BOTH'): Promise<string[]> {
  const rows = await direct<{ k: string }>(
    `MATCH (e:Entity {id: $id})-[r]-(o:Entity)
     WHERE type(r) <> 'STANCE' AND size(r.docIds) > 0
     WITH r, startNode(r) AS a, endNode(r) AS b
     WHERE $direction = 'BOTH' OR ($direction = 'OUT') = (a.id = $id)
     WITH DISTINCT r, a, b
     RETURN type(r) + ' ' + a.id + ' → ' + b.id AS k
     ORDER BY type(r), a.name, b.name, a.id, b.id, coalesce(r.about, '')`,
    { id, direction },
  );
  return rows.map((r) => r.k);
}

describe('Entity.relations(first:) and relationsCount', () => {
  it('a hub: the first facts in the stated order, and how many there are, with and without filters', async () => {
    const [hub] = await direct<{ id: string; n: number }>(
      `MATCH (e:Entity) WITH e, COUNT { (e)-[r]-(:Entity) WHERE type(r) <> 'STANCE' AND size(r.docIds) > 0 } AS n
       RETURN e.id AS id, n ORDER BY n DESC, id LIMIT 1`,
    );
    const all = await factsOf(hub.id);
    const out = await factsOf(hub.id, 'OUT');
    expect(all.length).toBeGreaterThan(40);
    const data = await ok<{
      entity: Record<'byDefault' | 'three' | 'most' | 'out', Fact[]> & {
        relationsCount: number;
        outCount: number;
      };
    }>(
      `{ entity(id: "${hub.id}") { relationsCount byDefault: relations { ${FACT} }
         three: relations(first: 3) { ${FACT} } most: relations(first: 100) { ${FACT} }
         out: relations(direction: OUT, first: 100) { ${FACT} } outCount: relationsCount(direction: OUT) } }`,
    );
    expect(data.entity.relationsCount).toBe(all.length);
    expect(data.entity.byDefault.map(key)).toEqual(all.slice(0, 20));
    expect(data.entity.three.map(key)).toEqual(all.slice(0, 3));
    expect(data.entity.most.map(key)).toEqual(all.slice(0, 100));
    expect(data.entity.outCount).toBe(out.length);
    expect(data.entity.out.map(key)).toEqual(out.slice(0, 100));
  });

  it('many entities at once: one query per cap, each entity its own first facts and its own count', async () => {
    const page = await ok<{ entities: { edges: { node: { id: string } }[] } }>(
      '{ entities(kind: COUNTRY, first: 8) { edges { node { id } } } }',
    );
    svc.sent.length = 0;
    const data = await ok<{
      entities: { edges: { node: { id: string; relationsCount: number; relations: Fact[] } }[] };
    }>(
      `{ entities(kind: COUNTRY, first: 8) { edges { node { id relationsCount relations(first: 2) { ${FACT} } } } } }`,
    );
    // The page of entities, then the facts of all eight in one query and their counts in another.
    expect(svc.sent.filter((s) => s.query.name === 'relations')).toHaveLength(2);
    expect(data.entities.edges.map((e) => e.node.id)).toEqual(page.entities.edges.map((e) => e.node.id));
    for (const { node } of data.entities.edges) {
      const all = await factsOf(node.id);
      expect({ id: node.id, count: node.relationsCount, first: node.relations.map(key) }).toEqual({
        id: node.id,
        count: all.length,
        first: all.slice(0, 2),
      });
    }
  });

  it('the page is cut in the Cypher: the query sends the first facts only, not every fact of the hub', async () => {
    const [hub] = await direct<{ id: string }>(
      `MATCH (e:Entity) WITH e, COUNT { (e)-[r]-(:Entity) WHERE type(r) <> 'STANCE' AND size(r.docIds) > 0 } AS n
       RETURN e.id AS id ORDER BY n DESC, id LIMIT 1`,
    );
    const [row] = await svc.db.read({
      name: 'relations',
      text: cypher('queries/relations'),
      params: {
        ids: [hub.id],
        types: null,
        direction: 'BOTH',
        first: 5,
        scopeDocuments: null,
        scopeFrom: null,
        scopeTo: null,
        scopeMinConfidence: null,
        scopeMethods: null,
      },
    });
    const page = row.page as { count: number; relations: unknown[] };
    expect(page.relations).toHaveLength(5);
    expect(page.count).toBe((await factsOf(hub.id)).length);
  });
});

describe('ConditionStatus.for(first:), conditionFor(first:), forCount, conditionForCount', () => {
  it('the first of each condition’s facts by the end’s name and id, and how many it has', async () => {
    type Status = {
      condition: { id: string };
      forCount: number;
      conditionForCount: number;
      byDefault: { id: string }[];
      two: { id: string }[];
      facts: Fact[];
      oneFact: Fact[];
    };
    const data = await ok<{ conditions: { edges: { node: Status }[] } }>(
      `{ conditions(first: 30) { edges { node { condition { id } forCount conditionForCount
         byDefault: for { id } two: for(first: 2) { id } facts: conditionFor(first: 100) { ${FACT} }
         oneFact: conditionFor(first: 1) { ${FACT} } } } } }`,
    );
    const statuses = data.conditions.edges.map((e) => e.node);
    expect(statuses.some((s) => s.forCount > 2)).toBe(true);
    for (const status of statuses) {
      const rows = await direct<{ id: string }>(
        `MATCH (:Condition {id: $id})-[r:CONDITION_FOR]->(f:Entity)
         RETURN f.id AS id ORDER BY f.name, f.id, coalesce(r.about, '')`,
        { id: status.condition.id },
      );
      const ids = rows.map((r) => r.id);
      const id = status.condition.id;
      expect({ id, counts: [status.forCount, status.conditionForCount] }).toEqual({
        id,
        counts: [ids.length, ids.length],
      });
      expect(status.byDefault.map((e) => e.id)).toEqual(ids.slice(0, 5));
      expect(status.two.map((e) => e.id)).toEqual(ids.slice(0, 2));
      expect(status.facts.map((f) => f.to.id)).toEqual(ids.slice(0, 100));
      expect(status.facts.every((f) => f.type === 'CONDITION_FOR' && f.from.id === id)).toBe(true);
      expect(status.oneFact).toEqual(status.facts.slice(0, 1));
    }
  });

  it('reads no facts when neither list is asked, and as many as the largest first when both are', async () => {
    svc.sent.length = 0;
    await ok('{ conditions { edges { node { forCount } } } }');
    await ok('{ conditions { edges { node { for(first: 1) { id } conditionFor(first: 3) { type } } } } }');
    expect(
      svc.sent.filter((s) => s.query.name === 'conditions').map((s) => s.query.params?.forFirst),
    ).toEqual([0, 3]);
  });
});

describe('the new caps’ bounds', () => {
  it.each([
    ['entity', 'relations(first: 0) { type }'],
    ['entity', 'relations(first: 101) { type }'],
    ['entity', 'relations(first: -1) { type }'],
    ['condition', 'for(first: 0) { id }'],
    ['condition', 'for(first: 101) { id }'],
    ['condition', 'conditionFor(first: 101) { type }'],
  ])('%s %s is BAD_USER_INPUT naming the argument and its bounds', async (on, field) => {
    const query =
      on === 'entity'
        ? `{ entity(id: "putin") { ${field} } }`
        : `{ conditions { edges { node { ${field} } } } }`;
    const { status, body } = await svc.gql(query);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
  });

  it('a fan-out through the new caps is priced by the `first`s asked, and refused before any query runs', async () => {
    svc.sent.length = 0;
    const { status, body } = await svc.gql(
      `{ entities(first: 100) { edges { node { relations(first: 100) { evidence(first: 100) { quote } } } } }
         conditions(first: 200) { edges { node { conditionFor(first: 100) { type } } } } }`,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY' });
    expect(svc.sent).toEqual([]);
  });
});
