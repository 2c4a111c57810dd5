/**
 * npm run bench:ingest-ab [-- --before /tmp/before --documents 300 --rows 0,20000 --rounds 2]
 *
 * The loader before and after a change, side by side on one throw-away Neo4j and one synthetic corpus: each
 * variant loads the same documents into an emptied graph, in A B C C B A order after a warm-up load, and the
 * graph each leaves is compared (content checksum, the version stamp planSha256 left out): a faster loader
 * must store the same graph. Variants: "before" — the loader of another checkout (--before, a copy of the
 * tree with node_modules linked), one document a transaction through its loadPlan — and this checkout's
 * loadPlans with each --rows value as rowsPerTransaction (0: one document each). Writes
 * bench/results/ingest-ab-<date>.json.
 *
 * With --from-files every variant starts from the folders, so validation counts: "before" and "serial"
 * validate documents until they fill a transaction of 20,000 rows, load it (loadPlans), and so on — the
 * other checkout's code and this one's; "stream, N thread(s)" is streamDocuments with each --threads value
 * (validation on N threads while the transaction before is in flight). The loader process's CPU (all
 * its threads) per relationship is reported beside Neo4j's, and for the variants that validate in this
 * thread ("before", "serial") the CPU of validating every folder alone, without loading, just before the
 * load (per relationship the load then stores): the loader's own share is the difference.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database';
import { graphChecksum } from '../testkit/checksum';
import * as corpus from '../src/ingest/corpus';
import * as loader from '../src/ingest/loader';
import type { DocumentPlan } from '../src/ingest/plan';
import { streamDocuments } from '../src/ingest/stream';
import { generateCorpus } from '../testkit/synthetic';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { cpuMs, machine, packageVersions, stamp } from './lib/proc';
import { round, table, writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[ingest-ab] ${line}\n`);

interface Variant {
  name: string;
  load: (db: Database) => Promise<number>;
  /** With --from-files, for the variants that validate in this thread: validates every folder, no load. */
  validateAll?: () => void;
}

/** The loader of another checkout: only what every version of it has (validateFolder, loadPlan). */
interface OtherLoader {
  validateFolder(dir: string): { plan?: unknown };
  loadPlan(db: Database, plan: unknown): Promise<{ counters: { relationshipsCreated: number } }>;
  loadPlans?(
    db: Database,
    plans: unknown[],
    options: { rowsPerTransaction?: number },
  ): Promise<{ counters: { relationshipsCreated: number } }>;
}

function otherLoader(dir: string): OtherLoader {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateFolder } = require(path.join(dir, 'src/ingest/corpus')) as OtherLoader;
  const { loadPlan, loadPlans } = require(path.join(dir, 'src/ingest/loader')) as OtherLoader;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { validateFolder, loadPlan, loadPlans };
}

async function emptyGraph(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.read<{ n: number }>({ name: 'ab/count', text: 'MATCH (n) RETURN count(n) AS n' });
    if (!row.n) return;
    await db.write('ab/clear', (tx) =>
      tx.run({ name: 'ab/clear', text: 'MATCH (n) WITH n LIMIT 20000 DETACH DELETE n' }),
    );
  }
}

/** Validates documents until they fill a transaction, loads them, and so on: the loader without threads. */
async function serial(
  dirs: string[],
  validate: (dir: string) => { plan?: unknown },
  load: (plans: unknown[]) => Promise<{ counters: { relationshipsCreated: number } }>,
): Promise<number> {
  let rels = 0;
  let group: unknown[] = [];
  let rows = 0;
  for (const dir of dirs) {
    const { plan } = validate(dir);
    if (!plan) throw new Error(`${dir} is not valid`);
    const size = loader.planRows(plan as DocumentPlan);
    if (group.length && rows + size > loader.DEFAULT_ROWS_PER_TRANSACTION) {
      rels += (await load(group)).counters.relationshipsCreated;
      group = [];
      rows = 0;
    }
    group.push(plan);
    rows += size;
  }
  if (group.length) rels += (await load(group)).counters.relationshipsCreated;
  return rels;
}

function fromFiles(dirs: string[], values: { before?: string; threads: string }): Variant[] {
  const variants: Variant[] = [];
  if (values.before) {
    const other = otherLoader(path.resolve(values.before));
    const loadPlans = other.loadPlans;
    if (!loadPlans) throw new Error(`${values.before}: its loader has no loadPlans`);
    variants.push({
      name: 'before (validate a group, load it)',
      validateAll: () => dirs.forEach((dir) => other.validateFolder(dir)),
      load: (db) =>
        serial(dirs, other.validateFolder, (plans) =>
          loadPlans(db, plans, { rowsPerTransaction: loader.DEFAULT_ROWS_PER_TRANSACTION }),
        ),
    });
  }
  variants.push({
    name: 'serial (validate a group, load it)',
    validateAll: () => dirs.forEach((dir) => corpus.validateFolder(dir)),
    load: (db) =>
      serial(dirs, corpus.validateFolder, (plans) => loader.loadPlans(db, plans as DocumentPlan[])),
  });
  for (const threads of values.threads.split(',').map(Number)) {
    variants.push({
      name: `stream, ${threads} thread(s)`,
      load: async (db) =>
        (await streamDocuments(db, dirs, { threads, report: () => {} })).counters.relationshipsCreated,
    });
  }
  return variants;
}

