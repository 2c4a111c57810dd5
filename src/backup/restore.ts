import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Config } from '../config';
import { cypher } from '../cypher';
import { Database, openDatabase } from '../db/database';
import { loadDocuments } from '../ingest/folders';
import { ensureDatabase } from '../runtime/local';
import { loadDatabase, setInitialPassword } from '../runtime/neo4j-admin';
import { backup } from './backup';
import { GraphChecksum, graphChecksum } from './checksum';
import { BackupError } from './errors';
import { LocalServer } from './local';
import { EXPORT_DIR, Manifest, verifyBackup } from './manifest';

/**
 * `npm run restore -- <backup>`: checks the whole backup first (manifest, seal, every file's size and
 * sha256; src/backup/manifest.ts) and refuses a damaged or partial one before touching the database. Then:
 *
 * - dump: the backup has one, the target is the local Neo4j and --logical was not given. The server is
 *   stopped, its database's store folders are renamed aside, `neo4j-admin database load
 *   --overwrite-destination` writes the dump, the server starts and the graph checksum must be the
 *   manifest's; on any failure the loaded store is dropped and the one set aside is renamed back.
 * - logical: the export is loaded with the ordinary loader. Into an empty database directly (a failure
 *   clears it again: it was empty). Over a non-empty one only with --replace, and then: on the local Neo4j,
 *   its store is set aside as above and the load goes into a fresh empty database; on a remote one
 *   (NEO4J_URI), a logical backup of what is there is taken first, the graph cleared, the export loaded,
 *   and on failure the graph is cleared and that backup loaded back.
 *
 * Either way the restored graph's checksum is compared with the manifest's before the old database is
 * let go.
 */
export interface RestoreOptions {
  backup: string;
  /** Restore over a database that holds data. */
  replace?: boolean;
  /** Load the logical export even when the backup has a dump. */
  logical?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  method: 'dump' | 'logical';
  checksum: GraphChecksum;
  seconds: number;
}

const TOOL_TIMEOUT_MS = 600_000;

async function nodeCount(db: Database): Promise<number> {
  const [row] = await db.read<{ nodes: number }>({ name: 'export/count', text: cypher('export/count') });
  return Number(row?.nodes ?? 0);
}

/** Deletes the whole graph in batches (auto-commit: CALL … IN TRANSACTIONS cannot run in a transaction). */
async function clearGraph(db: Database): Promise<void> {
  await db.writeAutoCommit({
    name: 'restore/clear',
    text: 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
  });
}

async function expectChecksum(db: Database, manifest: Manifest): Promise<GraphChecksum> {
  const got = await graphChecksum(db);
  if (got.sha256 !== manifest.checksum.sha256) {
    throw new BackupError(
      'RESTORE_CHECKSUM_MISMATCH',
      `the restored graph (${got.nodes} nodes, ${got.relationships} relationships, ${got.sha256.slice(0, 12)}…) ` +
        `is not the backed-up one (${manifest.checksum.nodes} nodes, ${manifest.checksum.relationships} ` +
        `relationships, ${manifest.checksum.sha256.slice(0, 12)}…)`,
    );
  }
  return got;
}

async function loadExport(db: Database, dir: string, log: (line: string) => void): Promise<void> {
  await loadDocuments(db, [path.join(dir, EXPORT_DIR)], log);
}

export async function restore(config: Config, options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const dir = path.resolve(options.backup);
  const manifest = await verifyBackup(dir);
  log(
    `backup ${dir} checked: ${manifest.files.length} file(s), ${manifest.counts.documents} document(s), ` +
      `${manifest.checksum.nodes} nodes, ${manifest.checksum.relationships} relationships`,
  );
  const local = !config.NEO4J_URI;
  const server = new LocalServer(config, log);
  if (local && existsSync(server.asideDir)) {
    throw new BackupError(
      'RESTORE_INTERRUPTED',
      `${server.asideDir} holds the database an interrupted restore replaced. Stop the local Neo4j ` +
        '(npm run neo4j:stop), then either move its folders back over data/databases/<db> and ' +
        'data/transactions/<db>, or remove it to keep what is in place; nothing was restored',
    );
  }
  const useDump = manifest.dump.file !== null && local && !options.logical;
  const wasRunning = local ? server.pid() : undefined;

  // A local store that does not exist (a new or wiped data folder) is empty: no start needed to count it.
  const noStore =
    local && wasRunning === undefined && !existsSync(server.storeDirs(config.NEO4J_DATABASE)[0]);
  if (useDump && noStore)
    return fromStore(config, manifest, dir, server, { useDump, wasRunning }, log, started);

  const target = await ensureDatabase(config, log);
  const db = openDatabase(config, target.uri, { queryTimeoutMs: TOOL_TIMEOUT_MS });
  let count: number;
  try {
    count = await nodeCount(db);
  } catch (error) {
    await db.close();
    await target.release();
    throw error;
  }
  if (count > 0 && !options.replace) {
    await db.close();
    await target.release();
    throw new BackupError(
      'RESTORE_NOT_EMPTY',
      `the database holds ${count} node(s): give --replace to restore over it (it is kept until the ` +
        'restored graph is verified); nothing was changed',
    );
  }

  // Into an empty database, logically: load; a failure leaves it as it was by clearing it again.
  if (!useDump && (count === 0 || !local)) {
    try {
      return await intoDatabase(config, manifest, dir, db, target.uri, count, log, started);
    } finally {
      await target.release();
    }
  }
  await db.close();
  await target.release();
  return fromStore(config, manifest, dir, server, { useDump, wasRunning }, log, started);
}

