import { GraphQLSchema, OperationTypeNode } from 'graphql';
import { buildGraphSchema } from '../../src/api/schema';
import { GuardOptions, guardOperation } from '../../src/api/security/operation-guard';
import { AllowList, queryHash } from '../../src/api/security/persisted-queries';
import { limitOptions, requestLimits } from '../../src/api/security/request-limits';
import { loadConfig } from '../../src/config';
import { createEventBus, publishCommitted } from '../../src/events/bus';
import { CommittedDocument, DOCUMENT_LOADED, STANCES_CHANGED, eventsOf } from '../../src/events/events';
import { createLogger } from '../../src/logger';

const log = createLogger('silent');

const committed = (changes: Partial<CommittedDocument> = {}): CommittedDocument => ({
  docId: 'doc',
  title: 'A document',
  status: 'created',
  rows: { entities: 3, claims: 1, facts: 2, mentions: 5 },
  stances: {
    added: [{ actorId: 'a', kind: 'REJECTS', targetId: 't', claimId: 'doc:c1' }],
    removed: [],
  },
  committedAt: '2025-06-16T10:00:00.000Z',
  ...changes,
});

describe('the events of a committed document', () => {
  let n = 0;
  const id = () => `e${++n}`;

  it('created: documentLoaded, then stancesChanged with its stances', () => {
    expect(eventsOf(committed(), id)).toEqual([
      {
        topic: DOCUMENT_LOADED,
        payload: {
          id: 'doc',
          title: 'A document',
          status: 'CREATED',
          counts: { entities: 3, claims: 1, facts: 2, mentions: 5 },
          committedAt: '2025-06-16T10:00:00.000Z',
          eventId: expect.any(String),
        },
      },
      {
        topic: STANCES_CHANGED,
        payload: {
          documentId: 'doc',
          added: [{ actorId: 'a', kind: 'REJECTS', targetId: 't', claimId: 'doc:c1' }],
          removed: [],
          eventId: expect.any(String),
        },
      },
    ]);
  });

  it('unchanged: nothing; replaced with the same stances: documentLoaded alone', () => {
    expect(eventsOf(committed({ status: 'unchanged' }), id)).toEqual([]);
    const replaced = eventsOf(committed({ status: 'replaced', stances: { added: [], removed: [] } }), id);
    expect(replaced.map((e) => [e.topic, 'status' in e.payload ? e.payload.status : ''])).toEqual([
      [DOCUMENT_LOADED, 'REPLACED'],
    ]);
  });

  it('every event has an id of its own', () => {
    const ids = [committed(), committed({ docId: 'other' })].flatMap((d) =>
      eventsOf(d, id).map((e) => e.payload.eventId),
    );
    expect(new Set(ids).size).toBe(4);
  });
});

describe('the in-process bus', () => {
  it('delivers what is published to every subscriber of the topic, once, in order', async () => {
    const bus = createEventBus({ log });
    const a = bus.pubSub.subscribe(DOCUMENT_LOADED)[Symbol.asyncIterator]();
    const b = bus.pubSub.subscribe(DOCUMENT_LOADED)[Symbol.asyncIterator]();
    const other = bus.pubSub.subscribe(STANCES_CHANGED)[Symbol.asyncIterator]();
    const pending = [a.next(), a.next(), b.next(), b.next()];
    const otherPending = other.next();
    // A subscriber listens from its first pull.
    await new Promise((resolve) => setImmediate(resolve));
    publishCommitted(
      bus,
      log,
    )([committed({ stances: { added: [], removed: [] } }), committed({ docId: 'two' })]);
    const [a1, a2, b1, b2] = (await Promise.all(pending)).map((r) => (r.value as { id: string }).id);
    expect([a1, a2, b1, b2]).toEqual(['doc', 'two', 'doc', 'two']);
    expect(((await otherPending).value as { documentId: string }).documentId).toBe('two');
    expect(bus.health()).toBe('ok');
    await Promise.all([a.return?.(), b.return?.(), other.return?.()]);
    await bus.close();
  });

  it('publish never throws, even once closed: the load it reports has committed', async () => {
    const bus = createEventBus({ log });
    await bus.close();
    expect(() => publishCommitted(bus, log)([committed()])).not.toThrow();
  });
});

