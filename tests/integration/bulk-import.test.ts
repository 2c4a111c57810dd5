import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BulkLoadError, bulkLoad } from '../../src/bulk-load';
import { Config, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { InvalidDocumentsError, loadDocuments } from '../../src/ingest/folders';
import { RuntimeError } from '../../src/runtime/runtime-error';
import { RunningNeo4j, freePort, startLocalNeo4j } from '../../src/runtime/neo4j-server';
import { GraphChecksum, graphChecksum } from '../../testkit/checksum';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph } from '../support/harness';

/**
 * `npm run load -- --bulk` against a local Neo4j of its own (a bulk import needs the database's files and
 * stops the DBMS, so it cannot use the harness's): the imported graph equals, by graph checksum, what the
 * transactional loader writes from the same files into the same database, and every refusal and failure
 * leaves the database as it was.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'stancegraph-test';
/** The prefix tools/check-no-jvm.sh looks for: a JVM these tests leave behind fails CI. */
const tempHome = () => mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-'));
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
const quiet = { log: () => {}, report: () => {}, workers: 2 };

async function localConfig(home: string): Promise<Config> {
  return loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_DATABASE: 'neo4j',
    NEO4J_DATA_DIR: home,
    NEO4J_PASSWORD: PASSWORD,
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '128m',
  });
}

const open = (config: Config, uri: string): Database =>
  openDatabase(config, uri, { queryTimeoutMs: 300_000 });

