/**
 * Loads documents in a process of its own, so that the memory the loader needs (peak RSS) is measured
 * alone. Two modes: "stream" validates and loads one document at a time (validateFolder + loadPlan with a
 * batch size); "cli" is `npm run load` (loadDocuments: everything validated first, then loaded).
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../../src/cli';
import { Database } from '../../src/db/database';
import { validateFolder } from '../../src/ingest/corpus';
import { LoadCounters, applySchema, loadPlan } from '../../src/ingest/loader';
import { memoryMb } from './proc';

export interface IngestJob {
  dirs: string[];
  mode: 'stream' | 'cli';
  batchSize?: number;
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
}

async function run(job: IngestJob): Promise<IngestOutcome> {
  const db = new Database({ ...job, queryTimeoutMs: 600_000, connectionAcquisitionTimeoutMs: 60_000 });
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
  const started = Date.now();
  try {
    await applySchema(db);
    const summaries = [];
    if (job.mode === 'cli') {
      summaries.push(...(await loadDocuments(db, job.dirs, () => {})));
    } else {
      let created = 0;
      for (const dir of job.dirs) {
        if (job.deadline && Date.now() > job.deadline) break;
        if (job.stopAfterRelationships && created >= job.stopAfterRelationships) break;
        const t0 = Date.now();
        const { problems, plan } = validateFolder(dir);
        validateMs += Date.now() - t0;
        if (!plan) throw new Error(`${dir}: ${problems.length} problem(s), first: ${problems[0]?.message}`);
        const t1 = Date.now();
        const summary = await loadPlan(db, plan, { batchSize: job.batchSize });
        summaries.push(summary);
        created += summary.counters.relationshipsCreated;
        loadMs += Date.now() - t1;
      }
    }
    documents = summaries.length;
    for (const s of summaries) {
      for (const key of Object.keys(counters) as (keyof LoadCounters)[]) counters[key] += s.counters[key];
      statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      if (job.mode === 'cli') loadMs += s.ms;
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
