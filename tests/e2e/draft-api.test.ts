import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LIMITS } from '../../src/api/argument-limits';
import { REPO_ROOT } from '../../src/config';
import { operation } from '../../src/operations';
import { graphChecksum } from '../../testkit/checksum';
import { Answer, ExtraService, expectRefusal, postJson, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * The API side of drafting (issue 15), over HTTP: validateDocument (loadDocument's verdict, nothing
 * written), draftDocument's refusals and its contract, and how drafted stances and facts are told apart
 * once loaded (method, confidence, minConfidence, methods). The drafts run on the in-process backend
 * (DRAFT_NLP=compromise): no CoreNLP JVM in this suite.
 */

const WRITE = 'test-write-token-draft-api-0123456789';
const LOAD_DOCUMENT = operation('load-document');
const VALIDATE_DOCUMENT = operation('validate-document');
const DRAFT_DOCUMENT = operation('draft-document');

// Hand-written, drafted (confidence 0.5 on the rejection, 0.6 on a fact) and reviewed items.
const DRAFTED = path.join(REPO_ROOT, 'tests', 'fixtures', 'drafted-harbour-levy');
const article = readFileSync(path.join(DRAFTED, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(DRAFTED, 'graph.yaml'), 'utf8');

// Written by the stancegraph team for tests: invented people, places and events.
const NEW_ARTICLE = [
  'Ferry Talks Stall in Lindholm',
  'LINDHOLM, 14 July — The mayor of Lindholm, Petra Quist, rejected a proposal to close the night ferry on ' +
    'Monday, saying the island could not do without it.',
  'The Harbour Board agreed to a review of the timetable, according to its chairman Jonas Brandt.',
  'Brandt said the board supports a cheaper ticket for students and called for talks with the ferry company.',
  'Quist criticized the ferry company for cutting crews, citing the delays of last winter.',
  '',
].join('\n');

let svc: TestService;
let graphql: string;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE, DRAFT_NLP: 'compromise' });
  graphql = `${svc.url}/graphql`;
});
afterAll(async () => svc?.close());

const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  postJson(graphql, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});

async function data<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const answer = await post(query, variables, token);
  expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
  return answer.body.data as T;
}

interface Report {
  valid: boolean;
  problems: { file: string; line: number; field: string; code: string; message: string; severity: string }[];
}
const validate = (variables: { article: string; annotation: string }) =>
  data<{ validateDocument: Report }>(VALIDATE_DOCUMENT, variables).then((d) => d.validateDocument);