function fromPlans(dirs: string[], values: { before?: string; rows: string }): Variant[] {
  const plans: DocumentPlan[] = dirs.map((dir) => corpus.validateFolder(dir).plan!);
  const variants: Variant[] = [];
  if (values.before) {
    const other = otherLoader(path.resolve(values.before));
    const theirs = dirs.map((dir) => other.validateFolder(dir).plan);
    variants.push({
      name: 'before',
      load: async (db) => {
        let rels = 0;
        for (const plan of theirs) rels += (await other.loadPlan(db, plan)).counters.relationshipsCreated;
        return rels;
      },
    });
  }
  for (const rows of values.rows.split(',').map(Number)) {
    variants.push({
      name: rows ? `${rows} rows a transaction` : 'one document a transaction',
      load: async (db) =>
        (await loader.loadPlans(db, plans, { rowsPerTransaction: rows })).counters.relationshipsCreated,
    });
  }
  return variants;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      documents: { type: 'string', default: '300' },
      rows: { type: 'string', default: `0,${loader.DEFAULT_ROWS_PER_TRANSACTION}` },
      rounds: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      'from-files': { type: 'boolean', default: false },
      threads: { type: 'string', default: '1,2' },
    },
  });
  const when = stamp();
  const host = machine();
  const out = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-ingest-ab-'));
  const dirs = generateCorpus({ documents: Number(values.documents), out, seed: Number(values.seed) });
  const variants: Variant[] = values['from-files'] ? fromFiles(dirs, values) : fromPlans(dirs, values);
  const order: Variant[] = [];
  for (let r = 0; r < Number(values.rounds); r++) order.push(...(r % 2 ? [...variants].reverse() : variants));

  const neo4j = await benchNeo4j(log, { heap: '1g', pageCache: '512m' });
  const db = benchDatabase(neo4j);
  try {
    await loader.applySchema(db);
    const runs = [];
    for (const [i, variant] of [{ name: 'warm-up', load: variants[0].load }, ...order].entries()) {
      await emptyGraph(db);
      let validationCpuUs: number | null = null;
      if (variant.validateAll) {
        const validationBefore = process.cpuUsage();
        variant.validateAll();
        const used = process.cpuUsage(validationBefore);
        validationCpuUs = used.user + used.system;
      }
      // Wall time by statement (ingest/08-facts, …): where a variant's transactions spend their time.
      const statementMs: Record<string, number> = {};
      const stopTiming = db.onRoundTrip((trip) => {
        if (trip.name.startsWith('ingest/'))
          statementMs[trip.name] = (statementMs[trip.name] ?? 0) + trip.seconds * 1000;
      });
      const cpuBefore = cpuMs(neo4j.pid);
      const ownBefore = process.cpuUsage();
      const started = Date.now();
      const relationships = await variant.load(db);
      const ms = Date.now() - started;
      const own = process.cpuUsage(ownBefore);
      const cpuAfter = cpuMs(neo4j.pid);
      stopTiming();
      const neo4jCpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : null;
      await db.write('ab/unstamp', (tx) =>
        tx.run({ name: 'ab/unstamp', text: 'MATCH (d:Document) REMOVE d.planSha256' }),
      );
      const checksum = await graphChecksum(db);
      const run = {
        variant: variant.name,
        warmUp: i === 0,
        relationships,
        ms,
        relationshipsPerSecond: round(relationships / (ms / 1000), 0),
        neo4jCpuUsPerRelationship: neo4jCpu === null ? null : round((neo4jCpu * 1000) / relationships, 1),
        loaderCpuUsPerRelationship: round((own.user + own.system) / relationships, 1),
        validationCpuUsPerRelationship:
          validationCpuUs === null ? null : round(validationCpuUs / relationships, 1),
        checksum,
        statementMs: Object.fromEntries(
          Object.entries(statementMs)
            .sort(([, a], [, b]) => b - a)
            .map(([name, ms]) => [name, Math.round(ms)]),
        ),
      };
      log(
        `${run.variant}: ${relationships} relationships in ${ms} ms, ${run.relationshipsPerSecond} rel/s, ` +
          `Neo4j ${run.neo4jCpuUsPerRelationship} µs CPU/rel, loader ${run.loaderCpuUsPerRelationship} µs CPU/rel, ` +
          `validation alone ${run.validationCpuUsPerRelationship ?? '–'} µs CPU/rel, graph ${checksum.sha256.slice(0, 12)}`,
      );
      runs.push(run);
    }
    const sameGraph = new Set(runs.map((r) => r.checksum.sha256)).size === 1;
    const result = {
      command: `npm run bench:ingest-ab -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...host, loadAverageAfter: machine().loadAverage },
      versions: { ...packageVersions(['neo4j-driver']), neo4j: await neo4jVersion(db) },
      corpus: { documents: dirs.length, seed: Number(values.seed) },
      fromFiles: values['from-files'],
      sameGraph,
      runs,
    };
    const file = writeResult('ingest-ab', when.date, result);
    process.stdout.write(
      `${table(
        [
          'variant',
          'relationships',
          'ms',
          'rel/s',
          'Neo4j µs CPU/rel',
          'loader µs CPU/rel',
          'validation alone µs CPU/rel',
        ],
        runs
          .filter((r) => !r.warmUp)
          .map((r) => [
            r.variant,
            r.relationships,
            r.ms,
            r.relationshipsPerSecond,
            r.neo4jCpuUsPerRelationship,
            r.loaderCpuUsPerRelationship,
            r.validationCpuUsPerRelationship ?? '–',
          ]),
      )}\n`,
    );
    log(`${sameGraph ? 'every variant stored the same graph' : 'THE GRAPHS DIFFER'}; wrote ${file}`);
    if (!sameGraph) process.exitCode = 1;
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
