import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operation } from '../../src/operations';
import { graphChecksum } from '../../testkit/checksum';
import { ExtraService, expectRefusal, postJson, send, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

const LOAD_DOCUMENT = operation('load-document');

const WRITE = 'test-write-token-0123456789abcdef';
const READ = 'test-read-token-0123456789abcdef';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');

let svc: TestService;
let graphql: string;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
  graphql = `${svc.url}/graphql`;
});
afterAll(async () => svc?.close());

const load = (variables: { article: string; annotation: string }, token?: string) =>
  postJson(graphql, { query: LOAD_DOCUMENT, variables }, token ? { authorization: `Bearer ${token}` } : {});

describe('loadDocument needs the write token', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'not-the-write-token-0123456789'],
    ['the write token with one character changed', `${WRITE.slice(0, -1)}X`],
    ['a prefix of the write token', WRITE.slice(0, 8)],
  ])('%s: UNAUTHENTICATED (401), nothing written', async (_case, token) => {
    const before = await graphChecksum(svc.db);
    const answer = await load({ article, annotation }, token);
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
    expect(answer.body.errors?.[0].message).toMatch(/write token/);
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('a token in another scheme (Basic) does not count', async () => {
    const answer = await postJson(
      graphql,
      { query: LOAD_DOCUMENT, variables: { article, annotation } },
      { authorization: `Basic ${Buffer.from(`neo4j:${WRITE}`).toString('base64')}` },
    );
    expectRefusal(answer, 401, 'UNAUTHENTICATED');
  });

  it('with no write token configured, writes are off: FORBIDDEN (403), whatever is sent', async () => {
    const readOnly = await startServiceWith(svc.db, {});
    try {
      const answer = await postJson(
        readOnly.graphql,
        { query: LOAD_DOCUMENT, variables: { article, annotation } },
        { authorization: `Bearer ${WRITE}` },
      );
      expectRefusal(answer, 403, 'FORBIDDEN');
      expect(answer.body.errors?.[0].message).toMatch(/STANCEGRAPH_WRITE_TOKEN/);
    } finally {
      await readOnly.close();
    }
  });
});

describe('loadDocument validates as the CLI does, and writes nothing on any problem', () => {
  it('every problem at once, each with line, field and code, as BAD_USER_INPUT (400)', async () => {
    const before = await graphChecksum(svc.db);
    const broken = annotation
      .replace('kind: PROPOSES', 'kind: PONDERS')
      .replace('by: eastvale', 'by: nowhere')
      .replace('quote: "Eastvale rejected the truce"', 'quote: "Eastvale never said this"');
    const answer = await load({ article, annotation: broken }, WRITE);
    expectRefusal(answer, 400, 'BAD_USER_INPUT');
    const problems = answer.body.errors?.[0].extensions?.problems as {
      file: string;
      line: number;
      field: string;
      code: string;
    }[];
    expect(problems.map((p) => p.code).sort()).toEqual([
      'QUOTE_NOT_FOUND',
      'UNKNOWN_REFERENCE',
      'UNKNOWN_VALUE',
    ]);
    for (const p of problems) {
      expect(p.file).toBe('annotation');
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.field).toMatch(/^claims\[\d\]\.(kind|by|evidence\[0\]\.quote)$/);
    }
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('an article that is not the one the annotation was made for: SHA256_MISMATCH, nothing written', async () => {
    const before = await graphChecksum(svc.db);
    const answer = await load({ article: `${article} `, annotation }, WRITE);
    expectRefusal(answer, 400, 'BAD_USER_INPUT');
    expect(answer.body.errors?.[0].extensions?.problems).toEqual([
      expect.objectContaining({ code: 'SHA256_MISMATCH', field: 'document.sha256' }),
    ]);
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('a valid document loads (CREATED), clears the name cache, and loads again as UNCHANGED', async () => {
    // A cached resolution the new document could make wrong must not outlive the load.
    const putin = await svc.stores.entities.byIds(['putin']);
    svc.stores.cache.set('westmark', putin.get('putin')!);
    const answer = await load({ article, annotation }, WRITE);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.loadDocument).toMatchObject({
      documentId: 'valid',
      status: 'CREATED',
      claims: 2,
    });
    expect(svc.stores.cache.get('westmark')).toBeUndefined();
    const found = await svc.gql('{ supporters(of: "fishing truce") { actor { id } } }');
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data).toEqual({ supporters: [{ actor: { id: 'ida-lund' } }] });
    const again = await load({ article, annotation }, WRITE);
    expect(again.body.data?.loadDocument).toMatchObject({ status: 'UNCHANGED', nodesCreated: 0 });
  });

  it('a mutation over GET is refused (405): writes only by POST', async () => {
    const search = new URLSearchParams({
      query: LOAD_DOCUMENT,
      variables: JSON.stringify({ article, annotation }),
    });
    const answer = await send(`${graphql}?${search}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${WRITE}` },
    });
    expect(answer.status).toBe(405);
  });
});

describe('STANCEGRAPH_READ_TOKEN: every GraphQL request needs a token, /health and /ready do not', () => {
  let guarded: ExtraService;
  beforeAll(async () => {
    guarded = await startServiceWith(svc.db, {
      STANCEGRAPH_READ_TOKEN: READ,
      STANCEGRAPH_WRITE_TOKEN: WRITE,
    });
  });
  afterAll(async () => guarded?.close());

  it('no token, or a wrong one: UNAUTHENTICATED (401) with WWW-Authenticate: Bearer', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789abcdef' }];
    for (const headers of attempts) {
      const answer = await postJson(guarded.graphql, { query: '{ version }' }, headers);
      expectRefusal(answer, 401, 'UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('the read token reads; the write token reads and writes; the read token cannot write', async () => {
    for (const token of [READ, WRITE]) {
      const answer = await postJson(
        guarded.graphql,
        { query: '{ version }' },
        { authorization: `Bearer ${token}` },
      );
      expect(answer.status).toBe(200);
    }
    const write = await postJson(
      guarded.graphql,
      { query: LOAD_DOCUMENT, variables: { article, annotation } },
      { authorization: `Bearer ${READ}` },
    );
    expectRefusal(write, 401, 'UNAUTHENTICATED');
  });

  it('/health and /ready answer without a token', async () => {
    expect((await send(`${guarded.url}/health`)).status).toBe(200);
    expect((await send(`${guarded.url}/ready`)).status).toBe(200);
  });
});
