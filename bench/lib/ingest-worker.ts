/**
 * Loads documents in a process of its own, so that the memory the loader needs (peak RSS) is measured
 * alone. Three modes: "stream" is streamDocuments (validation threads ahead of the transaction in flight);
 * "serial" validates documents until they fill a transaction, loads them (loadPlans), and so on — what
 * "stream" was before the pipeline; "cli" is `npm run load` (loadDocuments: everything validated first,
 * then loaded).
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../../src/ingest/folders';
import { validateFolder } from '../../src/ingest/corpus';
import { streamDocuments } from '../../src/ingest/stream';
import {
  DEFAULT_ROWS_PER_TRANSACTION,
  DocumentLoad,
  LoadCounters,
  applySchema,
  loadPlans,
  planRows,
} from '../../src/ingest/loader';
import type { DocumentPlan } from '../../src/ingest/plan';
import { benchDatabase } from './neo4j';
import { memoryMb } from './proc';

export interface IngestJob {
  dirs: string[];
  /** stream: streamDocuments (validation threads ahead of the loader); serial: validate a group, load it. */
  mode: 'stream' | 'serial' | 'cli';
  /** Validation threads in stream mode (streamDocuments' default when absent). */
  threads?: number;
  batchSize?: number;
  /** Rows of documents per transaction (loadPlans); 0: one document per transaction. */
  rowsPerTransaction?: number;
  /** Stream mode stops before the next document once this time (epoch ms) has passed … */
  deadline?: number;
  /** … or once it has created this many relationships. */
  stopAfterRelationships?: number;
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface IngestOutcome {
  documents: number;
  counters: LoadCounters;
  /** CPU time of this process (validation, planning, driver), ms. */
  cpuMs: number;
  validateMs: number;
  loadMs: number;
  wallMs: number;
  peakRssMb: number;
  statuses: Record<string, number>;
  /** Stream mode: validation threads, and how long the loader waited for validation with no transaction in flight. */
  threads?: number;
  validationWaitMs?: number;
}

async function run(job: IngestJob): Promise<IngestOutcome> {
  const db = benchDatabase(job, 600_000);
  const counters: LoadCounters = {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
  };
  const statuses: Record<string, number> = {};
  let validateMs = 0;
  let loadMs = 0;
  let documents = 0;
  let extra: Pick<IngestOutcome, 'threads' | 'validationWaitMs'> = {};
  const started = Date.now();
  try {
    await applySchema(db);
    const tally = (docs: DocumentLoad[], c: LoadCounters) => {
      documents += docs.length;
      for (const d of docs) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
      for (const key of Object.keys(counters) as (keyof LoadCounters)[]) counters[key] += c[key];
    };
    if (job.mode === 'cli') {
      const summary = await loadDocuments(db, job.dirs, () => {}, {
        rowsPerTransaction: job.rowsPerTransaction,
        batchSize: job.batchSize,
      });
      tally(summary.documents, summary.counters);
      loadMs = summary.ms;
    } else if (job.mode === 'stream') {
      let stopped = false;
      const summary = await streamDocuments(db, job.dirs, {
        batchSize: job.batchSize,
        rowsPerTransaction: job.rowsPerTransaction,
        threads: job.threads,
        report: () => {},
        stop: () =>
          (stopped ||=
            (job.deadline !== undefined && Date.now() > job.deadline) ||
            (job.stopAfterRelationships !== undefined &&
              counters.relationshipsCreated >= job.stopAfterRelationships)),
        onCommitted: (docs, c) => tally(docs, c),
      });
      loadMs = summary.loadMs;
      validateMs = summary.validationWaitMs;
      extra = { threads: summary.threads, validationWaitMs: summary.validationWaitMs };
    } else {
      // Validates documents until they fill a transaction (rowsPerTransaction), loads them, and so on.
      let pending: DocumentPlan[] = [];
      let rows = 0;
      const flush = async () => {
        if (!pending.length) return;
        const t1 = Date.now();
        const summary = await loadPlans(db, pending, {
          batchSize: job.batchSize,
          rowsPerTransaction: job.rowsPerTransaction,
        });
        loadMs += Date.now() - t1;
        tally(summary.documents, summary.counters);
        pending = [];
        rows = 0;
      };
      for (const dir of job.dirs) {
        if (job.deadline && Date.now() > job.deadline) break;
        if (job.stopAfterRelationships && counters.relationshipsCreated >= job.stopAfterRelationships) break;
        const t0 = Date.now();
        const { problems, plan } = validateFolder(dir);
        validateMs += Date.now() - t0;
        if (!plan) throw new Error(`${dir}: ${problems.length} problem(s), first: ${problems[0]?.message}`);
        pending.push(plan);
        rows += planRows(plan);
        if (rows >= (job.rowsPerTransaction ?? DEFAULT_ROWS_PER_TRANSACTION)) await flush();
      }
      await flush();
    }
  } finally {
    await db.close();
  }
  const wallMs = Date.now() - started;
  if (job.mode === 'cli') validateMs = wallMs - loadMs;
  const cpu = process.cpuUsage();
  return {
    documents,
    counters,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    validateMs,
    loadMs,
    wallMs,
    peakRssMb: Math.round((memoryMb()?.peakRss ?? NaN) * 10) / 10,
    statuses,
    ...extra,
  };
}

if (require.main === module) {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as IngestJob;
  run(job).then(
    (outcome) => {
      process.send?.({ type: 'done', outcome });
      process.exit(0);
    },
    (error: unknown) => {
      process.send?.({
        type: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exit(1);
    },
  );
}
