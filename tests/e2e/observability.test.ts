import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { operation } from '../../src/operations';
import { Service, startService } from '../../src/server';
import { readHarnessState } from '../support/harness';
import { expectRefusal, postJson, send, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';
import { subscribe, subscriptionClient, until } from '../support/subscriptions';

/**
 * /metrics moves with traffic, and is refused without its token when configured; per-client rate limits;
 * request and audit log lines that carry neither tokens nor variables (docs/observability.md).
 */

const LOAD_DOCUMENT = operation('load-document');
const SEARCH = operation('dashboard/search');
const WRITE = 'test-write-token-0123456789abcdef';
const READ = 'test-read-token-0123456789abcdef';
const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');

/** The value of one sample of a Prometheus text exposition (0 when absent: a counter not yet touched). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[key] = value;
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

async function scrape(url: string, token?: string): Promise<string> {
  const answer = await send(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return answer.text;
}

let svc: TestService;

// The first file of a run meets a cold Neo4j: its first load can take long on a busy machine.
beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
}, 180_000);
afterAll(async () => svc?.close());

describe('/metrics', () => {
  it('counts requests by operation and outcome, round trips per named query, and loads', async () => {
    const before = await scrape(svc.url);
    const sentBefore = svc.sent.length;
    const ok = { operation: 'DashboardSearch', type: 'query', outcome: 'ok' };
    const search = await postJson(`${svc.url}/graphql`, {
      query: SEARCH,
      variables: { text: 'Putin', first: 5 },
    });
    expect(search.status).toBe(200);
    expect(search.body.errors).toBeUndefined();
    // A name not on the allow-list is one fixed label, whatever it is.
    await postJson(`${svc.url}/graphql`, { query: 'query SomeoneElsesName { __typename }' });
    await postJson(`${svc.url}/graphql`, { query: '{ __typename }' });
    const loaded = await postJson(
      `${svc.url}/graphql`,
      { query: LOAD_DOCUMENT, variables: { article, annotation } },
      { authorization: `Bearer ${WRITE}` },
    );
    expect(loaded.body.errors).toBeUndefined();
    const after = await scrape(svc.url);

    const diff = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(diff('stancegraph_graphql_requests_total', ok)).toBe(1);
    expect(diff('stancegraph_graphql_request_duration_seconds_count', { operation: 'DashboardSearch' })).toBe(
      1,
    );
    expect(diff('stancegraph_graphql_requests_total', { operation: '(other)', outcome: 'ok' })).toBe(1);
    expect(diff('stancegraph_graphql_requests_total', { operation: '(anonymous)', outcome: 'ok' })).toBe(1);
    expect(after).not.toContain('SomeoneElsesName');
    expect(diff('stancegraph_graphql_requests_total', { operation: 'LoadDocument', type: 'mutation' })).toBe(
      1,
    );
    // The search reads Lucene once, or again with a deeper k when ties at the page's edge need it.
    const searches = svc.sent.slice(sentBefore).filter((q) => q.query.name === 'search').length;
    expect(searches).toBeGreaterThanOrEqual(1);
    expect(
      diff('stancegraph_cypher_round_trips_total', { query: 'search', mode: 'READ', outcome: 'ok' }),
    ).toBe(searches);
    expect(diff('stancegraph_cypher_query_duration_seconds_count', { query: 'search' })).toBe(searches);
    expect(diff('stancegraph_documents_loaded_total')).toBe(1);
    expect(diff('stancegraph_load_rows_total', { kind: 'sentences' })).toBeGreaterThan(0);
    expect(diff('stancegraph_load_graph_changes_total', { change: 'relationships_created' })).toBeGreaterThan(
      0,
    );
    expect(diff('stancegraph_load_duration_seconds_count')).toBe(1);
    // Gauges of the driver's use and of the WebSocket endpoint are there (idle now).
    expect(sample(after, 'stancegraph_neo4j_pool_max_connections')).toBeGreaterThan(0);
    expect(after).toMatch(/^stancegraph_subscription_connections 0$/m);
    expect(after).toMatch(/^stancegraph_response_cache_hits_total 0$/m);
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('a refusal before Apollo is counted with its code', async () => {
    const before = await scrape(svc.url);
    const refused = await postJson(`${svc.url}/graphql`, '{not json');
    expectRefusal(refused, 400, 'BAD_REQUEST');
    const after = await scrape(svc.url);
    const labels = { operation: '(anonymous)', type: 'unknown', outcome: 'BAD_REQUEST' };
    expect(sample(after, 'stancegraph_graphql_requests_total', labels)).toBe(
      sample(before, 'stancegraph_graphql_requests_total', labels) + 1,
    );
  });

  it('METRICS=token: refused without METRICS_TOKEN (or with another token), served with it', async () => {
    const guarded = await startServiceWith(svc.db, {
      METRICS: 'token',
      METRICS_TOKEN,
      STANCEGRAPH_WRITE_TOKEN: WRITE,
    });
    try {
      expectRefusal(await send(`${guarded.url}/metrics`), 401, 'UNAUTHENTICATED');
      const withWrite = await send(`${guarded.url}/metrics`, {
        headers: { authorization: `Bearer ${WRITE}` },
      });
      expectRefusal(withWrite, 401, 'UNAUTHENTICATED');
      expect(await scrape(guarded.url, METRICS_TOKEN)).toContain('stancegraph_graphql_requests_total');
    } finally {
      await guarded.close();
    }
  });

  it('METRICS=off, and production without METRICS_TOKEN: no /metrics', async () => {
    for (const env of [{ METRICS: 'off' }, { NODE_ENV: 'production' }] as Record<string, string>[]) {
      const off = await startServiceWith(svc.db, env);
      try {
        expect((await send(`${off.url}/metrics`)).status).toBe(404);
      } finally {
        await off.close();
      }
    }
  });
});

describe('rate limits', () => {
  const QUERY = { query: '{ __typename }' };

  it('a client over its budget gets 429 RATE_LIMITED with Retry-After; another is still served', async () => {
    // Behind a proxy on loopback: X-Forwarded-For names the client.
    const limited = await startServiceWith(svc.db, {
      RATE_LIMIT_READS: '3',
      RATE_LIMIT_WINDOW_MS: '60000',
      TRUST_PROXY: 'loopback',
    });
    try {
      const as = (address: string) => postJson(limited.graphql, QUERY, { 'x-forwarded-for': address });
      for (let i = 0; i < 3; i++) expect((await as('203.0.113.1')).status).toBe(200);
      const over = await as('203.0.113.1');
      expectRefusal(over, 429, 'RATE_LIMITED');
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(20); // one request's worth of a 60 s window of 3
      expect(over.body.errors?.[0].extensions?.retryAfter).toBe(retryAfter);
      // Another client is served.
      expect((await as('203.0.113.2')).status).toBe(200);
      const metrics = await scrape(limited.url);
      expect(sample(metrics, 'stancegraph_rate_limited_total', { budget: 'requests' })).toBe(1);
      expect(sample(metrics, 'stancegraph_graphql_requests_total', { outcome: 'RATE_LIMITED' })).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('without TRUST_PROXY, X-Forwarded-For is not believed: the socket address is the client', async () => {
    const limited = await startServiceWith(svc.db, { RATE_LIMIT_READS: '2' });
    try {
      const as = (address: string) => postJson(limited.graphql, QUERY, { 'x-forwarded-for': address });
      expect((await as('198.51.100.1')).status).toBe(200);
      expect((await as('198.51.100.2')).status).toBe(200);
      expectRefusal(await as('198.51.100.3'), 429, 'RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('writes have a budget of their own: the second mutation is refused while reads go on', async () => {
    const limited = await startServiceWith(svc.db, {
      RATE_LIMIT_READS: '10',
      RATE_LIMIT_WRITES: '1',
      STANCEGRAPH_WRITE_TOKEN: WRITE,
    });
    try {
      const write = () =>
        postJson(
          limited.graphql,
          { query: LOAD_DOCUMENT, variables: { article, annotation } },
          { authorization: `Bearer ${WRITE}` },
        );
      const first = await write();
      expect(first.body.errors).toBeUndefined();
      const second = await write();
      expectRefusal(second, 429, 'RATE_LIMITED');
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(second.body.errors?.[0].extensions?.budget).toBe('writes');
      // The same client (its token) still reads.
      const read = await postJson(limited.graphql, QUERY, { authorization: `Bearer ${WRITE}` });
      expect(read.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('subscriptions', () => {
  const DOCUMENT_LOADED = operation('subscriptions/document-loaded');

  it('each subscribe takes from the request budget; the gauges count connections and subscriptions', async () => {
    const limited = await startServiceWith(svc.db, { RATE_LIMIT_READS: '2' });
    const client = subscriptionClient(limited.url);
    try {
      const first = subscribe(client, DOCUMENT_LOADED);
      const second = subscribe(client, DOCUMENT_LOADED);
      await until(() => limited.service.subscriptions?.stats().subscriptions === 2);
      const third = subscribe(client, DOCUMENT_LOADED);
      await third.ended;
      expect(third.failure).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
      ]);
      expect(first.failure).toBeUndefined();
      expect(second.failure).toBeUndefined();
      const metrics = await scrape(limited.url);
      expect(sample(metrics, 'stancegraph_subscription_connections')).toBe(1);
      expect(sample(metrics, 'stancegraph_subscriptions_active')).toBe(2);
      expect(
        sample(metrics, 'stancegraph_subscribes_total', { operation: 'DocumentLoaded', outcome: 'ok' }),
      ).toBe(2);
      expect(
        sample(metrics, 'stancegraph_subscribes_total', {
          operation: 'DocumentLoaded',
          outcome: 'RATE_LIMITED',
        }),
      ).toBe(1);
      first.stop();
      second.stop();
    } finally {
      await client.dispose();
      await limited.close();
    }
  });
});

describe('logs', () => {
  const SECRET_VARIABLE = 'variable-value-that-must-not-be-logged-7f3a';

  it('one line per request and an audit line per write, with no token and no variable', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const { uri, password, corenlpUrl } = readHarnessState();
    const config = loadConfig({
      ...process.env,
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      CORENLP_URL: corenlpUrl,
      PORT: '0',
      PLAYGROUND: 'false',
      STANCEGRAPH_WRITE_TOKEN: WRITE,
      STANCEGRAPH_READ_TOKEN: READ,
    });
    const service: Service = await startService({ config, db: svc.db, logger: createLogger('info', sink) });
    const graphql = `${service.url}/graphql`;
    try {
      const read = { authorization: `Bearer ${READ}` };
      const write = { authorization: `Bearer ${WRITE}` };
      expect(
        (await postJson(graphql, { query: SEARCH, variables: { text: SECRET_VARIABLE, first: 3 } }, read))
          .status,
      ).toBe(200);
      // An error that echoes nothing of the variable into the log either.
      await postJson(graphql, { query: SEARCH, variables: { text: SECRET_VARIABLE, first: 'x' } }, read);
      await postJson(
        graphql,
        { query: SEARCH, variables: { text: SECRET_VARIABLE, first: 3 } },
        {
          authorization: `Bearer not-a-token-${SECRET_VARIABLE}`,
        },
      );
      const loaded = await postJson(
        graphql,
        { query: LOAD_DOCUMENT, variables: { article, annotation } },
        write,
      );
      expect(loaded.body.errors).toBeUndefined();
      const broken = `${annotation}\n# ${SECRET_VARIABLE}\nclaims: 12\n`;
      const refused = await postJson(
        graphql,
        { query: LOAD_DOCUMENT, variables: { article, annotation: broken } },
        write,
      );
      expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await service.close();
    }

    const log = lines.join('\n');
    for (const secret of [READ, WRITE, SECRET_VARIABLE, article.slice(0, 40)])
      expect(log).not.toContain(secret);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'graphql request');
    expect(requests).toHaveLength(5);
    expect(requests[0]).toMatchObject({
      operation: 'DashboardSearch',
      type: 'query',
      outcome: 'ok',
      status: 200,
      roundTrips: 1,
      client: expect.stringMatching(/^token:[0-9a-f]{16}$/),
    });
    expect(typeof requests[0].ms).toBe('number');
    expect(requests[1]).toMatchObject({ operation: 'DashboardSearch', outcome: 'BAD_USER_INPUT' });
    expect(requests[2]).toMatchObject({ outcome: 'UNAUTHENTICATED', client: expect.stringMatching(/^ip:/) });
    // The read token and the write token are two clients.
    expect(requests[3].client).not.toBe(requests[0].client);
    const audits = entries.filter((e) => e.audit === 'write');
    expect(audits).toEqual([
      expect.objectContaining({
        client: requests[3].client,
        role: 'write',
        operation: 'LoadDocument',
        fields: ['loadDocument'],
        documents: [{ id: 'valid', status: expect.stringMatching(/^(created|replaced|unchanged)$/) }],
        outcome: 'ok',
      }),
      expect.objectContaining({ fields: ['loadDocument'], documents: [], outcome: 'BAD_USER_INPUT' }),
    ]);
  });
});
