import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { operation } from '../../src/operations';
import { RunningRedis } from '../../src/runtime/redis-server';
import { startTestRedis, until } from '../support/redis';
import { ExtraService, postJson, send, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * Two service instances (A and B) on one Neo4j and one real redis-server, both with REDIS_URL: a load
 * through A reaches a subscriber on B exactly once; with Redis stopped both keep answering queries (and
 * loads), and /health says degraded; with Redis started again, /health says ok and events flow again.
 *
 * Exactly once is shown with a fence, never by waiting: a later load's event arriving on the same
 * WebSocket means a duplicate of an earlier one would already have arrived.
 * Subscribers of eventStatus on B are told DEGRADED when Redis stops and OK when it is back.
 */
const WRITE = 'instances-write-token-0123456789ab';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const LOAD_DOCUMENT = operation('load-document');

let redis: RunningRedis;
let a: TestService;
let b: ExtraService;

beforeAll(async () => {
  redis = await startTestRedis();
  a = await startTestService({ REDIS_URL: redis.url, STANCEGRAPH_WRITE_TOKEN: WRITE });
  b = await startServiceWith(a.db, { REDIS_URL: redis.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await redis?.stop();
});

const health = async (url: string) =>
  (await send(`${url}/health`)).body as { status: string; events: string };
const bothHealth = async () => [(await health(a.url)).events, (await health(b.url)).events];

/** A document id of its own for each load (the fixture with its id replaced): a new load, never unchanged. */
async function load(id: string) {
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

async function documentIds(url: string): Promise<string[]> {
  const answer = await postJson(`${url}/graphql`, {
    query: '{ documents(first: 200) { edges { node { id } } } }',
  });
  expect(answer.status).toBe(200);
  return (answer.body.data as { documents: { edges: { node: { id: string } }[] } }).documents.edges.map(
    (e) => e.node.id,
  );
}

async function subscribedConnections(topic: string): Promise<number> {
  const probe = new Redis(redis.url);
  try {
    return ((await probe.pubsub('NUMSUB', topic)) as [string, number])[1];
  } finally {
    probe.disconnect();
  }
}

/** documentLoaded on instance B, with the library's own client: the ids received, in order. */
function subscribeOnB(): { ids: string[]; statuses: string[]; client: Client } {
  const client = createClient({
    url: `${b.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  const ids: string[] = [];
  client.subscribe<{ documentLoaded: { id: string } }>(
    { query: 'subscription { documentLoaded { id status eventId } }' },
    {
      next: (result) => {
        if (result.data) ids.push(result.data.documentLoaded.id);
      },
      error: (error) => ids.push(`error: ${JSON.stringify(error)}`),
      complete: () => {},
    },
  );
  // The same connection follows B's event status: sent at once, then on every change.
  const statuses: string[] = [];
  client.subscribe<{ eventStatus: { health: string; since: string } }>(
    { query: 'subscription { eventStatus { health since } }' },
    {
      next: (result) => statuses.push(result.data?.eventStatus.health ?? `error: ${JSON.stringify(result)}`),
      error: (error) => statuses.push(`error: ${JSON.stringify(error)}`),
      complete: () => {},
    },
  );
  return { ids, statuses, client };
}

describe('two instances, one Neo4j, one Redis', () => {
  it('both report their events healthy once connected', async () => {
    await until(async () => (await bothHealth()).every((h) => h === 'ok'));
    expect(await health(a.url)).toEqual({ status: 'ok', events: 'ok' });
  });

  it('a load through A reaches a subscriber on B exactly once', async () => {
    const { ids, client } = subscribeOnB();
    try {
      await until(async () => (await subscribedConnections('documentLoaded')) === 1);
      await load('instances-first');
      await load('instances-fence');
      await until(() => ids.includes('instances-fence'));
      expect(ids).toEqual(['instances-first', 'instances-fence']);
    } finally {
      await client.dispose();
    }
  });

  it('Redis stopped: both keep answering queries and loads, /health says degraded; Redis back: ok again', async () => {
    await until(async () => (await bothHealth()).every((h) => h === 'ok'));
    const subscriber = subscribeOnB();
    await until(async () => (await subscribedConnections('documentLoaded')) === 1);
    await until(() => subscriber.statuses.length === 1);
    expect(subscriber.statuses).toEqual(['OK']);
    const port = redis.port;
    await redis.stop();

    await until(async () => (await bothHealth()).every((h) => h === 'degraded'));
    await until(() => subscriber.statuses.length === 2);
    expect(subscriber.statuses).toEqual(['OK', 'DEGRADED']);
    const degraded = await send(`${b.url}/health`);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toEqual({ status: 'degraded', events: 'degraded' });
    await load('instances-during-outage');
    expect(await documentIds(a.url)).toContain('instances-during-outage');
    expect(await documentIds(b.url)).toContain('instances-during-outage');

    redis = await startTestRedis(port);
    await until(async () => (await bothHealth()).every((h) => h === 'ok'));
    await until(() => subscriber.statuses.length === 3);
    expect(subscriber.statuses).toEqual(['OK', 'DEGRADED', 'OK']);
    // The load made during the outage was held by A and sent once Redis answered; a new one follows it.
    await load('instances-after-outage');
    await until(() => subscriber.ids.includes('instances-after-outage'));
    expect(subscriber.ids).toEqual(['instances-during-outage', 'instances-after-outage']);
    await subscriber.client.dispose();
  });
});
