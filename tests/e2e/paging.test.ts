import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { generateCorpus } from '../../testkit/synthetic';
import { TestService, startTestService } from '../support/service';

/**
 * Paging (docs/paging.md) through GraphQL over a real Neo4j: the seed and a small synthetic corpus (seven
 * documents, of which three are held back, each to be loaded in the middle of one walk). A walk page by
 * page gives exactly what one large page gives, in the same order; a document loaded between two pages
 * shifts nothing (no item twice, none of those already there skipped), because a cursor is a sort key, not
 * an offset.
 */
let svc: TestService;
let corpus: string;
/** The documents held back, one for each walk that a load interrupts. */
const held: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService();
  corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-paging-'));
  const dirs = generateCorpus({ documents: 7, out: corpus, seed: 17 });
  Object.assign(held, { stances: dirs[1], citedAsObjections: dirs[3], timeline: dirs[5] });
  const heldBack = new Set(Object.values(held));
  await loadDocuments(
    svc.db,
    dirs.filter((d) => !heldBack.has(d)),
    () => {},
  );
  svc.stores.cache.clear();
  const { body } = await svc.gql<{ stanceMatrix: { actors: { id: string }[] } }>(
    '{ stanceMatrix(actorsFirst: 1) { actors { id } } }',
  );
  const actor = FIELDS['stances(actor:)'];
  actor.query = actor.query.replace('%ACTOR%', body.data!.stanceMatrix.actors[0].id);
  // Loading documents on a busy 2-core machine can take minutes.
}, 300_000);
afterAll(async () => {
  await svc?.close();
  if (corpus) rmSync(corpus, { recursive: true, force: true });
});

type Key = (string | number)[];
interface Field {
  /** The query, with $first and $after; its connection is data[name]. */
  query: string;
  name: string;
  /** The item's sort key, as the API orders it. */
  key: (node: never) => Key;
}

const STANCES: Field = {
  name: 'stances',
  query: 'query ($first: Int!, $after: String) { stances(first: $first, after: $after) { %PAGE% } }',
  key: (n: { id: string }) => [n.id],
};
const FIELDS: Record<string, Field> = {
  stances: STANCES,
  'stances(actor:)': {
    name: 'stances',
    // The actor with most stances (beforeAll).
    query:
      'query ($first: Int!, $after: String) { stances(actor: "%ACTOR%", first: $first, after: $after) { %PAGE% } }',
    key: (n: { id: string }) => [n.id],
  },
  citedAsObjections: {
    name: 'citedAsObjections',
    query:
      'query ($first: Int!, $after: String) { citedAsObjections(first: $first, after: $after) { %PAGE% } }',
    key: (n: { objection: { id: string }; cited: { id: string } }) => [n.objection.id, n.cited.id],
  },
  relations: {
    name: 'relations',
    query:
      'query ($first: Int!, $after: String) { relations(of: "syn-country-0", first: $first, after: $after) { totalCount %PAGE% } }',
    key: (n: { type: string; from: { id: string }; to: { id: string }; about: { id: string } | null }) => [
      n.type,
      n.from.id,
      n.to.id,
      n.about?.id ?? '',
    ],
  },
  timeline: {
    name: 'timeline',
    query: 'query ($first: Int!, $after: String) { timeline(first: $first, after: $after) { %PAGE% } }',
    key: (n: {
      date: string;
      kind: string;
      entity: { id: string } | null;
      stance: { id: string } | null;
    }) => [n.date, n.kind, (n.entity ?? n.stance)!.id],
  },
  conditions: {
    name: 'conditions',
    query: 'query ($first: Int!, $after: String) { conditions(first: $first, after: $after) { %PAGE% } }',
    key: (n: { condition: { name: string; id: string } }) => [n.condition.name, n.condition.id],
  },
  documents: {
    name: 'documents',
    query:
      'query ($first: Int!, $after: String) { documents(first: $first, after: $after) { totalCount %PAGE% } }',
    key: (n: { publishedAt: string; id: string }) => [n.publishedAt, n.id],
  },
  search: {
    name: 'search',
    query:
      'query ($first: Int!, $after: String) { search(text: "ceasefire talks attacks", first: $first, after: $after) { %PAGE% } }',
    key: (n: { __typename: string; id: string }) => [n.__typename, n.id],
  },
};