describe('validateDocument: what loadDocument would say, nothing written, no token needed', () => {
  it('a good document is valid; its notices and warnings come with it', async () => {
    const before = await graphChecksum(svc.db);
    const report = await validate({ article, annotation });
    expect(report.valid).toBe(true);
    expect(report.problems.filter((p) => p.severity === 'ERROR')).toEqual([]);
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('a bad document: every error with its line, field and code, as loadDocument refuses it', async () => {
    const before = await graphChecksum(svc.db);
    const broken = annotation
      .replace('kind: REJECTS', 'kind: SHRUGS')
      .replace('by: emil-varga', 'by: nobody-here')
      .replace('quote: "proposed a harbour levy on cargo ships"', 'quote: "proposed nothing at all"');
    const report = await validate({ article, annotation: broken });
    expect(report.valid).toBe(false);
    const errors = report.problems.filter((p) => p.severity === 'ERROR');
    expect(errors.map((p) => p.code).sort()).toEqual([
      'QUOTE_NOT_FOUND',
      'UNKNOWN_REFERENCE',
      'UNKNOWN_VALUE',
    ]);
    // Each on the line that holds what is wrong.
    const lines = broken.split('\n');
    const culprit: Record<string, string> = {
      UNKNOWN_VALUE: 'SHRUGS',
      UNKNOWN_REFERENCE: 'nobody-here',
      QUOTE_NOT_FOUND: 'proposed nothing at all',
    };
    for (const p of errors) {
      expect(p.file).toBe('annotation');
      expect(p.field).toMatch(/^claims\[\d\]\.(kind|by|quote)$/);
      expect(lines[p.line - 1]).toContain(culprit[p.code]);
    }
    // The same verdict as the mutation's, which writes nothing either.
    const refused = await post(LOAD_DOCUMENT, { article, annotation: broken }, WRITE);
    expectRefusal(refused, 400, 'BAD_USER_INPUT');
    const problems = refused.body.errors![0].extensions!.problems as { code: string; line: number }[];
    expect(problems.map((p) => [p.code, p.line]).sort()).toEqual(errors.map((p) => [p.code, p.line]).sort());
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('an article that does not match the annotation’s sha256 is an error, not a crash', async () => {
    const report = await validate({ article: `${article}More text.\n`, annotation });
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('SHA256_MISMATCH');
  });
});

describe('draftDocument refuses before it drafts', () => {
  const draft = (variables: Record<string, unknown>, token?: string) =>
    post(DRAFT_DOCUMENT, variables, token);

  it.each([
    ['no token', undefined],
    ['a wrong token', 'not-the-write-token-0123456789'],
  ])('needs the write token: %s is UNAUTHENTICATED (401)', async (_case, token) => {
    expectRefusal(await draft({ article: NEW_ARTICLE }, token), 401, 'UNAUTHENTICATED');
  });

  it(`an article over ${LIMITS.articleLength} characters is ARTICLE_TOO_LARGE (413)`, async () => {
    const huge = 'The board met again. '.repeat(Math.ceil((LIMITS.articleLength + 1) / 21));
    const answer = await draft({ article: huge }, WRITE);
    expectRefusal(answer, 413, 'ARTICLE_TOO_LARGE');
    expect(answer.body.errors![0].extensions).toMatchObject({
      max: LIMITS.articleLength,
      length: huge.length,
    });
  });

  it.each([
    ['an empty article', { article: '' }],
    ['a blank article', { article: ' \n\t\n' }],
    ['an id that is not a slug', { article: NEW_ARTICLE, id: 'Ferry Talks!' }],
    ['a date that is not a date', { article: NEW_ARTICLE, date: '2025-02-30' }],
    ['a date that is not ISO', { article: NEW_ARTICLE, date: '14 July 2025' }],
  ])('%s is BAD_USER_INPUT (400)', async (_case, variables) => {
    expectRefusal(await draft(variables, WRITE), 400, 'BAD_USER_INPUT');
  });

  it('counts against the cost limit by the article’s length', async () => {
    const strict: ExtraService = await startServiceWith(svc.db, {
      STANCEGRAPH_WRITE_TOKEN: WRITE,
      DRAFT_NLP: 'compromise',
      GRAPHQL_MAX_COST: '3000',
    });
    try {
      const answer = await postJson(
        strict.graphql,
        { query: DRAFT_DOCUMENT, variables: { article: 'The board met again. '.repeat(500) } },
        { authorization: `Bearer ${WRITE}` },
      );
      expectRefusal(answer, 400, 'QUERY_TOO_COSTLY');
    } finally {
      await strict.close();
    }
  });

  it('a CoreNLP that is not there is NLP_UNAVAILABLE (503), saying what to do', async () => {
    const port = await closedPort();
    const corenlp: ExtraService = await startServiceWith(svc.db, {
      STANCEGRAPH_WRITE_TOKEN: WRITE,
      DRAFT_NLP: 'corenlp',
      CORENLP_URL: `http://127.0.0.1:${port}`,
    });
    try {
      const answer = await postJson(
        corenlp.graphql,
        { query: DRAFT_DOCUMENT, variables: { article: NEW_ARTICLE, date: '2025-07-14' } },
        { authorization: `Bearer ${WRITE}` },
      );
      expectRefusal(answer, 503, 'NLP_UNAVAILABLE');
      expect(answer.body.errors![0].message).toMatch(/corenlp/i);
    } finally {
      await corenlp.close();
    }
  });
});

describe('draftDocument drafts an article it has never seen (the contract)', () => {
  let answer: Answer;
  interface Item {
    type: string;
    id: string;
    kind: string;
    confidence: number;
    quote: string;
    begin: number;
    end: number;
    spans: { begin: number; end: number }[];
    from: string | null;
    to: string | null;
    polarity: string | null;
    reason: string;
  }
  const drafted = () =>
    answer.body.data!.draftDocument as {
      documentId: string;
      backend: string;
      yaml: string;
      items: Item[];
    };

  beforeAll(async () => {
    const before = await graphChecksum(svc.db);
    answer = await post(
      DRAFT_DOCUMENT,
      { article: NEW_ARTICLE, date: '2025-07-14', id: 'lindholm-ferry-talks', source: 'a test' },
      WRITE,
    );
    // Drafting writes nothing.
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('answers a draft of the id asked, from the configured backend', () => {
    expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(drafted()).toMatchObject({ documentId: 'lindholm-ferry-talks', backend: 'compromise' });
  });

  it('whose graph.yaml validateDocument accepts with the article as sent, every item marked draft', async () => {
    const { yaml, items } = drafted();
    const report = await validate({ article: NEW_ARTICLE, annotation: yaml });
    expect(report.problems.filter((p) => p.severity === 'ERROR')).toEqual([]);
    expect(report.valid).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    expect(yaml).toMatch(/method: draft/);
    expect(yaml).not.toMatch(/method: (hand|reviewed)/);
  });

  it('whose items rest on the article: spans inside it, quotes as written, confidences in [0, 1]', () => {
    for (const item of drafted().items) {
      expect(item.confidence).toBeGreaterThanOrEqual(0);
      expect(item.confidence).toBeLessThanOrEqual(1);
      expect(item.reason.trim()).not.toBe('');
      expect(item.spans.length).toBeGreaterThan(0);
      for (const span of [item, ...item.spans]) {
        expect(span.begin).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThan(span.begin);
        expect(span.end).toBeLessThanOrEqual(NEW_ARTICLE.length);
      }
      if (item.type === 'CLAIM') {
        expect({ id: item.id, quote: NEW_ARTICLE.slice(item.begin, item.end) }).toEqual({
          id: item.id,
          quote: item.quote,
        });
        expect(item.from && item.to && item.polarity).toBeTruthy();
      }
    }
  });
});

describe('drafted and reviewed items once loaded: method, confidence, minConfidence, methods', () => {
  beforeAll(async () => {
    const loaded = await post(LOAD_DOCUMENT, { article, annotation }, WRITE);
    expect(loaded.body.errors).toBeUndefined();
  });

  type Stance = { id: string; kind: string; method: string; confidence: number };
  const stancesOn = async (args: string) =>
    (
      await data<{ stances: { edges: { node: Stance }[] } }>(
        `{ stances(target: "harbour levy"${args}) { edges { node { id kind method confidence } } } }`,
      )
    ).stances.edges.map((e) => e.node);

  it('a drafted stance says DRAFT and its confidence; a hand-written one HAND and 1', async () => {
    const byKind = Object.fromEntries((await stancesOn('')).map((s) => [s.kind, s]));
    expect(byKind.REJECTS).toMatchObject({ method: 'DRAFT', confidence: 0.5 });
    expect(byKind.PROPOSES).toMatchObject({ method: 'HAND', confidence: 1 });
    const varga = await data<{ stances: { edges: { node: Stance }[] } }>(
      '{ stances(actor: "Emil Varga") { edges { node { method confidence } } } }',
    );
    expect(varga.stances.edges.map((e) => e.node)).toEqual([{ method: 'REVIEWED', confidence: 0.9 }]);
  });

  it('minConfidence 0.6 drops the drafted rejection at 0.5; 0.4 keeps it', async () => {
    expect((await stancesOn(', minConfidence: 0.6')).map((s) => s.kind)).toEqual(['PROPOSES']);
    expect((await stancesOn(', minConfidence: 0.4')).map((s) => s.kind).sort()).toEqual([
      'PROPOSES',
      'REJECTS',
    ]);
    const opponents = await data<{ opponents: Stance[] }>(
      '{ low: opponents(of: "harbour-levy", minConfidence: 0.4) { kind } high: opponents(of: "harbour-levy", minConfidence: 0.6) { kind } }',
    );
    expect(opponents).toEqual({ low: [{ kind: 'REJECTS' }], high: [] });
  });

  it('methods keeps only the stances made those ways', async () => {
    expect((await stancesOn(', methods: [DRAFT]')).map((s) => s.kind)).toEqual(['REJECTS']);
    expect((await stancesOn(', methods: [HAND, REVIEWED]')).map((s) => s.kind)).toEqual(['PROPOSES']);
    expect((await stancesOn(', methods: []')).length).toBe(2);
  });

  it('facts, subgraphs and the matrix are narrowed alike', async () => {
    const leads = '{ edges { node { type method confidence to { id } } } }';
    const relations = await data<Record<string, { edges: { node: unknown }[] }>>(
      `{ all: relations(of: "tove-aske", types: [LEADS]) ${leads} sure: relations(of: "tove-aske", types: [LEADS], minConfidence: 0.7) ${leads} }`,
    );
    expect(relations.all.edges.map((e) => e.node)).toEqual([
      { type: 'LEADS', method: 'DRAFT', confidence: 0.6, to: { id: 'brenmoor-council' } },
    ]);
    expect(relations.sure.edges).toEqual([]);
    const edges = async (args: string) =>
      (
        await data<{ neighborhood: { edges: { type: string }[] } }>(
          `{ neighborhood(of: "tove-aske"${args}) { edges { type } } }`,
        )
      ).neighborhood.edges
        .map((e) => e.type)
        .sort();
    expect(await edges('')).toEqual(['LEADS', 'PROPOSES']);
    expect(await edges(', minConfidence: 0.7')).toEqual(['PROPOSES']);
    expect(await edges(', methods: [DRAFT]')).toEqual(['LEADS']);
    const matrix = await data<{ stanceMatrix: { cells: { kinds: string[] }[] } }>(
      '{ all: stanceMatrix(actors: ["shipping-guild"]) { cells { kinds } } }',
    );
    expect(matrix).toEqual({ all: { cells: [{ kinds: ['REJECTS'] }] } });
    const sure = await data<{ stanceMatrix: { cells: unknown[] } }>(
      '{ stanceMatrix(actors: ["shipping-guild"], minConfidence: 0.6) { cells { kinds } } }',
    );
    expect(sure.stanceMatrix.cells).toEqual([]);
  });

  it.each(['1.5', '-0.1'])('minConfidence %s is BAD_USER_INPUT', async (value) => {
    const answer = await post(`{ stances(minConfidence: ${value}) { edges { node { id } } } }`);
    expectRefusal(answer, 400, 'BAD_USER_INPUT');
    expect(answer.body.errors![0].message).toMatch(/minConfidence.*0 to 1/);
  });
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
