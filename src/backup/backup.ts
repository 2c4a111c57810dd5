import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { version as stancegraphVersion } from '../../package.json';
import { Config } from '../config';
import { cypher } from '../cypher';
import { Database, openDatabase } from '../db/database';
import { exportCorpus } from '../ingest/export';
import { ensureDatabase } from '../runtime/local';
import { dumpDatabase } from '../runtime/neo4j-admin';
import { GraphChecksum, graphChecksum } from './checksum';
import { BackupError } from './errors';
import { LocalServer } from './local';
import {
  DUMP_DIR,
  EXPORT_DIR,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_FILE,
  Manifest,
  describeFiles,
  sealOf,
} from './manifest';

/**
 * `npm run backup`: an online logical backup — the export of every document and the registry
 * (src/ingest/export.ts), read between two graph checksums that must agree — and, when the local Neo4j
 * may be stopped, a `neo4j-admin database dump` beside it. Written into a hidden folder beside the target
 * and renamed into place once the manifest is written: a folder of the target's name is always a whole
 * backup.
 */
export interface BackupOptions {
  out: string;
  /**
   * auto: dump when the local Neo4j is not running (it is started for the export and stopped for the dump);
   * always (--dump): also when it is running — stop it, dump, start it again; never (--no-dump).
   */
  dump: 'auto' | 'always' | 'never';
  log?: (line: string) => void;
  /** Export attempts while writes keep changing the graph (default 3). */
  attempts?: number;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

/** Reads run as long as a large export needs: a backup is no request. */
const TOOL_TIMEOUT_MS = 600_000;

export function defaultBackupDir(config: Config, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return path.join(path.dirname(path.resolve(config.NEO4J_DATA_DIR)), 'backups', `stancegraph-${stamp}`);
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * The export, between two checksums: if they differ, a write landed while it was read and the export may
 * hold half of it, so it is taken again. Returns the export's summary and the checksum it matches.
 */
async function consistentExport(
  db: Database,
  dir: string,
  attempts: number,
  log: (line: string) => void,
): Promise<{ documents: number; registered: number; checksum: GraphChecksum }> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    const before = await graphChecksum(db);
    const summary = await exportCorpus(db, dir, { log });
    const after = await graphChecksum(db);
    if (before.sha256 === after.sha256) return { ...summary, checksum: after };
    log(`the graph changed while it was exported (attempt ${attempt} of ${attempts})`);
  }
  throw new BackupError(
    'BACKUP_INCONSISTENT',
    `the graph changed during each of ${attempts} export attempts (writes are landing): back up when ` +
      'loads are quiet, or stop the writers; nothing was kept',
  );
}

async function sameGraph(db: Database, expected: GraphChecksum): Promise<void> {
  if ((await graphChecksum(db)).sha256 !== expected.sha256) {
    throw new BackupError(
      'BACKUP_INCONSISTENT',
      'the graph changed between the export and the dump (a write landed): back up again when loads are ' +
        'quiet; nothing was kept',
    );
  }
}

async function serverInfo(db: Database): Promise<{ version: string; edition: string }> {
  const [row] = await db.read<{ version: string; edition: string }>({
    name: 'export/server',
    text: cypher('export/server'),
  });
  return { version: String(row?.version ?? 'unknown'), edition: String(row?.edition ?? 'unknown') };
}

export async function backup(config: Config, options: BackupOptions): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);
  if (existsSync(out)) {
    throw new BackupError(
      'BACKUP_TARGET_EXISTS',
      `${out} exists: a backup is never written over another; choose a new folder`,
    );
  }
  const local = !config.NEO4J_URI;
  if (!local && options.dump === 'always') {
    throw new BackupError(
      'DUMP_NOT_LOCAL',
      'NEO4J_URI is set: --dump stops and dumps the local Neo4j only; back up without it (logical only), ' +
        'or dump that server with its own neo4j-admin',
    );
  }
  const server = new LocalServer(config, log);
  const wasRunning = local ? server.pid() : undefined;
  let dumpReason: string | undefined;
  if (!local) dumpReason = 'NEO4J_URI is set: only the local Neo4j is dumped';
  else if (options.dump === 'never') dumpReason = '--no-dump';
  else if (wasRunning !== undefined && options.dump === 'auto')
    dumpReason = `the local Neo4j was running (pid ${wasRunning}); --dump stops it for the dump and starts it again`;

  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = path.join(
    path.dirname(out),
    `.${path.basename(out)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  mkdirSync(tmp);
  const timings: Record<string, number> = {};
  try {
    let started = performance.now();
    const target = await ensureDatabase(config, log);
    timings.connectSeconds = seconds(performance.now() - started);
    started = performance.now();
    let db = openDatabase(config, target.uri, { queryTimeoutMs: TOOL_TIMEOUT_MS });
    let exported;
    let neo4j;
    try {
      neo4j = { ...(await serverInfo(db)), database: config.NEO4J_DATABASE };
      exported = await consistentExport(db, path.join(tmp, EXPORT_DIR), options.attempts ?? 3, log);
      // Once more just before the stop: the dump must hold what the export holds.
      if (dumpReason === undefined) await sameGraph(db, exported.checksum);
    } finally {
      await db.close();
    }
    timings.exportSeconds = seconds(performance.now() - started);
    let dump: Manifest['dump'];
    if (dumpReason === undefined) {
      started = performance.now();
      // Our own instance (started by ensureDatabase) or the running one: either way it stops here.
      await target.release();
      await server.stop();
      try {
        mkdirSync(path.join(tmp, DUMP_DIR));
        log(`neo4j-admin database dump ${config.NEO4J_DATABASE}`);
        await dumpDatabase({ home: server.home, log }, config.NEO4J_DATABASE, path.join(tmp, DUMP_DIR));
      } finally {
        if (wasRunning !== undefined) {
          log('starting the local Neo4j again');
          await server.start(true);
        }
      }
      timings.dumpSeconds = seconds(performance.now() - started);
      if (wasRunning !== undefined) {
        // A write between the last check and the stop would be in the dump and not in the export.
        db = openDatabase(config, server.uri, { queryTimeoutMs: TOOL_TIMEOUT_MS });
        try {
          await sameGraph(db, exported.checksum);
        } finally {
          await db.close();
        }
      }
      dump = { file: `${DUMP_DIR}/${config.NEO4J_DATABASE}.dump`, database: config.NEO4J_DATABASE };
    } else {
      await target.release();
      dump = { file: null, reason: dumpReason };
    }

    const body: Omit<Manifest, 'seal'> = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      created: new Date().toISOString(),
      stancegraph: stancegraphVersion,
      neo4j: neo4j!,
      counts: {
        documents: exported.documents,
        registered: exported.registered,
        nodes: exported.checksum.nodes,
        relationships: exported.checksum.relationships,
      },
      checksum: exported.checksum,
      dump,
      timings,
      files: await describeFiles(tmp),
    };
    const manifest: Manifest = { ...body, seal: sealOf(body) };
    writeFileSync(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(tmp, out);
    log(
      `backup ${out}: ${exported.documents} document(s), ${exported.checksum.nodes} nodes, ` +
        `${exported.checksum.relationships} relationships, checksum ${exported.checksum.sha256.slice(0, 12)}…` +
        (dump.file !== null ? `, dump ${dump.file}` : `, no dump (${dump.reason})`),
    );
    return { dir: out, manifest };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