/**
 * The logical export into the database the service uses: directly when it is empty (a failure clears it
 * again); over data (a remote Neo4j with --replace) after a logical backup of what is there, which is loaded
 * back if the restore fails.
 */
async function intoDatabase(
  config: Config,
  manifest: Manifest,
  dir: string,
  db: Database,
  uri: string,
  count: number,
  log: (line: string) => void,
  started: number,
): Promise<RestoreResult> {
  let safety: string | undefined;
  try {
    if (count > 0) {
      safety = mkdtempSync(path.join(path.dirname(dir), '.pre-restore-'));
      rmSync(safety, { recursive: true });
      log(`backing up the database being replaced to ${safety}`);
      await db.close();
      await backup(config, { out: safety, dump: 'never', log });
      db = openDatabase(config, uri, { queryTimeoutMs: TOOL_TIMEOUT_MS });
    }
    try {
      if (safety) await clearGraph(db);
      await loadExport(db, dir, log);
      const checksum = await expectChecksum(db, manifest);
      if (safety) rmSync(safety, { recursive: true, force: true });
      return { method: 'logical', checksum, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      log(`restore failed (${(error as Error).message.split('\n')[0]}): putting the database back`);
      await clearGraph(db);
      if (safety) {
        await loadExport(db, safety, log);
        log(`the previous database is back; its backup stays in ${safety}`);
      }
      throw error;
    }
  } finally {
    await db.close();
  }
}

/**
 * On the local Neo4j, by store folders: the server is stopped, the database's store renamed aside, the
 * dump loaded (or, logically, a fresh empty database started and the export loaded into it), the checksum
 * compared; the store set aside is dropped only then, and renamed back on any failure. The server is left
 * as it was found: running (detached) if it was, else stopped.
 */
async function fromStore(
  config: Config,
  manifest: Manifest,
  dir: string,
  server: LocalServer,
  { useDump, wasRunning }: { useDump: boolean; wasRunning: number | undefined },
  log: (line: string) => void,
  started: number,
): Promise<RestoreResult> {
  await server.stop();
  server.moveAside(config.NEO4J_DATABASE);
  let restarted = false;
  try {
    if (useDump && manifest.dump.file !== null) {
      const dumpDir = path.dirname(path.join(dir, ...manifest.dump.file.split('/')));
      log(`neo4j-admin database load ${config.NEO4J_DATABASE} --overwrite-destination`);
      await loadDatabase({ home: server.home, log }, config.NEO4J_DATABASE, dumpDir);
      // A new or wiped data folder has no system database: the first start creates it with this password.
      if (!existsSync(path.join(server.home, 'data', 'databases', 'system')))
        await setInitialPassword({ home: server.home, log }, config.NEO4J_PASSWORD);
    }
    await server.start(wasRunning !== undefined);
    restarted = true;
    const db = openDatabase(config, server.uri, { queryTimeoutMs: TOOL_TIMEOUT_MS });
    try {
      if (!useDump) await loadExport(db, dir, log);
      const checksum = await expectChecksum(db, manifest);
      server.dropAside();
      return {
        method: useDump ? 'dump' : 'logical',
        checksum,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await db.close();
    }
  } catch (error) {
    log(`restore failed (${(error as Error).message.split('\n')[0]}): putting the database back`);
    if (restarted) await server.stop();
    server.putBack(config.NEO4J_DATABASE);
    if (wasRunning !== undefined) await server.start(true);
    throw error;
  } finally {
    // An instance this process started is stopped, as every command leaves it.
    if (wasRunning === undefined && restarted) await server.stop();
  }
}
