import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backup } from '../../src/backup/backup';
import { graphChecksum as backupChecksum } from '../../src/backup/checksum';
import { BackupError, BackupErrorCode } from '../../src/backup/errors';
import { LocalServer } from '../../src/backup/local';
import { Manifest } from '../../src/backup/manifest';
import { restore } from '../../src/backup/restore';
import { Config, REPO_ROOT, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { loadDocuments } from '../../src/ingest/folders';
import { createLogger } from '../../src/logger';
import { operation } from '../../src/operations';
import { freePort, killAndWait, runningPid } from '../../src/runtime/neo4j-server';
import { Service, startService } from '../../src/server';
import { GraphChecksum, graphChecksum } from '../../testkit/checksum';
import { postJson } from '../support/requests';

/**
 * The backup drill (issue 18): a Neo4j of this file's own, in a temp home that the backup may stop and
 * start, as it does the local one in NEO4J_DATA_DIR. A document arrives through the loadDocument mutation,
 * a backup is taken (with a neo4j-admin dump), the data folder is wiped, the restore must give the same
 * graph checksum; damaged backups are refused and leave the database as it was.
 */
jest.setTimeout(900_000);

const WRITE = 'test-write-token-backup-0123456789';
const SENT = path.join(REPO_ROOT, 'tests', 'unit', 'fixtures', 'valid');
/** tools/check-no-jvm.sh fails CI on a JVM left in a home of this prefix. */
const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-'));
const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-backup-'));
const lines: string[] = [];
const log = (line: string) => lines.push(line);

let config: Config;
let server: LocalServer;
let original: GraphChecksum;
let backupDir: string;
let manifest: Manifest;

async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(config, server.uri, { queryTimeoutMs: 120_000 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const checksum = () => withDb(graphChecksum);

async function refused(work: Promise<unknown>): Promise<BackupErrorCode> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BackupError)) throw error ?? new Error('not refused');
  return error.code;
}

beforeAll(async () => {
  config = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_DATA_DIR: home,
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_PASSWORD: 'stancegraph-backup-test',
    NEO4J_HEAP: '384m',
    NEO4J_PAGECACHE: '64m',
    STANCEGRAPH_WRITE_TOKEN: WRITE,
    PORT: '0',
  });
  server = new LocalServer(config, log);
  // Detached, as `npm run neo4j:start` leaves the development instance: the backup stops it and starts it again.
  await server.start(true);

  // The seed corpus from files, and one document only ever sent through the mutation.
  const db = openDatabase(config, server.uri);
  let service: Service | undefined;
  try {
    await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
    service = await startService({ config, db, logger: createLogger('silent') });
    const answer = await postJson(
      `${service.url}/graphql`,
      {
        query: operation('load-document'),
        variables: {
          article: readFileSync(path.join(SENT, 'article.txt'), 'utf8'),
          annotation: readFileSync(path.join(SENT, 'graph.yaml'), 'utf8'),
        },
      },
      { authorization: `Bearer ${WRITE}` },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.loadDocument).toMatchObject({ documentId: 'valid', status: 'CREATED' });
    original = await graphChecksum(db);
  } finally {
    await service?.close();
    await db.close();
  }
});

afterAll(async () => {
  const pid = runningPid(home);
  if (pid !== undefined) await killAndWait(pid);
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('the backup checksum is the test kit’s graph checksum', async () => {
    expect(original.nodes).toBeGreaterThan(0);
    expect(await withDb(backupChecksum)).toEqual(original);
  });

  it('writes export, dump and a manifest whose checksum is the graph’s; the running server is back', async () => {
    const pidBefore = server.pid();
    backupDir = path.join(work, 'backup-1');
    ({ manifest } = await backup(config, { out: backupDir, dump: 'always', log }));
    expect(manifest.checksum).toEqual(original);
    expect(manifest.counts).toMatchObject({ documents: 2, nodes: original.nodes });
    expect(manifest.dump).toEqual({ file: 'dump/neo4j.dump', database: 'neo4j' });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['dump/neo4j.dump', 'export/entities.yaml', 'export/valid/graph.yaml']),
    );
    // Stopped for the dump and started again, detached, with the same graph.
    expect(server.pid()).toBeDefined();
    expect(server.pid()).not.toBe(pidBefore);
    expect(await checksum()).toEqual(original);
    // Nothing but the backup in its parent: the temp folder was renamed into place.
    expect(readdirSync(work)).toEqual(['backup-1']);
  });

  it('never writes over a backup; a failed backup leaves no folder behind', async () => {
    expect(await refused(backup(config, { out: backupDir, dump: 'never' }))).toBe('BACKUP_TARGET_EXISTS');
    // A document that cannot be exported (loaded before documents kept their annotation) fails the export.
    await withDb((db) =>
      db.write('test/unexportable', (tx) =>
        tx.run({ name: 'test/unexportable', text: "CREATE (:Document {id: 'zz-old', sha256: 'x'})" }),
      ),
    );
    try {
      const out = path.join(work, 'backup-failed');
      await expect(backup(config, { out, dump: 'never' })).rejects.toThrow(/cannot be exported/);
      expect(readdirSync(work)).toEqual(['backup-1']);
    } finally {
      await withDb((db) =>
        db.write('test/unexportable-delete', (tx) =>
          tx.run({ name: 'test/unexportable-delete', text: "MATCH (d:Document {id: 'zz-old'}) DELETE d" }),
        ),
      );
    }
    expect(await checksum()).toEqual(original);
  });
});

