import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operation } from '../../src/operations';
import type { ResponseCache } from '../../src/api/cache/response-cache';
import { RunningRedis } from '../../src/runtime/redis-server';
import { startTestRedis, until } from '../support/redis';
import { Answer, ExtraService, postJson, send } from '../support/requests';
import { startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * The response cache across two instances (A and B) on one Neo4j and one real redis-server: a load through
 * A empties B's cache when its event reaches B, so B's next read has it; with Redis stopped B can no longer
 * hear of A's loads, so it answers nothing from memory until Redis is back.
 *
 * "Reached B" is B's own cache counting the event (an in-process fence, never a wait for time to pass).
 */
const WRITE = 'cache-instances-write-token-0123';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const LOAD_DOCUMENT = operation('load-document');
const DOCUMENTS = '{ documents(first: 200) { edges { node { id } } } }';

let redis: RunningRedis;
let a: TestService;
let b: ExtraService;
let cacheA: ResponseCache;
let cacheB: ResponseCache;

beforeAll(async () => {
  redis = await startTestRedis();
  a = await startTestService({
    REDIS_URL: redis.url,
    STANCEGRAPH_WRITE_TOKEN: WRITE,
    RESPONSE_CACHE: 'true',
  });
  b = await startServiceWith(a.db, { REDIS_URL: redis.url, RESPONSE_CACHE: 'true' });
  cacheA = a.service.responseCache!;
  cacheB = b.service.responseCache!;
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await redis?.stop();
});

const health = async (url: string) => ((await send(`${url}/health`)).body as { events: string }).events;
const both = async (wanted: string) => (await health(a.url)) === wanted && (await health(b.url)) === wanted;

async function load(id: string): Promise<void> {
  const answer = await postJson(
    `${a.url}/graphql`,
    {
      query: LOAD_DOCUMENT,
      variables: { article, annotation: annotation.replace('id: valid', `id: ${id}`) },
    },
    { authorization: `Bearer ${WRITE}` },
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toMatchObject({ loadDocument: { documentId: id, status: 'CREATED' } });
}

const documents = (url: string) => postJson(`${url}/graphql`, { query: DOCUMENTS });
const ids = (answer: Answer) =>
  (answer.body.data as { documents: { edges: { node: { id: string } }[] } }).documents.edges.map(
    (e) => e.node.id,
  );

/** Reads three times: the second is kept (a second sight), the third must come from memory. */
async function primed(url: string, cache: ResponseCache): Promise<void> {
  await documents(url);
  await documents(url);
  const hits = cache.stats().hits;
  await documents(url);
  expect(cache.stats().hits).toBe(hits + 1);
}

describe('two instances, one Redis', () => {
  it('a load through A: the next read on A has it at once, the next read on B once its event arrived', async () => {
    await until(() => both('ok'));
    await primed(a.url, cacheA);
    await primed(b.url, cacheB);
    const eventsOnB = cacheB.stats().bumps.event;

    await load('cache-across-instances');
    expect(ids(await documents(a.url))).toContain('cache-across-instances');
    await until(() => cacheB.stats().bumps.event > eventsOnB);
    expect(ids(await documents(b.url))).toContain('cache-across-instances');
  });

  it('Redis stopped: B answers nothing from memory, and sees A’s loads; Redis back: from memory again', async () => {
    await until(() => both('ok'));
    await primed(b.url, cacheB);
    const port = redis.port;
    await redis.stop();
    await until(() => both('degraded'));
    expect(cacheB.stats().entries).toBe(0);

    await load('cache-during-outage');
    const hits = cacheB.stats().hits;
    expect(ids(await documents(b.url))).toContain('cache-during-outage');
    expect(ids(await documents(b.url))).toContain('cache-during-outage');
    expect(cacheB.stats()).toMatchObject({ hits, entries: 0 });

    redis = await startTestRedis(port);
    await until(() => both('ok'));
    await primed(b.url, cacheB);
    expect(ids(await documents(b.url))).toContain('cache-during-outage');
  });
});