describe('operationGuard: the checks of the HTTP pipeline, for subscriptions over WebSocket', () => {
  let schema: GraphQLSchema;
  let options: GuardOptions;
  const LISTED = 'subscription Listed { documentLoaded { id } }';
  beforeAll(async () => {
    schema = await buildGraphSchema();
    const limits = requestLimits(loadConfig({ GRAPHQL_MAX_COST: '10', NODE_ENV: 'production' }));
    options = {
      schema,
      limits,
      validationRules: limitOptions(limits).validationRules,
      allowList: new AllowList({ [queryHash(LISTED)]: LISTED }, true),
      persistedQueriesOnly: false,
      operationTypes: [OperationTypeNode.SUBSCRIPTION],
    };
  });
  const codes = (query: string, extra: Partial<GuardOptions> = {}, payload: object = {}) => {
    const guarded = guardOperation({ ...options, ...extra }, { query, ...payload });
    return 'errors' in guarded ? [...new Set(guarded.errors.map((e) => e.extensions.code))] : [];
  };

  it('passes a subscription within the limits', () => {
    expect(codes('subscription { stancesChanged(actor: "x") { added { actorId } } }')).toEqual([]);
  });

  it.each([
    [
      'too deep',
      `subscription { documentLoaded { counts { ${'a { '.repeat(12)}b${' }'.repeat(12)} } } }`,
      'QUERY_TOO_DEEP',
    ],
    [
      'too many aliases',
      `subscription { documentLoaded { ${Array.from({ length: 16 }, (_, k) => `a${k}: id`).join(' ')} } }`,
      'TOO_MANY_ALIASES',
    ],
    [
      'too many directives',
      `subscription { documentLoaded { ${'id @include(if: true) '.repeat(21)}} }`,
      'TOO_MANY_DIRECTIVES',
    ],
    [
      'too costly',
      'subscription { documentLoaded { id title status committedAt eventId counts { entities claims facts mentions } } }',
      'QUERY_TOO_COSTLY',
    ],
    ['not GraphQL', 'subscription {', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', 'subscription { documentLoaded { secret } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a query', '{ version }', 'BAD_REQUEST'],
    [
      'two operations, none named',
      'subscription { documentLoaded { id } } subscription { documentLoaded { title } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('%s', (_case, query, code) => {
    expect(codes(query)).toContain(code);
  });

  it('the token limit surfaces as a parse failure, which format-error.ts names TOO_MANY_TOKENS', () => {
    const guarded = guardOperation(options, {
      query: `subscription { documentLoaded { ${'id '.repeat(1_000)}} }`,
    });
    expect('errors' in guarded && guarded.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect('errors' in guarded && guarded.errors[0].message).toMatch(/more tha[nt] 1000 tokens/);
  });

  it('in production, no "Did you mean" suggestion', () => {
    const guarded = guardOperation(options, { query: 'subscription { documentLoade { id } }' });
    expect('errors' in guarded && guarded.errors.map((e) => e.message).join()).not.toMatch(/documentLoaded/);
  });

  it('PERSISTED_QUERIES_ONLY: the listed text or its hash, nothing else', () => {
    const strict = { persistedQueriesOnly: true };
    expect(codes(LISTED, strict)).toEqual([]);
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(LISTED) } } };
    expect(codes('', strict, byHash)).toEqual([]);
    expect(codes('subscription { documentLoaded { id } }', strict)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codes('', strict)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
  });

  it('bad operationName and variables: BAD_REQUEST', () => {
    expect(codes(LISTED, {}, { operationName: 7 })).toEqual(['BAD_REQUEST']);
    expect(codes(LISTED, {}, { variables: [1] })).toEqual(['BAD_REQUEST']);
    expect(codes(LISTED, {}, { operationName: 'Other' })).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });
});
