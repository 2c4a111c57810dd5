import { queryHash } from '../../src/api/security/persisted-queries';
import { operation } from '../../src/operations';
import { ExtraService, expectRefusal, postJson, send, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

const LOAD_DOCUMENT = operation('load-document');
const DASHBOARD_GRAPH = operation('dashboard/graph');

/** The service's defaults (src/config.ts), which these tests hold it to. */
const DEFAULTS = { depth: 12, aliases: 15, tokens: 1_000, directives: 20, cost: 50_000 };

let svc: TestService;
let graphql: string;

beforeAll(async () => {
  svc = await startTestService();
  graphql = `${svc.url}/graphql`;
});
afterAll(async () => svc?.close());

/** entity → stances → actor → stances → … → id: a real path of the schema, `depth` fields deep. */
const nested = (depth: number) => {
  let inner = 'id';
  for (let i = 0; i < depth - 2; i++) inner = i % 2 ? `actor { ${inner} }` : `stances { ${inner} }`;
  return `{ entity(id: "putin") { ${inner} } }`;
};
/** One directive per inline fragment: the same directive twice on one field is invalid anyway. */
const directives = (n: number) => `{ ${'... @include(if: true) { version } '.repeat(n)}}`;

describe('query limits (graphql-armor and the list-aware cost): 400 with a code of their own', () => {
  it.each([
    ['depth', nested(DEFAULTS.depth), nested(DEFAULTS.depth + 1), 'QUERY_TOO_DEEP'],
    [
      'aliases',
      `{ ${Array.from({ length: DEFAULTS.aliases }, (_, i) => `a${i}: version`).join(' ')} }`,
      `{ ${Array.from({ length: DEFAULTS.aliases + 1 }, (_, i) => `a${i}: version`).join(' ')} }`,
      'TOO_MANY_ALIASES',
    ],
    [
      'directives',
      directives(DEFAULTS.directives),
      directives(DEFAULTS.directives + 1),
      'TOO_MANY_DIRECTIVES',
    ],
    [
      'tokens',
      `{ ${'version '.repeat(DEFAULTS.tokens - 2)}}`,
      `{ ${'version '.repeat(DEFAULTS.tokens)}}`,
      'TOO_MANY_TOKENS',
    ],
  ])('%s: at the limit it runs, one over it is refused', async (_limit, atLimit, overLimit, code) => {
    const ok = await postJson(graphql, { query: atLimit });
    expect(ok.body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain(code);
    const refused = await postJson(graphql, { query: overLimit });
    expectRefusal(refused, 400, code);
    expect(refused.body.errors?.[0].message).toMatch(/limit is \d+/);
    expect(refused.ms).toBeLessThan(5_000);
  });

  it('cost counts `first` given as a variable, and refuses what would fan out too far', async () => {
    // The dashboard's own query at the largest page runs (cost about 24 500).
    const ok = await postJson(graphql, { query: DASHBOARD_GRAPH, variables: { first: 500 } });
    expect(ok.status).toBe(200);
    // Each of these costs 500 × (1 + 3 for nodes + 14 for edges) = 9 000: six are 54 000, over 50 000.
    const six = `query ($first: Int!) { ${[1, 2, 3, 4, 5, 6]
      .map(
        (i) =>
          `g${i}: graph(first: $first) { nodes { id name } edges { id evidence { quote sentence { text } } } }`,
      )
      .join(' ')} }`;
    const refused = await postJson(graphql, { query: six, variables: { first: 500 } });
    expectRefusal(refused, 400, 'QUERY_TOO_COSTLY');
    // Without variables the cost is computed once per query text (cost.ts): refused every time all the same.
    const literal = six.replace('query ($first: Int!) ', '').replaceAll('$first', '500');
    for (let i = 0; i < 3; i++)
      expectRefusal(await postJson(graphql, { query: literal }), 400, 'QUERY_TOO_COSTLY');
    expect(refused.body.errors?.[0].extensions).toMatchObject({ maxCost: DEFAULTS.cost });
    // The same text with a small page is cheap enough: the variable, not the text, decides.
    const small = await postJson(graphql, { query: six, variables: { first: 5 } });
    expect(small.status).toBe(200);
  });
});

describe('HTTP refusals', () => {
  it('a batch (JSON array body) is refused with 400: one operation per request', async () => {
    expectRefusal(
      await postJson(graphql, [{ query: '{ version }' }, { query: '{ version }' }]),
      400,
      'BAD_REQUEST',
    );
  });

  it('a body over HTTP_BODY_LIMIT (1mb) is 413 PAYLOAD_TOO_LARGE, as JSON', async () => {
    const answer = await postJson(graphql, {
      query: '{ version }',
      variables: { pad: 'x'.repeat(1_100_000) },
    });
    expectRefusal(answer, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is 400 BAD_REQUEST, as JSON and without a stack trace', async () => {
    expectRefusal(await postJson(graphql, '{"query": "{ version }"'), 400, 'BAD_REQUEST');
  });

  it('CSRF prevention: a GET without a preflight header and a text/plain POST are refused', async () => {
    const get = await send(`${graphql}?query=${encodeURIComponent('{ version }')}`);
    expectRefusal(get, 400, 'BAD_REQUEST');
    expect(get.body.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    const plain = await send(graphql, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ version }' }),
    });
    expectRefusal(plain, 400, 'BAD_REQUEST');
    // With the header a browser only sends after a CORS preflight, the same GET runs.
    const preflighted = await send(`${graphql}?query=${encodeURIComponent('{ version }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('outside production, introspection and field suggestions are on', async () => {
    const introspection = await postJson(graphql, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(200);
    const typo = await postJson(graphql, { query: '{ versio }' });
    expect(typo.body.errors?.[0].message).toMatch(/Did you mean "version"/);
  });

  it('Node holds the socket for HTTP_REQUEST_TIMEOUT_MS at most (request and headers timeouts)', () => {
    expect(svc.service.server.requestTimeout).toBe(15_000);
    expect(svc.service.server.headersTimeout).toBe(10_000);
  });
});

describe('production (NODE_ENV=production): persisted queries only, no schema details', () => {
  let prod: ExtraService;
  beforeAll(async () => {
    prod = await startServiceWith(svc.db, { NODE_ENV: 'production' });
  });
  afterAll(async () => prod?.close());

  it('an operation that is not on the allow-list is PERSISTED_QUERY_NOT_ALLOWED (400)', async () => {
    for (const query of ['{ version }', '{ __schema { types { name } } }', `${DASHBOARD_GRAPH} `]) {
      expectRefusal(await postJson(prod.graphql, { query }), 400, 'PERSISTED_QUERY_NOT_ALLOWED');
    }
    const unknownHash = { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } };
    expectRefusal(await postJson(prod.graphql, unknownHash), 400, 'PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('an allow-listed operation runs by its full text, and by its hash alone (APQ)', async () => {
    const byText = await postJson(prod.graphql, { query: DASHBOARD_GRAPH, variables: { first: 5 } });
    expect(byText.body.errors).toBeUndefined();
    expect(byText.status).toBe(200);
    const byHash = await postJson(prod.graphql, {
      variables: { first: 5 },
      extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(DASHBOARD_GRAPH) } },
    });
    expect(byHash.body).toEqual(byText.body);
    // GET with the hash works too (with the CSRF header), for caches in front of the service.
    const search = new URLSearchParams({
      variables: JSON.stringify({ first: 5 }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: queryHash(DASHBOARD_GRAPH) } }),
    });
    const get = await send(`${prod.graphql}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.body).toEqual(byText.body);
  });

  it('the loadDocument mutation is on the list (and still needs its token)', async () => {
    const answer = await postJson(prod.graphql, {
      query: LOAD_DOCUMENT,
      variables: { article: 'x', annotation: 'x' },
    });
    expectRefusal(answer, 403, 'FORBIDDEN');
  });

  it('introspection is off and "Did you mean" suggestions are masked', async () => {
    const loose = await startServiceWith(svc.db, { NODE_ENV: 'production', PERSISTED_QUERIES_ONLY: 'false' });
    try {
      const introspection = await postJson(loose.graphql, { query: '{ __schema { queryType { name } } }' });
      expectRefusal(introspection, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(introspection.body.errors?.[0].message).toMatch(/introspection/i);
      const typo = await postJson(loose.graphql, { query: '{ versio }' });
      expectRefusal(typo, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(typo.text).not.toContain('"version"');
    } finally {
      await loose.close();
    }
  });
});