/** What the transactional loader writes from the same folders into the same, emptied, database. */
async function transactionalChecksum(db: Database, paths: string[]): Promise<GraphChecksum> {
  await clearGraph(db);
  await loadDocuments(db, paths, () => {});
  return graphChecksum(db);
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('bulk import of the seed corpus', () => {
  let home: string;
  let config: Config;
  let neo4j: RunningNeo4j | undefined;
  let db: Database | undefined;

  beforeAll(async () => {
    home = tempHome();
    config = await localConfig(home);
  });

  afterAll(async () => {
    await db?.close();
    await neo4j?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('equals the transactional loader by graph checksum', async () => {
    const corpus = path.join(REPO_ROOT, 'corpus');
    const summary = await bulkLoad(config, [corpus], { ...quiet, keepRunning: true });
    neo4j = summary.neo4j;
    db = open(config, summary.uri);
    const bulk = await graphChecksum(db);
    expect(bulk.nodes).toBe(summary.nodes);
    expect(bulk.relationships).toBe(summary.relationships);
    expect(bulk.relationships).toBeGreaterThan(100);
    // The schema the service relies on is there, as the transactional loader leaves it.
    const indexes = await db.read({ name: 'test/indexes', text: 'SHOW INDEXES YIELD name, state' });
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['entity_id', 'entity_names', 'document_aliases', 'sentence_text']),
    );
    expect(new Set(indexes.map((i) => i.state))).toEqual(new Set(['ONLINE']));
    // The transactional loader then finds every document as it would have written it.
    const again = await loadDocuments(db, [corpus], () => {});
    expect(again.documents.map((d) => d.status)).toEqual(again.documents.map(() => 'unchanged'));
    expect(again.counters.relationshipsCreated + again.counters.propertiesSet).toBe(0);
    expect(await transactionalChecksum(db, [corpus])).toEqual(bulk);
  }, 900_000);

  it('refuses while the local Neo4j is run by another process, and changes nothing', async () => {
    const before = await graphChecksum(db!);
    const refusal = bulkLoad(config, [path.join(REPO_ROOT, 'corpus')], quiet);
    await expect(refusal).rejects.toThrow(BulkLoadError);
    await expect(refusal).rejects.toMatchObject({ code: 'BULK_IN_USE' });
    expect(await graphChecksum(db!)).toEqual(before);
  }, 300_000);

  it('refuses a database that is not empty with BULK_NOT_EMPTY, and changes nothing', async () => {
    const before = await graphChecksum(db!);
    await db!.close();
    db = undefined;
    await neo4j!.stop();
    neo4j = undefined;
    const refusal = bulkLoad(config, [path.join(REPO_ROOT, 'corpus')], quiet);
    await expect(refusal).rejects.toMatchObject({
      name: 'BulkLoadError',
      code: 'BULK_NOT_EMPTY',
      message: expect.stringMatching(
        /is not empty: --bulk only loads into an empty one, and nothing was changed/,
      ),
    });
    neo4j = await startLocalNeo4j({
      home,
      boltPort: config.NEO4J_BOLT_PORT,
      httpPort: config.NEO4J_HTTP_PORT,
      password: PASSWORD,
      heap: '512m',
      pageCache: '128m',
      startTimeoutMs: 300_000,
    });
    db = open(config, neo4j.uri);
    expect(await graphChecksum(db)).toEqual(before);
    expect(readdirSync(home).filter((f) => f.startsWith('bulk-import-backup'))).toEqual([]);
  }, 900_000);
});

describe('bulk import of a synthetic corpus', () => {
  it('equals the transactional loader by graph checksum (validated in worker threads)', async () => {
    const corpus = temp('stancegraph-bulk-synthetic-');
    generateCorpus({ documents: 120, out: corpus, seed: 7 });
    const home = tempHome();
    const config = await localConfig(home);
    let neo4j: RunningNeo4j | undefined;
    let db: Database | undefined;
    try {
      const summary = await bulkLoad(config, [corpus], { ...quiet, keepRunning: true });
      neo4j = summary.neo4j;
      expect(summary.documents).toBe(120);
      db = open(config, summary.uri);
      const bulk = await graphChecksum(db);
      expect(bulk.relationships).toBe(summary.relationships);
      expect(await transactionalChecksum(db, [corpus])).toEqual(bulk);
    } finally {
      await db?.close();
      await neo4j?.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 900_000);
});

describe('bulk import failures leave the home as it was', () => {
  it('refuses a corpus with a broken file with the validator’s errors, before any import', async () => {
    const corpus = temp('stancegraph-bulk-broken-');
    generateCorpus({ documents: 3, out: corpus, seed: 3 });
    const broken = readdirSync(corpus).sort()[1];
    writeFileSync(path.join(corpus, broken, 'graph.yaml'), 'document: [unclosed\n');
    const home = tempHome();
    try {
      const lines: string[] = [];
      const refusal = bulkLoad(await localConfig(home), [corpus], {
        ...quiet,
        report: (line) => lines.push(line),
      });
      await expect(refusal).rejects.toThrow(InvalidDocumentsError);
      await expect(refusal).rejects.toThrow(/problem\(s\) in 1 of 3 document\(s\); nothing was loaded/);
      expect(lines.join('\n')).toContain(path.join(broken, 'graph.yaml'));
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('undoes a failed import: a new home is left without a database', async () => {
    const corpus = temp('stancegraph-bulk-seed-');
    cpSync(path.join(REPO_ROOT, 'corpus'), corpus, { recursive: true });
    const home = tempHome();
    try {
      // A heap too small for the JVM to start: the import tool fails after the home was prepared.
      const failure = bulkLoad(await localConfig(home), [corpus], { ...quiet, importHeap: '1k' });
      await expect(failure).rejects.toThrow(RuntimeError);
      await expect(failure).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it.each(['bolt://db.example:7687', 'neo4j://db.example:7687'])(
    'refuses a remote database (NEO4J_URI=%s) with BULK_NOT_LOCAL, before validating',
    async (uri) => {
      const config = loadConfig({ ...process.env, NEO4J_URI: uri });
      await expect(bulkLoad(config, ['no-such-folder'], quiet)).rejects.toMatchObject({
        code: 'BULK_NOT_LOCAL',
        message: expect.stringContaining(`NEO4J_URI is set (${uri})`),
      });
    },
  );
});
