import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config } from './config';
import { Database, openDatabase } from './db/database';
import { WrittenCsv, importArguments, writeCsv } from './ingest/bulk/csv';
import { databaseIsEmpty, finishImport } from './ingest/bulk/finish';
import { ValidCorpus, validateCorpusInThreads } from './ingest/folders';
import { registryRow } from './ingest/plan';
import { StoreBackup, isDetachedInstance, runImportTool } from './runtime/neo4j-import';
import {
  RunningNeo4j,
  killAndWait,
  localNeo4jUri,
  portInUse,
  prepareHome,
  runningPid,
  startLocalNeo4j,
} from './runtime/neo4j-server';
import { resolveJars } from './runtime/java';

/**
 * `npm run load -- --bulk <dir>`: a corpus into an empty local database through `neo4j-admin database
 * import full` — the validator and plans of the transactional loader, written as the import tool's CSV
 * (src/ingest/bulk), imported with the DBMS stopped, then the schema of cypher/schema. An entry point like
 * cli.ts: it drives both the ingest code and the local Neo4j's processes (src/runtime).
 */

export type BulkLoadErrorCode =
  /** The database holds data: a bulk import would replace it. Nothing was changed. */
  | 'BULK_NOT_EMPTY'
  /** NEO4J_URI is set, or NEO4J_DATABASE is not the local Neo4j's database: the import tool needs its files. */
  | 'BULK_NOT_LOCAL'
  /** The local Neo4j is run by another process (a running service): stopping it would pull the database from under it. */
  | 'BULK_IN_USE';

export class BulkLoadError extends Error {
  constructor(
    readonly code: BulkLoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BulkLoadError';
  }
}

export interface BulkLoadOptions {
  log?: (line: string) => void;
  /** Problems of the documents (the validator's report). */
  report?: (line: string) => void;
  /** Leave the Neo4j this load started running, and hand it back (benchmarks, tests). */
  keepRunning?: boolean;
  /** Validation threads (default: the machine's cores). */
  workers?: number;
  /** The import tool's JVM heap and off-heap bound. */
  importHeap?: string;
  importOffHeap?: string;
  /** Write the CSV here (an empty folder) and keep it; by default a temporary folder, removed at the end. */
  csvDir?: string;
  /** Give up waiting for the local Neo4j to answer after this long (a loaded machine is slow to start a JVM). */
  startTimeoutMs?: number;
}

export interface BulkLoadTimings {
  validateMs: number;
  csvMs: number;
  /** Finding the database empty (and stopping it for the import when it was running). */
  checkMs: number;
  /** The import tool's run, JVM start to exit. */
  importMs: number;
  /** What the import tool itself reports ("IMPORT DONE in …"). */
  importToolMs: number;
  startMs: number;
  /** Empty lists the CSV cannot hold, then constraints and indexes, populated. */
  finishMs: number;
  totalMs: number;
}

export interface BulkLoadSummary {
  documents: number;
  nodes: number;
  relationships: number;
  csvBytes: number;
  csvFiles: number;
  fixed: number;
  timings: BulkLoadTimings;
  /** What the import tool was given after `database import full` (files, options, database). */
  importArguments: string[];
  /** With keepRunning: the Neo4j it started, still running (the caller stops it). */
  neo4j?: RunningNeo4j;
  uri: string;
}

const since = (t: number) => Date.now() - t;

/**
 * Bulk-loads the documents under paths into the local Neo4j of NEO4J_DATA_DIR, which must hold no node.
 * Refuses (BulkLoadError) a remote or non-empty database before anything is written; on any later failure
 * the database's store is put back as it was and a Neo4j that was running runs again. The CSV goes to a
 * temporary folder, removed in every case.
 */
