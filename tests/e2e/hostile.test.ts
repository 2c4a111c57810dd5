import {
  GraphQLArgument,
  GraphQLField,
  GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
} from 'graphql';
import { operation } from '../../src/operations';
import { buildGraphSchema } from '../../src/api/schema';
import { GraphChecksum, graphChecksum } from '../../testkit/checksum';
import { Answer, leakIn, postJson, send } from '../support/requests';
import { rawConnection } from '../support/subscriptions';
import { TestService, startTestService } from '../support/service';

const LOAD_DOCUMENT = operation('load-document');

/**
 * A corpus of hostile requests — malformed and oversized bodies and queries, injection strings in every
 * argument of every root field, deep, wide and aliased queries, batches, bad tokens. Each must be refused
 * cleanly or answered safely within 5 s; afterwards the graph is unchanged and the service alive.
 */
const WRITE = 'hostile-write-token-0123456789abcdef';
const BOUND_MS = 5_000;

const INJECTIONS = [
  '"}) MATCH (n) DETACH DELETE n //',
  "') MATCH (n) DETACH DELETE n //",
  "' OR 1=1 --",
  '" OR "1"="1',
  'x` RETURN 1 //',
  '$param',
  '{{7*7}}',
  'name:*',
  '*:*',
  '~',
  '*',
  'putin~0.1',
  'a AND b OR NOT c',
  '+-&&||!(){}[]^"~*?:\\/',
  '\\',
  '\u0000',
  '\u202Eetats',
  '🔥🔥🔥',
  '   ',
  '',
  'x'.repeat(5_000),
];

/** What a safe answer may carry: refusals of the request and of bad input, never INTERNAL. */
const SAFE_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'TOO_MANY_SUBSCRIPTIONS',
]);

/** Why an answer is not safe: a 5xx, over the time bound, not JSON, a leak, or an unexpected code. */
function unsafety(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (answer.ms > BOUND_MS) problems.push(`took ${Math.round(answer.ms)} ms`);
  if (!/^application\/json/.test(answer.headers.get('content-type') ?? ''))
    problems.push(`not JSON: ${answer.text.slice(0, 80)}`);
  const leak = leakIn(answer.text);
  if (leak) problems.push(`leaks ${leak}`);
  for (const e of answer.body.errors ?? []) {
    const code = String(e.extensions?.code);
    if (!SAFE_CODES.has(code)) problems.push(`${code}: ${e.message}`);
  }
  return problems;
}

function expectSafe(label: string, answer: Answer): void {
  expect({ label, problems: unsafety(answer) }).toEqual({ label, problems: [] });
}

let svc: TestService;
let graphql: string;
let schema: GraphQLSchema;
let before: GraphChecksum;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
  graphql = `${svc.url}/graphql`;
  schema = await buildGraphSchema();
  before = await graphChecksum(svc.db);
});
afterAll(async () => svc?.close());

/** A valid value for an argument the test is not attacking. */
function filler(arg: GraphQLArgument): unknown {
  const type = getNamedType(arg.type);
  const list = isListType(getNullableType(arg.type));
  const value = isEnumType(type)
    ? type.getValues()[0].name
    : type.name === 'Int'
      ? (arg.defaultValue ?? 1)
      : 'putin';
  return list ? [value] : value;
}

const isText = (arg: GraphQLArgument) => ['String', 'ID'].includes(getNamedType(arg.type).name);