const NODE: Record<string, string> = {
  stances: 'id',
  citedAsObjections: 'objection { id } cited { id }',
  relations: 'type from { id } to { id } about { id }',
  timeline: 'date kind entity { id } stance { id }',
  search: '__typename ... on Entity { id } ... on Sentence { id }',
  documents: 'publishedAt id',
  conditions: 'condition { name id }',
};

interface PageAnswer {
  edges: { cursor: string; node: Record<string, never> }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  totalCount?: number;
}

async function page(field: Field, first: number, after: string | null): Promise<PageAnswer> {
  const query = field.query.replace(
    '%PAGE%',
    `edges { cursor node { ${NODE[field.name]} } } pageInfo { hasNextPage hasPreviousPage endCursor }`,
  );
  const { status, body } = await svc.gql<Record<string, PageAnswer>>(query, { first, after });
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data![field.name];
}

const text = (key: Key) => JSON.stringify(key);
/** Neo4j orders strings by UTF-16 code unit, as JavaScript's < does. */
function compare(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Every page of `first` in turn; `between` runs once between two pages, once `pauseAt` holds of the cursor's key. */
async function walk(
  field: Field,
  first: number,
  pauseAt: (key: Key, pages: number) => boolean = () => false,
  between?: () => Promise<void>,
) {
  const keys: Key[] = [];
  let after: string | null = null;
  let keyAtPause: Key | null = null;
  for (let n = 0; ; n++) {
    const answer = await page(field, first, after);
    expect(answer.edges.length).toBeLessThanOrEqual(first);
    expect(answer.pageInfo.hasPreviousPage).toBe(after !== null);
    keys.push(...answer.edges.map((e) => field.key(e.node as never)));
    if (!answer.pageInfo.hasNextPage) {
      expect(answer.edges.length).toBeGreaterThan(0);
      return { keys, keyAtPause };
    }
    expect(answer.edges).toHaveLength(first);
    expect(answer.pageInfo.endCursor).toBe(answer.edges.at(-1)!.cursor);
    after = answer.pageInfo.endCursor;
    if (between && !keyAtPause && pauseAt(keys.at(-1)!, n + 1)) {
      keyAtPause = keys.at(-1)!;
      await between();
    }
  }
}

async function everything(field: Field): Promise<Key[]> {
  const answer = await page(field, 200, null);
  expect(answer.pageInfo.hasNextPage).toBe(false);
  return answer.edges.map((e) => field.key(e.node as never));
}

describe('a walk page by page gives exactly the unpaged answer, in order', () => {
  it.each(Object.keys(FIELDS))('%s', async (name) => {
    const field = FIELDS[name];
    const all = await everything(field);
    // The anchored fields hold fewer items: a page of 1 and of 3 still walks several pages.
    expect(all.length).toBeGreaterThan(
      ['relations', 'stances(actor:)', 'documents', 'conditions'].includes(name) ? 3 : 7,
    );
    for (const first of [1, 3, 7]) {
      const { keys } = await walk(field, first);
      expect(keys.map(text)).toEqual(all.map(text));
    }
    expect(new Set(all.map(text)).size).toBe(all.length);
    // Search is best first (score); documents newest first, then by id descending (the index's order read
    // backwards); the others are in their key order.
    if (name === 'documents')
      expect([...all].sort((a, b) => compare([b[0]], [a[0]]) || compare([b[1]], [a[1]])).map(text)).toEqual(
        all.map(text),
      );
    else if (name !== 'search') expect([...all].sort(compare).map(text)).toEqual(all.map(text));
  });

  it('conditions, unnarrowed (read in the condition_name_id index order), are every condition', async () => {
    const all = await everything(FIELDS.conditions);
    const stored = await svc.db.read({
      name: 'test/conditions',
      text: "MATCH (c:Entity) WHERE c.kind = 'Condition' RETURN c.name AS name, c.id AS id ORDER BY name, id",
    });
    expect(all.map(text)).toEqual(stored.map((r) => text([r.name as string, r.id as string])));
  });

  it('relations say how many there are, on every page', async () => {
    const field = FIELDS.relations;
    const query = field.query.replace('%PAGE%', 'edges { node { type } }');
    const counts = new Set<number>();
    for (const first of [1, 200]) {
      const { body } = await svc.gql<{ relations: { totalCount: number; edges: unknown[] } }>(query, {
        first,
        after: null,
      });
      counts.add(body.data!.relations.totalCount);
      if (first === 200) expect(body.data!.relations.edges).toHaveLength(body.data!.relations.totalCount);
    }
    expect(counts.size).toBe(1);
  });
});

describe('a document loaded between two pages', () => {
  it.each(['stances', 'citedAsObjections', 'timeline'])(
    '%s: nothing twice, nothing that was there skipped, what came after the cursor included',
    async (name) => {
      const field = FIELDS[name];
      const gone = await everything(field);
      const load = async () => {
        await loadDocuments(svc.db, [held[name]], () => {});
        svc.stores.cache.clear();
      };
      // Stances and citations are in stance-id order ("<document id>:<claim id>"): the walk pauses once past
      // the held document's ids, so that what it adds lies before the cursor, where an offset would have
      // shifted the walk back. The timeline pauses after three pages.
      const heldId = path.basename(held[name]);
      const pauseAt = (key: Key, pages: number) =>
        name === 'timeline' ? pages === 3 : String(key[0]) > `${heldId};`;
      const { keys, keyAtPause } = await walk(field, 2, pauseAt, load);
      const after = await everything(field);
      expect(keyAtPause).not.toBeNull();
      const walked = keys.map(text);
      expect(new Set(walked).size).toBe(walked.length);
      expect([...keys].sort(compare).map(text)).toEqual(walked);
      // Exactly what was there, plus what the load added after the cursor.
      const expected = after.filter(
        (k) => gone.some((g) => text(g) === text(k)) || compare(k, keyAtPause!) > 0,
      );
      expect(walked).toEqual(expected.map(text));
      const added = after.filter((k) => !gone.some((g) => text(g) === text(k)));
      expect(added.length).toBeGreaterThan(0);
      if (name !== 'timeline') expect(added.every((k) => compare(k, keyAtPause!) < 0)).toBe(true);
    },
    180_000,
  );
});

describe('bad cursors and page sizes', () => {
  const refused = async (query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await svc.gql(query, variables);
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    return body.errors![0];
  };

  it.each([
    ['not base64', '!!!'],
    ['not JSON', Buffer.from('entity:putin').toString('base64url')],
    ['another field’s cursor', Buffer.from('["timeline","2025-03-18","EVENT","x"]').toString('base64url')],
    ['the wrong shape', Buffer.from('["stances",1]').toString('base64url')],
    ['too long', 'A'.repeat(5_000)],
  ])('%s is BAD_USER_INPUT, reason INVALID_CURSOR', async (_name, after) => {
    const error = await refused('query ($after: String) { stances(after: $after) { edges { cursor } } }', {
      after,
    });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CURSOR',
      argument: 'after',
    });
    expect(JSON.stringify(error)).not.toMatch(/MATCH|Neo4j|stack/i);
  });

  it('a cursor of one field is refused by every other', async () => {
    const stance = (await page(STANCES, 1, null)).edges[0].cursor;
    for (const field of ['citedAsObjections', 'timeline', 'search', 'relations']) {
      const query = FIELDS[field].query.replace('%PAGE%', 'edges { cursor }');
      const error = await refused(query, { first: 1, after: stance });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    }
  });

  it('first is 1 to 200; the matrix takes 1 to 50 rows and columns and says how many it left out', async () => {
    for (const first of [0, 201]) {
      const error = await refused(`{ timeline(first: ${first}) { edges { cursor } } }`);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', min: 1, max: 200 });
    }
    const big = await page(STANCES, 200, null);
    expect(big.edges.length).toBeGreaterThan(20);
    const error = await refused('{ stanceMatrix(actorsFirst: 51) { totalActors } }');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'actorsFirst', max: 50 });
    const { body } = await svc.gql<{
      small: { totalActors: number; actorsLeftOut: number; targetsLeftOut: number; totalTargets: number };
      large: { actors: unknown[]; targets: unknown[]; totalActors: number; totalTargets: number };
    }>(
      `{ small: stanceMatrix(actorsFirst: 2, targetsFirst: 3) { totalActors totalTargets actorsLeftOut targetsLeftOut actors { id } targets { id } }
         large: stanceMatrix(actorsFirst: 50, targetsFirst: 50) { totalActors totalTargets actors { id } targets { id } } }`,
    );
    const { small, large } = body.data!;
    expect(small.totalActors).toBeGreaterThan(2);
    expect(small.actorsLeftOut).toBe(small.totalActors - 2);
    expect(small.targetsLeftOut).toBe(small.totalTargets - 3);
    expect(large.totalActors).toBe(small.totalActors);
    expect(large.actors).toHaveLength(Math.min(50, large.totalActors));
    expect(large.targets).toHaveLength(Math.min(50, large.totalTargets));
  });
});

