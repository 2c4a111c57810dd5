import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../src/domain/errors';
import { loadDocuments } from '../../src/ingest/folders';
import { operation } from '../../src/operations';
import { DriverTransaction, recordDriverTransactions } from '../support/access-modes';
import { readHarnessState, restartHarnessNeo4j } from '../support/harness';
import { Answer, postJson } from '../support/requests';
import { TRAVERSALS } from '../support/traversals';
import { TestService, startTestService } from '../support/service';

/**
 * Ready for a cluster, on the one Neo4j the harness has: the service's driver over neo4j:// (routing), the
 * access mode of every transaction it opens, read-your-writes through the shared bookmark manager, and a
 * restart of that Neo4j survived by the retries. What a single server cannot show (a leader switch, a lagging
 * replica) is listed in docs/deployment.md.
 */
const WRITE = 'test-write-token-0123456789abcdef';
const LOAD_DOCUMENT = operation('load-document');
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const VALID = {
  article: readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8'),
  annotation: readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8'),
};
const TOY = path.join(__dirname, 'fixtures', 'ingest', 'toy-fishing-truce');
const note = (line: string) => process.stderr.write(`[cluster-ready] ${line}\n`);

/** Every named traversal and the other root fields that read the graph. */
const READS = TRAVERSALS;

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({
    STANCEGRAPH_WRITE_TOKEN: WRITE,
    // Long enough for a load sent while the harness's Neo4j is down to outlast its restart (~10-30 s here).
    NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: '180000',
  });
}, 120_000);
afterAll(async () => svc?.close());

const ask = (query: string): Promise<Answer> => postJson(`${svc.url}/graphql`, { query });
const load = (variables: { article: string; annotation: string }): Promise<Answer> =>
  postJson(`${svc.url}/graphql`, { query: LOAD_DOCUMENT, variables }, { authorization: `Bearer ${WRITE}` });

function expectAnswered(name: string, answer: Answer) {
  expect({ name, status: answer.status, errors: answer.body.errors }).toEqual({
    name,
    status: 200,
    errors: undefined,
  });
}

