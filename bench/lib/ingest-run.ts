import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestJob, IngestOutcome } from './ingest-worker';
import { cpuMs } from './proc';
import { round } from './report';

export interface IngestStep extends IngestOutcome {
  label: string;
  mode: IngestJob['mode'];
  batchSize: number | null;
  /** Rows of documents per transaction; null: the loader's default; 0: one document each. */
  rowsPerTransaction: number | null;
  /** relationshipsCreated ÷ the time spent in loadPlans (validation excluded): the loader's throughput. */
  relationshipsPerSecond: number;
  /** The same over the whole run, validation included. */
  relationshipsPerSecondWall: number;
  neo4jCpuMs: number | null;
  /** Neo4j CPU per relationship created, µs. */
  neo4jCpuUsPerRelationship: number | null;
}

/** Runs bench/lib/ingest-worker.ts in a fresh process (so that its peak RSS is its own) and waits. */
export async function runIngest(
  label: string,
  job: IngestJob,
  neo4jPid: number | undefined,
): Promise<IngestStep> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-ingest-job-'));
  const file = path.join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const before = cpuMs(neo4jPid);
  try {
    const outcome = await new Promise<IngestOutcome>((resolve, reject) => {
      const child = fork(path.join(__dirname, 'ingest-worker.ts'), [file], {
        execArgv: process.execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (m: { type: string; outcome?: IngestOutcome; message?: string }) => {
        if (m.type === 'done' && m.outcome) resolve(m.outcome);
        else reject(new Error(`${label}: ${m.message}`));
      });
      child.once('exit', (code) => code !== 0 && reject(new Error(`${label}: worker exited with ${code}`)));
    });
    const after = cpuMs(neo4jPid);
    const neo4jCpu = before !== undefined && after !== undefined ? after - before : null;
    const rels = outcome.counters.relationshipsCreated;
    return {
      label,
      mode: job.mode,
      batchSize: job.batchSize ?? null,
      rowsPerTransaction: job.rowsPerTransaction ?? null,
      ...outcome,
      relationshipsPerSecond: round(rels / (outcome.loadMs / 1000), 0),
      relationshipsPerSecondWall: round(rels / (outcome.wallMs / 1000), 0),
      neo4jCpuMs: neo4jCpu === null ? null : round(neo4jCpu, 0),
      neo4jCpuUsPerRelationship: neo4jCpu === null || !rels ? null : round((neo4jCpu * 1000) / rels, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stretches of one run taken as one: counts, CPU and times added, peak RSS the highest. */
export function combineSteps(label: string, steps: IngestStep[]): IngestStep {
  const sum = (f: (s: IngestStep) => number | null | undefined) => steps.reduce((n, s) => n + (f(s) ?? 0), 0);
  const counters = { ...steps[0]?.counters } as IngestStep['counters'];
  for (const key of Object.keys(counters) as (keyof IngestStep['counters'])[])
    counters[key] = sum((s) => s.counters[key]);
  const statuses: Record<string, number> = {};
  for (const s of steps)
    for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const rels = counters.relationshipsCreated ?? 0;
  const loadMs = sum((s) => s.loadMs);
  const wallMs = sum((s) => s.wallMs);
  const neo4jKnown = steps.every((s) => s.neo4jCpuMs !== null);
  const neo4jCpuMs = neo4jKnown ? sum((s) => s.neo4jCpuMs) : null;
  return {
    ...steps[0],
    label,
    documents: sum((s) => s.documents),
    counters,
    statuses,
    cpuMs: sum((s) => s.cpuMs),
    validateMs: sum((s) => s.validateMs),
    validationWaitMs: sum((s) => s.validationWaitMs),
    loadMs,
    wallMs,
    peakRssMb: Math.max(...steps.map((s) => s.peakRssMb)),
    relationshipsPerSecond: loadMs ? round(rels / (loadMs / 1000), 0) : 0,
    relationshipsPerSecondWall: wallMs ? round(rels / (wallMs / 1000), 0) : 0,
    neo4jCpuMs,
    neo4jCpuUsPerRelationship: neo4jCpuMs === null || !rels ? null : round((neo4jCpuMs * 1000) / rels, 1),
  };
}