export async function bulkLoad(
  config: Config,
  paths: string[],
  options: BulkLoadOptions = {},
): Promise<BulkLoadSummary> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  if (config.NEO4J_URI) {
    throw new BulkLoadError(
      'BULK_NOT_LOCAL',
      `--bulk writes the database's files with neo4j-admin, so it works only on the project's local Neo4j ` +
        `(NEO4J_DATA_DIR), and NEO4J_URI is set (${config.NEO4J_URI}). Unset NEO4J_URI, or load without --bulk.`,
    );
  }
  if (config.NEO4J_DATABASE !== 'neo4j') {
    throw new BulkLoadError(
      'BULK_NOT_LOCAL',
      `--bulk imports into the local Neo4j's database "neo4j"; NEO4J_DATABASE is "${config.NEO4J_DATABASE}".`,
    );
  }
  const home = path.resolve(config.NEO4J_DATA_DIR);
  const database = config.NEO4J_DATABASE;

  let t = Date.now();
  // Nothing else runs meanwhile: every core validates (the transactional stream keeps one for Neo4j).
  const corpus: ValidCorpus = await validateCorpusInThreads(
    paths,
    options.report,
    options.workers ?? os.availableParallelism(),
  );
  const validateMs = since(t);
  log(`validated ${corpus.plans.length} document(s) in ${validateMs} ms`);

  const csvDir = options.csvDir ?? mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-'));
  try {
    t = Date.now();
    const csv = writeCsv(
      {
        plans: corpus.plans,
        registries: corpus.registries.map((r) => [...r.byId.values()].map(registryRow)),
      },
      csvDir,
    );
    const csvMs = since(t);
    log(
      `wrote ${csv.counts.nodes} nodes and ${csv.counts.relationships} relationships as CSV ` +
        `(${(csv.bytes / 1e6).toFixed(1)} MB, ${csv.files.length} files) in ${csvMs} ms`,
    );

    t = Date.now();
    const lib = await resolveJars(log);
    const neo4jOptions = {
      home,
      boltPort: config.NEO4J_BOLT_PORT,
      httpPort: config.NEO4J_HTTP_PORT,
      password: config.NEO4J_PASSWORD,
      heap: config.NEO4J_HEAP,
      pageCache: config.NEO4J_PAGECACHE,
      startTimeoutMs: options.startTimeoutMs ?? 300_000,
      log,
    };
    const openLocal = (uri: string): Database => openDatabase(config, uri, { queryTimeoutMs: 600_000 });
    const mustBeEmpty = async (uri: string) => {
      const db = openLocal(uri);
      try {
        if (!(await databaseIsEmpty(db))) {
          throw new BulkLoadError(
            'BULK_NOT_EMPTY',
            `the database "${database}" in ${home} is not empty: --bulk only loads into an empty one, and ` +
              'nothing was changed. Load without --bulk to add documents, or remove the data folder ' +
              `(${path.join(home, 'data')}) to start afresh.`,
          );
        }
      } finally {
        await db.close();
      }
    };
    // Whether a Neo4j must run again once the import is over, detached as `npm run neo4j:start` left it.
    let restartDetached = false;
    const running = runningPid(home);
    if (running !== undefined) {
      if (!isDetachedInstance(running)) {
        throw new BulkLoadError(
          'BULK_IN_USE',
          `the local Neo4j in ${home} (pid ${running}) belongs to a running process such as \`npm start\`: ` +
            'stop that first; --bulk must stop Neo4j to import.',
        );
      }
      await mustBeEmpty(localNeo4jUri(config.NEO4J_BOLT_PORT));
      log(`stopping the development Neo4j (pid ${running}) for the import; it is started again after it`);
      await killAndWait(running);
      restartDetached = true;
    } else if (existsSync(path.join(home, 'data', 'databases', database))) {
      log('starting the local Neo4j to see that its database is empty');
      const probe = await startLocalNeo4j(neo4jOptions);
      try {
        await mustBeEmpty(probe.uri);
      } finally {
        await probe.stop();
      }
    }
    for (const [port, variable] of [
      [config.NEO4J_BOLT_PORT, 'NEO4J_BOLT_PORT'],
      [config.NEO4J_HTTP_PORT, 'NEO4J_HTTP_PORT'],
    ] as const) {
      if (await portInUse(port)) {
        if (restartDetached) await startLocalNeo4j({ ...neo4jOptions, detached: true });
        throw new BulkLoadError(
          'BULK_IN_USE',
          `port ${port} (${variable}) is in use on 127.0.0.1, so Neo4j could not start after the import; ` +
            'nothing was changed. Stop what holds it or set another port.',
        );
      }
    }
    const checkMs = since(t);

    const before = StoreBackup.inspect(home);
    await prepareHome(lib, home, config.NEO4J_PASSWORD);
    const backup = StoreBackup.take(home, database, before);
    let neo4j: RunningNeo4j | undefined;
    try {
      const imported = await importInto(home, csv, database, options, log);
      t = Date.now();
      neo4j = await startLocalNeo4j({ ...neo4jOptions, detached: restartDetached });
      const startMs = since(t);
      t = Date.now();
      const db = openLocal(neo4j.uri);
      let fixed: number;
      try {
        fixed = await finishImport(db, csv.fixups, log);
      } finally {
        await db.close();
      }
      const finishMs = since(t);
      log(`schema applied and indexes online in ${finishMs} ms`);
      backup.discard();
      const keep = options.keepRunning || restartDetached;
      if (!keep) await neo4j.stop();
      const summary: BulkLoadSummary = {
        documents: csv.counts.documents,
        nodes: csv.counts.nodes,
        relationships: csv.counts.relationships,
        csvBytes: csv.bytes,
        csvFiles: csv.files.length,
        fixed,
        timings: {
          validateMs,
          csvMs,
          checkMs,
          importMs: imported.wallMs,
          importToolMs: imported.toolMs,
          startMs,
          finishMs,
          totalMs: since(started),
        },
        importArguments: importArguments(csv, database),
        neo4j: options.keepRunning && !restartDetached ? neo4j : undefined,
        uri: neo4j.uri,
      };
      log(
        `bulk-loaded ${summary.documents} document(s): ${summary.nodes} nodes, ${summary.relationships} ` +
          `relationships in ${(summary.timings.totalMs / 1000).toFixed(1)} s`,
      );
      return summary;
    } catch (error) {
      if (neo4j) await neo4j.stop().catch(() => {});
      backup.restore();
      log('the bulk load failed: the database is as it was');
      if (restartDetached) await startLocalNeo4j({ ...neo4jOptions, detached: true }).catch(() => {});
      throw error;
    }
  } finally {
    if (!options.csvDir) rmSync(csvDir, { recursive: true, force: true });
  }
}

async function importInto(
  home: string,
  csv: WrittenCsv,
  database: string,
  options: BulkLoadOptions,
  log: (line: string) => void,
) {
  log(`importing with neo4j-admin database import full into ${home}`);
  const run = await runImportTool({
    home,
    args: importArguments(csv, database),
    reportFile: path.join(csv.dir, 'import.report'),
    heap: options.importHeap,
    offHeap: options.importOffHeap,
    log,
  });
  log(`import tool: IMPORT DONE in ${run.toolMs} ms (${run.wallMs} ms with the JVM's start)`);
  return run;
}