describe('a damaged or partial backup is refused and the database is left as it was', () => {
  const damaged = (name: string, harm: (dir: string) => void) => {
    const dir = path.join(work, name);
    cpSync(backupDir, dir, { recursive: true });
    harm(dir);
    return dir;
  };
  const flipByte = (file: string, at: number) => {
    const bytes = readFileSync(file);
    bytes[at] ^= 0x01;
    writeFileSync(file, bytes);
  };

  it.each<[string, BackupErrorCode, (dir: string) => void]>([
    [
      'a flipped byte in the dump',
      'BACKUP_FILE_CORRUPT',
      (d) => flipByte(path.join(d, 'dump', 'neo4j.dump'), 100),
    ],
    [
      'a flipped byte in an article',
      'BACKUP_FILE_CORRUPT',
      (d) => flipByte(path.join(d, 'export', 'valid', 'article.txt'), 10),
    ],
    ['a missing file', 'BACKUP_FILE_MISSING', (d) => rmSync(path.join(d, 'export', 'valid', 'graph.yaml'))],
    [
      'a truncated dump',
      'BACKUP_FILE_CORRUPT',
      (d) => truncateSync(path.join(d, 'dump', 'neo4j.dump'), 1000),
    ],
    [
      'a truncated manifest',
      'BACKUP_MANIFEST_INVALID',
      (d) => truncateSync(path.join(d, 'manifest.json'), 200),
    ],
    [
      'a changed manifest that is still JSON',
      'BACKUP_MANIFEST_INVALID',
      (d) => {
        const file = path.join(d, 'manifest.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"documents": 2', '"documents": 3'));
      },
    ],
    [
      'no manifest (a backup never finished)',
      'BACKUP_MANIFEST_MISSING',
      (d) => rmSync(path.join(d, 'manifest.json')),
    ],
    [
      'a document folder the manifest does not list',
      'BACKUP_UNEXPECTED_FILE',
      (d) => cpSync(path.join(d, 'export', 'valid'), path.join(d, 'export', 'valid-2'), { recursive: true }),
    ],
  ])('%s: %s', async (name, code, harm) => {
    const dir = damaged(name.replace(/\W+/g, '-'), harm);
    const pid = server.pid();
    expect(await refused(restore(config, { backup: dir, replace: true, log }))).toBe(code);
    // Refused before the database was touched: same server process, same graph.
    expect(server.pid()).toBe(pid);
    expect(await checksum()).toEqual(original);
  });

  it('a manifest with bytes appended after it is refused too', async () => {
    const dir = damaged('appended', (d) => appendFileSync(path.join(d, 'manifest.json'), 'x'));
    expect(await refused(restore(config, { backup: dir, replace: true }))).toBe('BACKUP_MANIFEST_INVALID');
    expect(await checksum()).toEqual(original);
  });

  it('a sound backup over a database with data needs --replace', async () => {
    expect(await refused(restore(config, { backup: backupDir }))).toBe('RESTORE_NOT_EMPTY');
    expect(await checksum()).toEqual(original);
  });
});

describe('the drill: wipe the data folder, restore, same graph', () => {
  it('from the dump (neo4j-admin database load)', async () => {
    await server.stop();
    rmSync(path.join(home, 'data'), { recursive: true, force: true });
    const result = await restore(config, { backup: backupDir, log });
    expect(result.method).toBe('dump');
    expect(result.checksum).toEqual(original);
    // The restore leaves the server as it found it (stopped); started again, it serves the same graph.
    expect(server.pid()).toBeUndefined();
    await server.start(true);
    expect(await checksum()).toEqual(original);
    expect(existsSync(server.asideDir)).toBe(false);
  });

  it('from the export (the loader) with --replace, over a changed database', async () => {
    await withDb((db) =>
      db.write('test/change', (tx) =>
        tx.run({ name: 'test/change', text: "MATCH (e:Entity {id: 'putin'}) SET e.name = 'changed'" }),
      ),
    );
    expect((await checksum()).sha256).not.toBe(original.sha256);
    const result = await restore(config, { backup: backupDir, logical: true, replace: true, log });
    expect(result.method).toBe('logical');
    expect(await checksum()).toEqual(original);
    expect(server.pid()).toBeDefined();
    expect(existsSync(server.asideDir)).toBe(false);
  });
});