describe('the driver over neo4j://', () => {
  it('the harness and the service use the routing scheme', () => {
    const { uri, local } = readHarnessState();
    // NEO4J_URI may name any Neo4j; the harness's own one is always reached over neo4j://.
    if (local) expect(uri).toMatch(/^neo4j:\/\/127\.0\.0\.1:\d+$/);
    // The driver's own flag: a routing driver fetches routing tables and routes by access mode.
    const driver = svc.db.driver as unknown as { _supportsRouting(): boolean };
    expect(driver._supportsRouting()).toBe(uri.startsWith('neo4j'));
  });

  it('every read runs as READ, every write in a managed WRITE transaction, all sharing the bookmarks', async () => {
    const recorder = recordDriverTransactions(svc.db);
    const reported: { name: string; mode: string }[] = [];
    const unwatch = svc.db.onQuery((query, mode) => reported.push({ name: query.name, mode }));
    try {
      for (const [name, query] of Object.entries(READS)) expectAnswered(name, await ask(query));
      const loaded = await load(VALID);
      expectAnswered('loadDocument', loaded);
      await loadDocuments(svc.db, [TOY], () => {});
      for (const [name, query] of Object.entries(READS)) expectAnswered(name, await ask(query));
    } finally {
      unwatch();
      recorder.stop();
    }
    const txs = recorder.transactions;
    const summary = (t: DriverTransaction) => `${t.api} ${t.mode} ${t.name}`;
    const kinds = new Set(txs.map((t) => `${t.api} ${t.mode}`));
    const writes = [
      ...new Set(txs.filter((t) => t.mode === 'WRITE').map((t) => t.name.replace(/#\d+$/, ''))),
    ];
    note(`${txs.length} transactions: ${[...kinds].join(', ')}; writes: ${writes.join(', ')}`);
    // Auto-commit statements only in READ sessions, writes only through executeWrite: nothing else.
    expect([...kinds].sort()).toEqual(['executeWrite WRITE', 'run READ']);
    expect(txs.filter((t) => !t.sharedBookmarks).map(summary)).toEqual([]);
    // Every statement the Database reported as a read was sent in a READ transaction of its name…
    const readNames = new Set(reported.filter((r) => r.mode === 'READ').map((r) => r.name));
    const readTxNames = new Set(txs.filter((t) => t.mode === 'READ').map((t) => t.name));
    expect([...readNames].filter((n) => !readTxNames.has(n))).toEqual([]);
    // …and a representative set it was: every traversal's named query, and the loads' writes.
    expect(readNames.size).toBeGreaterThanOrEqual(Object.keys(READS).length);
    expect(txs.filter((t) => t.mode === 'WRITE').map((t) => t.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^schema\//), expect.stringMatching(/^ingest\//)]),
    );
  }, 120_000);

  it('READ reaches the server: a write sent as a read is refused by Neo4j', async () => {
    const failure = await svc.db
      .read({ name: 'test/write-as-read', text: 'CREATE (:AccessModeProbe) RETURN 1 AS one' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(ServiceError);
    const cause = (failure as ServiceError).originalError as { code?: string } | undefined;
    expect(cause?.code).toBe('Neo.ClientError.Statement.AccessMode');
    const [row] = await svc.db.read<{ n: number }>({
      name: 'test/probe-count',
      text: 'MATCH (p:AccessModeProbe) RETURN count(p) AS n',
    });
    expect(row.n).toBe(0);
  });
});

describe('read-your-writes across sessions and requests', () => {
  it('a load in one request, a read in the next: the read starts from the load’s bookmark and sees it', async () => {
    const recorder = recordDriverTransactions(svc.db);
    let answer: Answer;
    try {
      const second = VALID.annotation.replace('id: valid', 'id: valid-bookmarks');
      expectAnswered('loadDocument', await load({ ...VALID, annotation: second }));
      answer = await ask('{ document(id: "valid-bookmarks") { id } }');
    } finally {
      recorder.stop();
    }
    expectAnswered('document', answer);
    expect(answer.body.data).toEqual({ document: { id: 'valid-bookmarks' } });
    const txs = recorder.transactions;
    const commit = txs.filter((t) => t.api === 'executeWrite').at(-1)!;
    expect(commit.bookmarksAfter?.length).toBeGreaterThan(0);
    // The read of the second request ran on a session of its own, opened with the commit's bookmark.
    const read = txs.filter((t) => t.mode === 'READ').at(-1)!;
    expect(txs.indexOf(read)).toBeGreaterThan(txs.indexOf(commit));
    expect(await read.bookmarksAtOpen).toEqual(expect.arrayContaining(commit.bookmarksAfter!));
    expect(await svc.db.bookmarkManager.getBookmarks()).toBeDefined();
  }, 60_000);
});

describe('a restart of Neo4j in the middle of the run', () => {
  it('a load sent while it is down completes once it is back; reads and loads then work, no service restart', async () => {
    for (const [name, query] of Object.entries(READS)) expectAnswered(name, await ask(query));
    const before = Object.fromEntries(
      await Promise.all(Object.entries(READS).map(async ([name, q]) => [name, (await ask(q)).body.data])),
    );
    let outageRead: Answer | undefined;
    const restart = await restartHarnessNeo4j(() => {
      const started = performance.now();
      const loading = loadDocuments(svc.db, [TOY], () => {}).then((summary) => ({
        summary,
        ms: performance.now() - started,
      }));
      // Reads are not held for the database: a request during the outage is answered 503 at once.
      void ask('{ documents(first: 200) { edges { node { id } } } }').then((answer) => (outageRead = answer));
      return loading;
    });
    if (!restart) {
      note('NEO4J_URI names a Neo4j the harness does not own: no restart');
      return;
    }
    const { summary, ms } = await restart.duringOutage;
    note(
      `Neo4j down and back in ${restart.downMs.toFixed(0)} ms; the load sent meanwhile committed after ` +
        `${ms.toFixed(0)} ms (${summary.documents.map((d) => d.status).join(', ')})`,
    );
    expect(outageRead?.status).toBe(503);
    expect(outageRead?.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // The same answers as before, through the same service and driver.
    for (const [name, query] of Object.entries(READS)) {
      const answer = await ask(query);
      expectAnswered(name, answer);
      expect({ name, data: answer.body.data }).toEqual({ name, data: before[name] });
    }
    const reloaded = await load({
      ...VALID,
      annotation: VALID.annotation.replace('id: valid', 'id: valid-after-restart'),
    });
    expectAnswered('loadDocument', reloaded);
    const documents = await ask('{ documents(first: 200) { edges { node { id } } } }');
    const ids = (
      documents.body.data as { documents: { edges: { node: { id: string } }[] } }
    ).documents.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining(['toy-fishing-truce', 'valid-after-restart']));
  }, 300_000);
});
