import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'graphql-ws';
import { operation } from '../../src/operations';
import { queryHash } from '../../src/api/security/persisted-queries';
import { graphChecksum } from '../../testkit/checksum';
import { ExtraService, postJson, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';
import { RawConnection, rawConnection, subscribe, subscriptionClient, until } from '../support/subscriptions';

/**
 * Subscriptions over WebSocket (graphql-ws) on /graphql, with the library's own client in Node: every load
 * through the loadDocument mutation reaches every subscriber once, after its commit, and a subscriber that
 * queries the document on receiving the event finds it; stancesChanged is narrowed on the server; and the
 * endpoint holds subscriptions to the limits queries are held to, with the service's stable codes.
 *
 * No test waits for a time to pass to conclude that something did not happen: "no second event" is shown
 * by a later load's event arriving first on the same connection (one socket delivers in order, and a
 * load's events are sent before the next request is even read).
 */
const WRITE = 'subs-write-token-0123456789abcdef';
const READ = 'subs-read-token-0123456789abcdef';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const TITLE = 'Eastvale rejects Westmark’s fishing truce';

const LOAD_DOCUMENT = operation('load-document');
const DOCUMENT_LOADED = operation('subscriptions/document-loaded');
const STANCES_CHANGED = operation('subscriptions/stances-changed');

interface DocumentLoaded {
  documentLoaded: {
    id: string;
    title: string;
    status: string;
    counts: { entities: number; claims: number; facts: number; mentions: number };
    committedAt: string;
    eventId: string;
  };
}

interface StanceRef {
  actorId: string;
  kind: string;
  polarity: string;
  targetId: string;
  claimId: string;
}

interface StancesChanged {
  stancesChanged: { documentId: string; eventId: string; added: StanceRef[]; removed: StanceRef[] };
}

let svc: TestService;
const clients: Client[] = [];

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(async () => svc?.close());

const client = (url = svc.url, params?: Record<string, unknown>) => {
  const c = subscriptionClient(url, params);
  clients.push(c);
  return c;
};

/** The annotation with its document id and title (and anything else) replaced. */
const variant = (changes: [string | RegExp, string][]) =>
  changes.reduce<string>((text, [from, to]) => text.replace(from, to), annotation);

async function load(annotationText: string, token = WRITE) {
  const answer = await postJson(
    `${svc.url}/graphql`,
    { query: LOAD_DOCUMENT, variables: { article, annotation: annotationText } },
    { authorization: `Bearer ${token}` },
  );
  return answer.body as {
    data?: { loadDocument: { documentId: string; status: string } };
    errors?: { extensions?: { code?: string } }[];
  };
}

const running = (n: number, service = svc.service) =>
  until(() => service.subscriptions!.stats().subscriptions >= n);

describe('documentLoaded', () => {
  it('reaches each subscriber once per committed load, and the document is readable when it arrives', async () => {
    // What document(id:) answered at the moment each event arrived, before the next was looked at.
    const seen: { title: string | undefined }[] = [];
    const first = subscribe<DocumentLoaded>(client(), DOCUMENT_LOADED, undefined, async (result) => {
      const id = result.data?.documentLoaded.id;
      const answer = await svc.gql<{ document: { title: string } | null }>(
        'query ($id: ID!) { document(id: $id) { title } }',
        { id },
      );
      seen.push({ title: answer.body.data?.document?.title });
    });
    const second = subscribe<DocumentLoaded>(client(), DOCUMENT_LOADED);
    await running(2);

    const created = await load(annotation);
    expect(created.data?.loadDocument.status).toBe('CREATED');
    await Promise.all([first.received(1), second.received(1)]);
    // Unchanged: nothing is written, nothing announced. Then a new title: the document is replaced.
    expect((await load(annotation)).data?.loadDocument.status).toBe('UNCHANGED');
    const replaced = await load(variant([[`title: ${TITLE}`, 'title: Eastvale turns down the truce']]));
    expect(replaced.data?.loadDocument.status).toBe('REPLACED');
    await Promise.all([first.received(2), second.received(2)]);

    const events = first.data().map((d) => d.documentLoaded);
    expect(events.map((e) => [e.id, e.status, e.title])).toEqual([
      ['valid', 'CREATED', TITLE],
      ['valid', 'REPLACED', 'Eastvale turns down the truce'],
    ]);
    expect(events[0].counts).toEqual({ entities: 6, claims: 2, facts: 4, mentions: expect.any(Number) });
    expect(new Date(events[0].committedAt).toISOString()).toBe(events[0].committedAt);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
    // The same events, once each, on the other connection.
    expect(second.data().map((d) => d.documentLoaded)).toEqual(events);
    // Each arrived after its commit: the query made on arrival found the version it announced.
    expect(seen).toEqual([{ title: TITLE }, { title: 'Eastvale turns down the truce' }]);
    expect(first.results.every((r) => !r.errors)).toBe(true);
  });

  it('a refused load announces nothing: the next event is the next committed load', async () => {
    const sub = subscribe<DocumentLoaded>(client(), DOCUMENT_LOADED);
    await running(1);
    const before = await graphChecksum(svc.db);
    const invalid = await load(variant([['kind: PROPOSES', 'kind: PONDERS']]));
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unauthenticated = await load(variant([[`title: ${TITLE}`, 'title: Not allowed']]), 'not-the-token');
    expect(unauthenticated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await graphChecksum(svc.db)).toEqual(before);
    // A later load that commits: its event is the first this subscriber receives.
    const sentinel = variant([
      ['id: valid', 'id: valid-sentinel'],
      [`title: ${TITLE}`, 'title: Sentinel'],
    ]);
    expect((await load(sentinel)).data?.loadDocument.status).toBe('CREATED');
    await sub.received(1);
    expect(sub.data().map((d) => [d.documentLoaded.id, d.documentLoaded.title])).toEqual([
      ['valid-sentinel', 'Sentinel'],
    ]);
  });
});

describe('stancesChanged', () => {
  it('sends each subscriber only the stances it asked for, by any name, and nothing when none changed', async () => {
    // The fixture's entities exist before anyone subscribes by name.
    expect((await load(annotation)).errors).toBeUndefined();
    const doc = 'valid-stances';
    const v1 = variant([['id: valid', `id: ${doc}`]]);
    // Eastvale's claim changes kind: one stance removed, one added; Ida Lund's stays.
    const v2 = v1.replace('kind: REJECTS', 'kind: ACCEPTS');
    // The sentinel: a new title changes no stance.
    const v3 = v2.replace(`title: ${TITLE}`, 'title: Sentinel');

    const c1 = client();
    const c2 = client();
    const all = subscribe<StancesChanged>(c1, STANCES_CHANGED);
    const byActor = subscribe<StancesChanged>(c1, STANCES_CHANGED, { actor: 'eastvale' });
    const byBoth = subscribe<StancesChanged>(c2, STANCES_CHANGED, {
      actor: 'Ida Lund',
      target: 'fishing truce',
    });
    const unrelated = subscribe<StancesChanged>(c2, STANCES_CHANGED, { actor: 'Zelensky' });
    const sentinel1 = subscribe<DocumentLoaded>(c1, DOCUMENT_LOADED);
    const sentinel2 = subscribe<DocumentLoaded>(c2, DOCUMENT_LOADED);
    await running(6);

    for (const version of [v1, v2, v3]) expect((await load(version)).errors).toBeUndefined();
    await Promise.all([sentinel1.received(3), sentinel2.received(3)]);

    const ref = (actorId: string, kind: string, polarity: string, claim: string) => ({
      actorId,
      kind,
      polarity,
      targetId: 'fishing-truce',
      claimId: `${doc}:${claim}`,
    });
    const proposes = ref('ida-lund', 'PROPOSES', 'SUPPORT', 'lund-proposes-truce');
    const rejects = ref('eastvale', 'REJECTS', 'OPPOSE', 'eastvale-rejects-truce');
    const accepts = ref('eastvale', 'ACCEPTS', 'SUPPORT', 'eastvale-rejects-truce');
    const changes = (s: { data(): StancesChanged[] }) =>
      s.data().map(({ stancesChanged: { documentId, added, removed } }) => ({ documentId, added, removed }));

    expect(changes(all)).toEqual([
      { documentId: doc, added: [proposes, rejects], removed: [] },
      { documentId: doc, added: [accepts], removed: [rejects] },
    ]);
    expect(changes(byActor)).toEqual([
      { documentId: doc, added: [rejects], removed: [] },
      { documentId: doc, added: [accepts], removed: [rejects] },
    ]);
    expect(changes(byBoth)).toEqual([{ documentId: doc, added: [proposes], removed: [] }]);
    expect(unrelated.results).toEqual([]);
    // One event per load, the same on every subscription that saw it.
    expect(all.data()[1].stancesChanged.eventId).toBe(byActor.data()[1].stancesChanged.eventId);
    expect(all.data()[0].stancesChanged.eventId).not.toBe(all.data()[1].stancesChanged.eventId);
  });

  it('an unknown name refuses the subscription as it refuses a query: BAD_USER_INPUT', async () => {
    const sub = subscribe<StancesChanged>(client(), STANCES_CHANGED, { actor: 'Nobody Atall' });
    await sub.ended;
    expect(sub.results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(sub.results[0].errors?.[0].message).toMatch(/Nobody Atall/);
  });
});

/** The codes of the errors a refused subscription was answered with. */
async function refusal(c: Client, query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const sub = subscribe(c, query, variables);
  await sub.ended;
  const errors = Array.isArray(sub.failure) ? sub.failure : (sub.results[0]?.errors ?? []);
  expect(sub.results.filter((r) => !r.errors)).toEqual([]);
  return [...new Set(errors.map((e: { extensions?: { code?: unknown } }) => String(e.extensions?.code)))];
}

describe('hostile subscriptions are refused with stable codes (default limits)', () => {
  it('too deep: QUERY_TOO_DEEP', async () => {
    const deep = `subscription { documentLoaded { counts { ${'a { '.repeat(20)}b${' }'.repeat(20)} } } }`;
    expect(await refusal(client(), deep)).toContain('QUERY_TOO_DEEP');
  });

  it('too many aliases: TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 16 }, (_, k) => `a${k}: id`).join(' ');
    expect(await refusal(client(), `subscription { documentLoaded { ${aliases} } }`)).toEqual([
      'TOO_MANY_ALIASES',
    ]);
  });

  it('too many tokens: TOO_MANY_TOKENS', async () => {
    const flood = `subscription { documentLoaded { ${'id '.repeat(1_000)}} }`;
    expect(await refusal(client(), flood)).toEqual(['TOO_MANY_TOKENS']);
  });

  it('an unknown field: GRAPHQL_VALIDATION_FAILED', async () => {
    expect(await refusal(client(), 'subscription { documentLoaded { secret } }')).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });

  it('queries and mutations are for HTTP: BAD_REQUEST, nothing written even with the write token', async () => {
    const before = await graphChecksum(svc.db);
    const c = client(svc.url, { authorization: `Bearer ${WRITE}` });
    expect(await refusal(c, '{ version }')).toEqual(['BAD_REQUEST']);
    const other = variant([['id: valid', 'id: over-websocket']]);
    expect(await refusal(c, LOAD_DOCUMENT, { article, annotation: other })).toEqual(['BAD_REQUEST']);
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('the service is alive and answers queries afterwards', async () => {
    expect((await svc.gql('{ version }')).body.errors).toBeUndefined();
  });
});

describe('tokens, costs and caps (a service with a read token and tight limits)', () => {
  let tight: ExtraService;
  beforeAll(async () => {
    tight = await startServiceWith(svc.db, {
      STANCEGRAPH_READ_TOKEN: READ,
      STANCEGRAPH_WRITE_TOKEN: WRITE,
      GRAPHQL_MAX_COST: '5',
      SUBSCRIPTIONS_MAX_CONNECTIONS: '2',
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '2',
    });
  });
  afterAll(async () => tight?.close());

  const raw: RawConnection[] = [];
  afterEach(() => {
    for (const r of raw.splice(0)) r.socket.close();
  });
  const connect = async (params?: Record<string, unknown>) => {
    const r = await rawConnection(tight.url, params);
    raw.push(r);
    return r;
  };
  const CHEAP = 'subscription { documentLoaded { id } }';

  it.each([
    ['no token', undefined],
    ['an unknown token', { authorization: 'Bearer not-a-token-0123456789abcdef' }],
    ['the read token in another scheme', { authorization: `Basic ${READ}` }],
  ])('%s: the connection is closed, 4401 UNAUTHENTICATED', async (_case, params) => {
    const r = await connect(params);
    const closed = await r.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: /);
    expect(r.messages).toEqual([]);
  });

  it('the read token (or the write token) in connectionParams: accepted', async () => {
    for (const token of [READ, WRITE]) {
      const r = await connect({ authorization: `Bearer ${token}` });
      expect(await r.message('connection_ack')).toEqual({ type: 'connection_ack' });
      r.socket.close();
    }
  });

  it('over the cost limit: QUERY_TOO_COSTLY', async () => {
    const c = client(tight.url, { authorization: `Bearer ${READ}` });
    expect(await refusal(c, DOCUMENT_LOADED)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('over the subscriptions of one connection: TOO_MANY_SUBSCRIPTIONS; one completed makes room', async () => {
    const r = await connect({ authorization: `Bearer ${READ}` });
    await r.message('connection_ack');
    for (const id of ['1', '2', '3']) r.send({ id, type: 'subscribe', payload: { query: CHEAP } });
    const refused = await r.message('error', '3');
    expect(refused.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: 2 } }),
    ]);
    await running(2, tight.service);
    r.send({ id: '1', type: 'complete' });
    await until(() => tight.service.subscriptions!.stats().subscriptions === 1);
    r.send({ id: '4', type: 'subscribe', payload: { query: CHEAP } });
    await running(2, tight.service);
    expect(r.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['3']);
  });

  it('over the connections of the instance: closed 1013 TOO_MANY_CONNECTIONS; the others keep working', async () => {
    const held = [
      await connect({ authorization: `Bearer ${READ}` }),
      await connect({ authorization: `Bearer ${READ}` }),
    ];
    await Promise.all(held.map((r) => r.message('connection_ack')));
    const third = await connect({ authorization: `Bearer ${READ}` });
    const closed = await third.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/^TOO_MANY_CONNECTIONS: /);
    held[0].send({ id: 'a', type: 'subscribe', payload: { query: CHEAP } });
    await running(1, tight.service);
    expect(tight.service.subscriptions!.stats().connections).toBe(2);
  });
});