describe('graph: the dashboard’s whole picture is capped too', () => {
  it('keeps at most 4 × first edges, most evidence first, each sentence once, and counts what it left out', async () => {
    type Graph = {
      truncated: boolean;
      omittedNodes: number;
      omittedEdges: number;
      nodes: { id: string }[];
      sentences: { id: string }[];
      edges: { type: string; from: { id: string }; to: { id: string }; evidence: { sentenceId: string }[] }[];
    };
    const [entities] = await svc.db.read({
      name: 'test/entities',
      text: 'MATCH (e:Entity) RETURN count(e) AS n',
    });
    for (const first of [1, 2, 3, 10]) {
      const { body } = await svc.gql<{ graph: Graph }>(
        `{ graph(first: ${first}) { truncated omittedNodes omittedEdges nodes { id } sentences { id }
           edges { type from { id } to { id } evidence { sentenceId } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const graph = body.data!.graph;
      const ids = graph.nodes.map((n) => n.id);
      expect(graph.omittedNodes).toBe(Number(entities.n) - first);
      expect(graph.edges.length).toBeLessThanOrEqual(4 * first);
      // Every stance and fact among the entities kept, counted by a plain query: kept + left out.
      const [among] = await svc.db.read({
        name: 'test/among',
        text: `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
               AND NOT type(r) IN ['MENTIONS'] RETURN count(r) AS n`,
        params: { ids },
      });
      expect(graph.edges.length + graph.omittedEdges).toBe(Number(among.n));
      expect(graph.truncated).toBe(graph.omittedNodes > 0 || graph.omittedEdges > 0);
      const weights = graph.edges.map((e) => e.evidence.length);
      expect([...weights].sort((x, y) => y - x)).toEqual(weights);
      const quoted = new Set(graph.edges.flatMap((e) => e.evidence.map((ev) => ev.sentenceId)));
      expect(graph.sentences.map((x) => x.id).sort()).toEqual([...quoted].sort());
    }
    // A small corpus has fewer than 4 × first edges among its hubs: the store, asked for fewer edges than
    // there are, shows the cap at work (the API passes 4 × first).
    const capped = await svc.stores.entities.overview(10, null, 3, 5);
    const full = await svc.stores.entities.overview(10, null, 400, 5);
    expect(full.omittedEdges).toBe(0);
    expect(full.edges.length).toBeGreaterThan(3);
    expect(capped.edges.map((e) => e.id)).toEqual(full.edges.slice(0, 3).map((e) => e.id));
    expect(capped.omittedEdges).toBe(full.edges.length - 3);
    expect(capped.truncated).toBe(true);
  });
});
