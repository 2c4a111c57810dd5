import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operation } from '../../src/operations';
import type { ResponseCache } from '../../src/api/cache/response-cache';
import { Answer, ExtraService, postJson, send, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';
import { until } from '../support/redis';

/**
 * The response cache on one instance (two instances and Redis: response-cache-instances.test.ts). Whether
 * an answer came from memory is read from the cache's counters and from the Cypher the service sent: a
 * cached answer sends none.
 */
const WRITE = 'response-cache-write-token-0123';
const READ = 'response-cache-read-token-01234';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const LOAD_DOCUMENT = operation('load-document');
const DOCUMENTS = '{ documents(first: 200) { edges { node { id } } } }';

let svc: TestService;
let cache: ResponseCache;

beforeAll(async () => {
  svc = await startTestService({
    RESPONSE_CACHE: 'true',
    STANCEGRAPH_WRITE_TOKEN: WRITE,
    STANCEGRAPH_READ_TOKEN: READ,
  });
  cache = svc.service.responseCache!;
});
afterAll(async () => {
  await svc?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (payload: unknown, token = READ) => postJson(`${svc.url}/graphql`, payload, bearer(token));

function get(query: string, headers: Record<string, string> = {}, token = READ): Promise<Answer> {
  const url = `${svc.url}/graphql?${new URLSearchParams({ query })}`;
  return send(url, { headers: { 'apollo-require-preflight': 'true', ...bearer(token), ...headers } });
}

/** A document of its own id each time: a new load, never unchanged. */
async function load(id: string): Promise<void> {
  const answer = await post(
    {
      query: LOAD_DOCUMENT,
      variables: { article, annotation: annotation.replace('id: valid', `id: ${id}`) },
    },
    WRITE,
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toMatchObject({ loadDocument: { documentId: id, status: 'CREATED' } });
}

const ids = (answer: Answer) =>
  (answer.body.data as { documents: { edges: { node: { id: string } }[] } }).documents.edges.map(
    (e) => e.node.id,
  );

/**
 * Asks twice: the answer is kept on the second sight of a request (a request asked once is never kept), so
 * the next one is answered from memory.
 */
async function twice(ask: () => Promise<Answer>): Promise<Answer> {
  await ask();
  return ask();
}

/** The Cypher statements the service sends while `run` runs. */
async function cypherDuring(run: () => Promise<unknown>): Promise<number> {
  const before = svc.sent.length;
  await run();
  return svc.sent.length - before;
}

describe('answers from memory', () => {
  it('a read asked once is not kept; asked again it is, and then answered without Cypher', async () => {
    const { stored, firstSight } = cache.stats();
    const first = await post({ query: DOCUMENTS });
    expect(first.status).toBe(200);
    expect(cache.stats()).toMatchObject({ stored, firstSight: firstSight + 1, entries: 0 });
    expect(await cypherDuring(() => post({ query: DOCUMENTS }))).toBeGreaterThan(0);
    expect(cache.stats()).toMatchObject({ stored: stored + 1, entries: 1 });
    const hits = cache.stats().hits;
    let second!: Answer;
    expect(await cypherDuring(async () => (second = await post({ query: DOCUMENTS })))).toBe(0);
    expect(cache.stats().hits).toBe(hits + 1);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
  });

  it('variables are one key whatever the order of their fields; other values are another key', async () => {
    const query =
      'query Counted($first: Int, $kind: EntityKind) { entities(first: $first, kind: $kind) { edges { node { id } } } }';
    await post({ query, variables: { first: 2, kind: 'PERSON' } });
    // The second sight of the same key, in another order: kept.
    const stored = cache.stats().stored;
    await post({ query, variables: { kind: 'PERSON', first: 2 } });
    expect(cache.stats().stored).toBe(stored + 1);
    const reordered = await cypherDuring(() => post({ query, variables: { first: 2, kind: 'PERSON' } }));
    expect(reordered).toBe(0);
    const other = await cypherDuring(() => post({ query, variables: { kind: 'PERSON', first: 3 } }));
    expect(other).toBeGreaterThan(0);
  });

  it('a load through this instance is visible to the very next read', async () => {
    const before = await twice(() => post({ query: DOCUMENTS }));
    expect(ids(before)).not.toContain('cache-next-read');
    expect(await cypherDuring(() => post({ query: DOCUMENTS }))).toBe(0); // from memory
    await load('cache-next-read');
    const after = await post({ query: DOCUMENTS });
    expect(ids(after)).toContain('cache-next-read');
    expect(cache.stats().bumps.load).toBeGreaterThan(0);
  });

  it('a write-token client is never answered from what a read-token client was, nor the other way', async () => {
    const query = '{ entity(id: "putin") { id name } }';
    await twice(() => post({ query }, READ));
    expect(await cypherDuring(() => post({ query }, READ))).toBe(0);
    expect(await cypherDuring(() => twice(() => post({ query }, WRITE)))).toBeGreaterThan(0);
    expect(await cypherDuring(() => post({ query }, WRITE))).toBe(0);
    // Without a token the request is refused before the cache is looked at.
    const anonymous = await postJson(`${svc.url}/graphql`, { query });
    expect(anonymous.status).toBe(401);
  });

  it('answers with errors are not kept', async () => {
    const query = '{ supporters(of: "no such entity anywhere") { id } }';
    const stored = cache.stats().stored;
    const first = await post({ query });
    expect(first.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await cypherDuring(() => post({ query }))).toBeGreaterThan(0);
    expect(await cypherDuring(() => post({ query }))).toBeGreaterThan(0);
    expect(cache.stats().stored).toBe(stored);
  });

  it('mutations are never answered from memory', async () => {
    const variables = { article, annotation: annotation.replace('id: valid', 'id: cache-twice') };
    const first = await post({ query: LOAD_DOCUMENT, variables }, WRITE);
    const second = await post({ query: LOAD_DOCUMENT, variables }, WRITE);
    expect(first.body.data).toMatchObject({ loadDocument: { status: 'CREATED' } });
    expect(second.body.data).toMatchObject({ loadDocument: { status: 'UNCHANGED' } });
  });
});

describe('ETag and If-None-Match on GET', () => {
  it('304 while the graph is unchanged; after a load 200 with a new ETag and the new answer', async () => {
    const first = await get(DOCUMENTS);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const kept = await get(DOCUMENTS);
    expect(kept.headers.get('etag')).toBe(etag);
    const hits = cache.stats().hits;
    const fromMemory = await get(DOCUMENTS);
    expect(cache.stats().hits).toBe(hits + 1);
    expect(fromMemory.headers.get('etag')).toBe(etag);
    expect(fromMemory.text).toBe(first.text);

    const revalidated = await get(DOCUMENTS, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);

    await load('cache-etag');
    const changed = await get(DOCUMENTS, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(ids(changed)).toContain('cache-etag');
  });

  it('each token scope has its own ETag', async () => {
    const query = '{ entity(id: "trump") { id name } }';
    const reader = await get(query, {}, READ);
    const writer = await get(query, {}, WRITE);
    expect(reader.status).toBe(200);
    expect(writer.text).toBe(reader.text);
    expect(writer.headers.get('etag')).not.toBe(reader.headers.get('etag'));
    const crossed = await get(query, { 'if-none-match': reader.headers.get('etag')! }, WRITE);
    expect(crossed.status).toBe(200);
  });

  it('POST answers carry no ETag', async () => {
    const first = await post({ query: DOCUMENTS });
    const again = await post({ query: DOCUMENTS });
    expect(first.headers.get('etag')).toBeNull();
    expect(again.headers.get('etag')).toBeNull();
  });

  it("a GET without Apollo's CSRF headers is refused even when its answer is in memory", async () => {
    await twice(() => get(DOCUMENTS));
    const url = `${svc.url}/graphql?${new URLSearchParams({ query: DOCUMENTS })}`;
    const bare = await send(url, { headers: bearer(READ) });
    expect(bare.status).toBe(400);
  });
});

describe('the size bound', () => {
  let small: ExtraService;
  let smallCache: ResponseCache;
  beforeAll(async () => {
    small = await startServiceWith(svc.db, { RESPONSE_CACHE: 'true', RESPONSE_CACHE_MAX_BYTES: '4kb' });
    smallCache = small.service.responseCache!;
  });
  afterAll(async () => {
    await small?.close();
  });

  it('keeps the bytes under the bound by evicting the least recently used answers', async () => {
    const query =
      'query Page($first: Int) { entities(first: $first) { edges { node { id name aliases } } } }';
    const pages = [4, 5, 6, 7, 8, 9, 10, 11];
    for (const first of pages) {
      const answer = await twice(() => postJson(small.graphql, { query, variables: { first } }));
      expect(answer.body.errors).toBeUndefined();
      expect(smallCache.stats().bytes).toBeLessThanOrEqual(4 * 1024);
    }
    const stats = smallCache.stats();
    expect(stats.stored).toBe(pages.length);
    expect(stats.evicted).toBeGreaterThan(0);
    expect(stats.entries).toBeLessThan(pages.length);
    // The newest is still there; the oldest was evicted.
    await postJson(small.graphql, { query, variables: { first: pages.at(-1) } });
    expect(smallCache.stats().hits).toBe(stats.hits + 1);
    await postJson(small.graphql, { query, variables: { first: pages[0] } });
    expect(smallCache.stats().hits).toBe(stats.hits + 1);
  });

  it('an evicted answer whose ETag still matches (same version) is computed and answered 304', async () => {
    const query = '{ entity(id: "zelensky") { id name aliases } }';
    const url = `${small.graphql}?${new URLSearchParams({ query })}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await twice(() => send(url, { headers }));
    const etag = first.headers.get('etag')!;
    expect(first.status).toBe(200);
    const page = 'query Page($first: Int) { entities(first: $first) { edges { node { id name aliases } } } }';
    for (const first of [12, 13, 14, 15, 16])
      await twice(() => postJson(small.graphql, { query: page, variables: { first } }));
    const { misses, stored } = smallCache.stats();
    const again = await send(url, { headers: { ...headers, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(smallCache.stats()).toMatchObject({ misses: misses + 1, stored: stored + 1 });
  });
});

describe('loads no event announced', () => {
  let other: ExtraService | undefined;
  afterAll(async () => {
    await other?.close();
  });

  it('an instance that hears of no load (no REDIS_URL) notices it by the graph stamp', async () => {
    // Instance B shares the database but not the events: only the stamp can tell it of A's loads.
    other = await startServiceWith(svc.db, { RESPONSE_CACHE: 'true', RESPONSE_CACHE_STAMP_POLL_MS: '50' });
    const url = `${other.url}/graphql`;
    const before = ids(await twice(() => postJson(url, { query: DOCUMENTS })));
    const cached = other.service.responseCache!;
    const hits = cached.stats().hits;
    expect(ids(await postJson(url, { query: DOCUMENTS }))).toEqual(before);
    expect(cached.stats().hits).toBe(hits + 1);
    await load('response-cache-unannounced');
    await until(async () =>
      ids(await postJson(url, { query: DOCUMENTS })).includes('response-cache-unannounced'),
    );
    expect(cached.stats().bumps.stamp).toBeGreaterThan(0);
  });
});