describe('idle connections and the allow-list', () => {
  it('a connection with no subscription is closed once idle; one with a subscription is not', async () => {
    const idle = await startServiceWith(svc.db, { SUBSCRIPTIONS_IDLE_TIMEOUT_MS: '1000' });
    try {
      // Opened first, with the same timeout: its idle check comes before the idle connection's.
      const busy = await rawConnection(idle.url, {});
      await busy.message('connection_ack');
      busy.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { documentLoaded { id } }' } });
      await running(1, idle.service);
      const quiet = await rawConnection(idle.url, {});
      const closed = await quiet.closed;
      expect(closed.code).toBe(1000);
      expect(closed.reason).toMatch(/^IDLE: /);
      expect(busy.socket.readyState).toBe(busy.socket.OPEN);
      busy.socket.close();
    } finally {
      await idle.close();
    }
  });

  it('stopping the service closes its connections (1001 Going away), subscriptions and all', async () => {
    const stopping = await startServiceWith(svc.db, {});
    const r = await rawConnection(stopping.url, {});
    await r.message('connection_ack');
    r.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { documentLoaded { id } }' } });
    await running(1, stopping.service);
    await stopping.close();
    expect((await r.closed).code).toBe(1001);
    expect(stopping.service.subscriptions!.stats()).toEqual({ connections: 0, subscriptions: 0 });
  });

  it('PERSISTED_QUERIES_ONLY: a listed subscription runs (by text or by hash), any other is refused', async () => {
    const strict = await startServiceWith(svc.db, { NODE_ENV: 'production' });
    try {
      const c = client(strict.url);
      expect(await refusal(c, 'subscription { documentLoaded { id } }')).toEqual([
        'PERSISTED_QUERY_NOT_ALLOWED',
      ]);
      subscribe(c, DOCUMENT_LOADED);
      await running(1, strict.service);
      const r = await rawConnection(strict.url, {});
      await r.message('connection_ack');
      r.send({
        id: 'h',
        type: 'subscribe',
        payload: {
          query: '',
          extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(STANCES_CHANGED) } },
        },
      });
      await running(2, strict.service);
      expect(r.messages.filter((m) => m.type === 'error')).toEqual([]);
      r.socket.close();
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
      await strict.close();
    }
  });
});