/** A value as a GraphQL literal: JSON strings are GraphQL strings; enum values go bare. */
function literal(arg: GraphQLArgument, value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(arg, v)).join(', ')}]`;
  return isEnumType(getNamedType(arg.type)) ? String(value) : JSON.stringify(value);
}

interface Attack {
  label: string;
  /** The payload as a variable. */
  query: string;
  variables: Record<string, unknown>;
  /** The same payload written into the query text. */
  inline: string;
}

/** One attack per root field × text argument × payload; the other arguments get valid values. */
function attacks(schema: GraphQLSchema): Attack[] {
  const found: Attack[] = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()!],
    ['mutation', schema.getMutationType()!],
  ] as const) {
    for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
      const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
      for (const target of field.args.filter(isText)) {
        const used = field.args.filter((a) => a === target || isNonNullType(a.type));
        for (const payload of INJECTIONS) {
          const values = used.map((a): [GraphQLArgument, unknown] => [
            a,
            a !== target ? filler(a) : isListType(getNullableType(a.type)) ? [payload] : payload,
          ]);
          const declarations = used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
          const byVariable = used.map((a) => `${a.name}: $${a.name}`).join(', ');
          const written = values.map(([a, v]) => `${a.name}: ${literal(a, v)}`).join(', ');
          found.push({
            label: `${field.name}(${target.name}: ${JSON.stringify(payload).slice(0, 40)})`,
            query: `${operation} (${declarations}) { ${field.name}(${byVariable}) ${selection} }`,
            variables: Object.fromEntries(values.map(([a, v]) => [a.name, v])),
            inline: `${operation} { ${field.name}(${written}) ${selection} }`,
          });
        }
      }
    }
  }
  return found;
}

describe('injection strings in every text argument of every root field', () => {
  it('as variables and as literals in the text: answered safely, never as an internal error', async () => {
    const all = attacks(schema);
    expect(all.length).toBeGreaterThan(300);
    for (const a of all) {
      expectSafe(a.label, await postJson(graphql, { query: a.query, variables: a.variables }));
      expectSafe(`${a.label} inline`, await postJson(graphql, { query: a.inline }));
    }
  }, 300_000);

  it('with the write token: a YAML alias bomb or a dangling alias is refused as invalid, quickly', async () => {
    const level = (i: number) =>
      `l${i}: &l${i} [${Array(10)
        .fill(i ? `*l${i - 1}` : '*a')
        .join(', ')}]`;
    const bomb = ['a: &a [x, x]', ...Array.from({ length: 9 }, (_, i) => level(i))].join('\n');
    for (const annotation of [bomb, 'document: *nowhere\n']) {
      const answer = await postJson(
        graphql,
        { query: LOAD_DOCUMENT, variables: { article: 'x', annotation } },
        { authorization: `Bearer ${WRITE}` },
      );
      expectSafe('alias', answer);
      expect(answer.body.errors?.[0].extensions?.problems).toEqual([
        expect.objectContaining({ code: 'YAML_SYNTAX' }),
      ]);
    }
  });

  it('with the write token too: an injected document is refused as invalid, nothing written', async () => {
    const query =
      'mutation ($a: String!, $b: String!) { loadDocument(article: $a, annotation: $b) { status } }';
    for (const payload of INJECTIONS) {
      const answer = await postJson(
        graphql,
        { query, variables: { a: payload, b: `document: {id: "${payload}"}` } },
        { authorization: `Bearer ${WRITE}` },
      );
      expectSafe(`loadDocument(${JSON.stringify(payload).slice(0, 40)})`, answer);
      expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('malformed, oversized, deep, wide and batched requests; bad tokens', () => {
  const deep = (n: number) =>
    `{ ${'entity(id: "putin") { stances { actor { '.repeat(n)} id ${'} } } '.repeat(n)}}`;
  const bodies: [string, string | unknown][] = [
    ['not JSON', '{"query": '],
    ['JSON null', 'null'],
    ['a JSON string', '"{ version }"'],
    ['an empty object', {}],
    ['query is a number', { query: 42 }],
    ['query is an object', { query: { toString: '{ version }' } }],
    ['unclosed brace', { query: '{ version' }],
    ['garbage', { query: '\u0000\uffff\ud800 }{' }],
    ['variables not an object', { query: '{ version }', variables: 'x' }],
    ['operationName not a string', { query: '{ version }', operationName: 7 }],
    ['unknown operationName', { query: 'query A { version }', operationName: 'B' }],
    ['two operations, no name', { query: 'query A { version } query B { version }' }],
    ['fragment cycle', { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }],
    ['deep (200 levels)', { query: deep(200) }],
    ['wide (900 fields)', { query: `{ ${'version '.repeat(900)}}` }],
    [
      'aliased (100 aliases)',
      { query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: documents { totalCount }`).join(' ')} }` },
    ],
    ['huge string literal', { query: `{ resolve(name: "${'y'.repeat(900_000)}") { score } }` }],
    // Lucene would cut this one word into 3,500 terms and fail (TooManyClauses): refused before it.
    [
      'a 900 000-character name to resolve',
      { query: `{ stances(actor: "${'y'.repeat(900_000)}") { edges { node { id } } } }` },
    ],
    ['1.5 MB body', { query: '{ version }', variables: { pad: 'z'.repeat(1_500_000) } }],
    [
      '60 000 names in a list argument',
      {
        query: 'query ($a: [String!]) { stanceMatrix(actors: $a) { cells { kinds } } }',
        variables: { a: Array.from({ length: 60_000 }, (_, i) => `n${i}`) },
      },
    ],
    ['a batch of two', [{ query: '{ version }' }, { query: '{ version }' }]],
    ['a batch of 1000', Array.from({ length: 1000 }, () => ({ query: '{ documents { totalCount } }' }))],
    [
      'persisted query, wrong version',
      { extensions: { persistedQuery: { version: 2, sha256Hash: 'ab'.repeat(32) } } },
    ],
    [
      'persisted query, hash does not match',
      { query: '{ version }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
    ],
    [
      'introspection of everything, deeply',
      {
        query:
          '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }',
      },
    ],
  ];

  it.each(bodies)('%s', async (label, body) => {
    expectSafe(label, await postJson(graphql, body as never));
  });

  it.each([
    ['empty bearer', 'Bearer '],
    ['bearer with spaces', 'Bearer a b c'],
    [
      'non-ASCII bearer',
      'Bearer \u00ff\u00fe\u00e9\u00e8\u00e0\u00e7\u00f1\u00f6\u00fc\u00e5\u00f8\u00e6\u00df\u00a7\u00b5\u00b6',
    ],
    ['very long bearer', `Bearer ${'k'.repeat(8_000)}`],
    ['lower-case scheme, wrong token', 'bearer wrong-token-0123456789abcdef'],
    ['token only, no scheme', WRITE],
  ])('loadDocument with a bad Authorization (%s): 401, nothing written', async (_label, authorization) => {
    const answer = await postJson(
      graphql,
      { query: 'mutation { loadDocument(article: "a", annotation: "b") { status } }' },
      { authorization },
    );
    expectSafe(authorization.slice(0, 30), answer);
    expect(answer.status).toBe(401);
  });

  it('an over-long header block is refused by Node (431) and the service carries on', async () => {
    const answer = await send(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pad': 'p'.repeat(20_000) },
      body: '{"query":"{ version }"}',
    });
    expect(answer.status).toBe(431);
  });
});

/**
 * The same spirit over WebSocket (graphql-ws on /graphql): each hostile subscription on a connection of its
 * own is answered with an error of a safe code, or the protocol's own close code, within the bound; never
 * an internal error (4500, 1011), never data it should not have.
 */
describe('hostile subscriptions over WebSocket', () => {
  const deep = (n: number) =>
    `subscription { documentLoaded { counts { ${'a { '.repeat(n)}b${' }'.repeat(n)} } } }`;
  const payloads: [string, Record<string, unknown>][] = [
    ['deep (200 levels)', { query: deep(200) }],
    ['wide (900 fields)', { query: `subscription { documentLoaded { ${'id '.repeat(900)}} }` }],
    [
      'aliased (100 aliases)',
      {
        query: `subscription { ${Array.from({ length: 100 }, (_, i) => `a${i}: documentLoaded { id }`).join(' ')} }`,
      },
    ],
    [
      'a 900 000-character name',
      { query: `subscription { stancesChanged(actor: "${'y'.repeat(900_000)}") { eventId } }` },
    ],
    ['a query', { query: '{ documents { edges { node { id text } } } }' }],
    ['a mutation', { query: 'mutation { loadDocument(article: "a", annotation: "b") { status } }' }],
    ['introspection', { query: 'subscription { __schema { types { name } } }' }],
    [
      'fragment cycle',
      {
        query:
          'subscription { ...A } fragment A on Subscription { ...B } fragment B on Subscription { ...A }',
      },
    ],
    ['two root fields', { query: 'subscription { documentLoaded { id } stancesChanged { eventId } }' }],
    [
      'a wrong variable type',
      { query: 'subscription ($a: String) { stancesChanged(actor: $a) { eventId } }', variables: { a: 5 } },
    ],
    ...INJECTIONS.map((payload): [string, Record<string, unknown>] => [
      `stancesChanged(actor: ${JSON.stringify(payload).slice(0, 40)})`,
      {
        query: 'subscription ($a: String) { stancesChanged(actor: $a) { eventId } }',
        variables: { a: payload },
      },
    ]),
  ];

  it.each(payloads)('%s: an error with a safe code', async (label, payload) => {
    const started = performance.now();
    const connection = await rawConnection(svc.url, {});
    try {
      await connection.message('connection_ack');
      connection.send({ id: '1', type: 'subscribe', payload });
      const ended = await Promise.race([
        connection.message('error', '1'),
        connection.message('complete', '1'),
      ]);
      const errors = (
        ended.type === 'error'
          ? ended.payload
          : connection.messages
              .filter((m) => m.type === 'next')
              .flatMap((m) => (m.payload as { errors?: unknown[] }).errors ?? [])
      ) as { message: string; extensions?: { code?: string } }[];
      const problems: string[] = [];
      if (!errors.length) problems.push('no error');
      for (const e of errors)
        if (!SAFE_CODES.has(String(e.extensions?.code))) problems.push(`${e.extensions?.code}: ${e.message}`);
      if (connection.messages.some((m) => m.type === 'next' && (m.payload as { data?: unknown }).data))
        problems.push('data');
      const leak = leakIn(JSON.stringify(connection.messages));
      if (leak) problems.push(`leaks ${leak}`);
      if (performance.now() - started > BOUND_MS) problems.push('over the bound');
      expect({ label, problems }).toEqual({ label, problems: [] });
    } finally {
      connection.socket.close();
    }
  });

  const subscribeMessage = (id: string, payload: unknown) =>
    JSON.stringify({ id, type: 'subscribe', payload });
  const CHEAP = { query: 'subscription { documentLoaded { id } }' };
  /** Each sends its attack on a connection whose connection_init, when it needs one, was acknowledged. */
  const protocol: [string, boolean, string[], number[]][] = [
    ['not JSON', false, ['{"type": '], [4400]],
    ['an unknown message type', false, ['{"type":"drop_tables"}'], [4400]],
    ['subscribe before connection_init', false, [subscribeMessage('1', CHEAP)], [4401]],
    ['two connection_init', true, ['{"type":"connection_init"}'], [4429]],
    ['one id subscribed twice', true, [subscribeMessage('x', CHEAP), subscribeMessage('x', CHEAP)], [4409]],
    ['a subscribe with no query', true, [subscribeMessage('1', {})], [4400]],
    ['a query that is a number', true, [subscribeMessage('1', { query: 42 })], [4400]],
    ['variables that are not an object', true, [subscribeMessage('1', { ...CHEAP, variables: 'x' })], [4400]],
    [
      'an operationName that is not a string',
      true,
      [subscribeMessage('1', { ...CHEAP, operationName: 7 })],
      [4400],
    ],
    [
      'a 2 MB message',
      false,
      [JSON.stringify({ type: 'connection_init', payload: { pad: 'z'.repeat(2_000_000) } })],
      [1009],
    ],
  ];

  it.each(protocol)(
    '%s: closed by the protocol, not by an internal error',
    async (_label, init, messages, codes) => {
      const connection = await rawConnection(svc.url, init ? {} : null);
      if (init) await connection.message('connection_ack');
      for (const message of messages) connection.socket.send(message);
      const closed = await connection.closed;
      expect(codes).toContain(closed.code);
    },
  );
});

describe('afterwards', () => {
  it('the graph is unchanged and the service alive', async () => {
    expect(await graphChecksum(svc.db)).toEqual(before);
    expect(svc.service.subscriptions?.stats().subscriptions).toBe(0);
    expect((await send(`${svc.url}/health`)).status).toBe(200);
    expect((await send(`${svc.url}/ready`)).status).toBe(200);
    expect((await postJson(graphql, { query: '{ version }' })).status).toBe(200);
  });
});
