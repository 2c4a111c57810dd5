/**
 * npx tsx bench/ingest-large-ab.ts [-- --before /tmp/before --after . --base 3300 --slice 60 --rounds 2]
 *
 * Documents arriving into a large graph, the loader before and after a change side by side: a synthetic
 * corpus (testkit/synthetic) of --base documents (3,300: about 10⁶ relationships) is bulk-loaded into a
 * throw-away Neo4j (`npm run load -- --bulk`'s bulkLoad), its store read once so that the page cache holds
 * it, then further documents of the same corpus are loaded transactionally in slices of --slice documents
 * (one slice about one 20,000-row transaction, the loader's default), "before" (the loader of another
 * checkout, --before: a copy of the tree with node_modules linked) and "after" (--after, this checkout by
 * default) in turn, ABBA
 * order, after a warm-up slice each. Each slice is new documents into the same growing graph: the variants
 * are not compared by checksum here (bench:ingest-ab and the checksum tests do that), but by Neo4j's CPU
 * per relationship, in all and by ingest statement (from /proc/<pid>/stat around each statement; the rest is
 * commit and Neo4j's background work), with each statement's own wall time, and each variant's median and
 * range over its slices. With NEO4J_URI, NEO4J_PID and --corpus (a folder of document
 * folders not loaded yet) it loads into that Neo4j instead. Writes bench/results/ingest-large-ab-<date>.json.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bulkLoad } from '../src/bulk-load';
import { loadConfig } from '../src/config';
import { Database, WriteTx } from '../src/db/database';
import { freePort } from '../src/runtime/neo4j-server';
import { generateCorpus } from '../testkit/synthetic';
import { benchDatabase, neo4jVersion } from './lib/neo4j';
import { cpuMs, machine, packageVersions, stamp } from './lib/proc';
import { median, round, writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[ingest-large-ab] ${line}\n`);

interface Loader {
  validateFolder(dir: string): { plan?: unknown };
  loadPlans(db: Database, plans: unknown[]): Promise<{ counters: { relationshipsCreated: number } }>;
}

function loaderOf(dir: string): Loader {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateFolder } = require(path.join(dir, 'src/ingest/corpus')) as Loader;
  const { loadPlans } = require(path.join(dir, 'src/ingest/loader')) as Loader;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { validateFolder, loadPlans };
}

type Taken = { cpu: Record<string, number>; wall: Record<string, number> };

/** Neo4j CPU ms and wall ms by statement name, read around every statement a WriteTx runs. */
function statementCpu(pid: number): { take(): Taken; stop(): void } {
  const run = WriteTx.prototype.run;
  let byName: Taken = { cpu: {}, wall: {} };
  WriteTx.prototype.run = async function (this: WriteTx, query) {
    const before = cpuMs(pid) ?? 0;
    const started = performance.now();
    try {
      return await run.call(this, query);
    } finally {
      const name = query.name.replace(/^ingest\//, '').replace(/#1$/, '');
      byName.cpu[name] = (byName.cpu[name] ?? 0) + (cpuMs(pid) ?? 0) - before;
      byName.wall[name] = (byName.wall[name] ?? 0) + performance.now() - started;
    }
  } as typeof run;
  return {
    take() {
      const out = byName;
      byName = { cpu: {}, wall: {} };
      return out;
    },
    stop() {
      WriteTx.prototype.run = run;
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      after: { type: 'string', default: '.' },
      base: { type: 'string', default: '3300' },
      slice: { type: 'string', default: '60' },
      rounds: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      corpus: { type: 'string' },
    },
  });
  if (!values.before) throw new Error('--before <checkout> is required');
  const when = stamp();
  const slice = Number(values.slice);
  const rounds = Number(values.rounds);
  const order: string[] = [];
  for (let r = 0; r < rounds; r++)
    order.push(...(r % 2 ? ['after', 'before', 'before', 'after'] : ['before', 'after', 'after', 'before']));
  const needed = slice * (order.length + 2);

  const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-ingest-large-'));
  let stop = async () => {};
  let uri: string;
  let pid: number;
  let password: string;
  let fresh: string[];
  try {
    if (values.corpus) {
      if (!process.env.NEO4J_URI || !process.env.NEO4J_PID)
        throw new Error('--corpus needs NEO4J_URI and NEO4J_PID');
      uri = process.env.NEO4J_URI;
      pid = Number(process.env.NEO4J_PID);
      password = process.env.NEO4J_PASSWORD ?? 'stancegraph-bench';
      fresh = readdirSync(values.corpus)
        .sort()
        .map((d) => path.join(values.corpus!, d));
    } else {
      const base = Number(values.base);
      const dirs = generateCorpus({
        documents: base + needed,
        out: path.join(work, 'all'),
        seed: Number(values.seed),
      });
      mkdirSync(path.join(work, 'base'));
      for (const dir of dirs.slice(0, base)) renameSync(dir, path.join(work, 'base', path.basename(dir)));
      fresh = dirs.slice(base);
      password = 'stancegraph-bench';
      const config = loadConfig({
        ...process.env,
        NEO4J_URI: '',
        NEO4J_DATA_DIR: path.join(work, 'neo4j'),
        NEO4J_PASSWORD: password,
        NEO4J_BOLT_PORT: String(await freePort()),
        NEO4J_HTTP_PORT: String(await freePort()),
        NEO4J_HEAP: '1g',
        NEO4J_PAGECACHE: '1g',
        LOG_LEVEL: 'silent',
      });
      const bulk = await bulkLoad(config, [path.join(work, 'base')], {
        log,
        report: () => {},
        keepRunning: true,
      });
      uri = bulk.uri;
      pid = bulk.neo4j!.pid;
      stop = () => bulk.neo4j!.stop();
      log(`bulk-loaded ${bulk.documents} documents, ${bulk.relationships} relationships`);
    }
    if (fresh.length < needed) throw new Error(`${needed} documents needed, ${fresh.length} given`);
    const db = benchDatabase({ uri, user: 'neo4j', password, database: 'neo4j' }, 600_000);
    const loaders: Record<string, Loader> = {
      before: loaderOf(path.resolve(values.before)),
      after: loaderOf(path.resolve(values.after)),
    };
    const cpu = statementCpu(pid);
    try {
      const [size] = await db.read<{ relationships: number }>({
        name: 'bench/size',
        text: 'MATCH ()-[r]->() RETURN count(r) AS relationships',
      });
      // Every record read once, so that neither variant pays for filling the page cache.
      for (const text of [
        'MATCH (n) WITH properties(n) AS p RETURN count(p) AS n',
        'MATCH ()-[r]->() WITH properties(r) AS p RETURN count(p) AS n',
      ])
        await db.read({ name: 'bench/warm', text });
      const runs = [];
      let next = 0;
      for (const [i, variant] of ['before', 'after', ...order].entries()) {
        const dirs = fresh.slice(next, next + slice);
        next += slice;
        const loader = loaders[variant];
        const plans = dirs.map((dir) => {
          const { plan } = loader.validateFolder(dir);
          if (!plan) throw new Error(`${dir} is not valid`);
          return plan;
        });
        cpu.take();
        const cpuBefore = cpuMs(pid)!;
        const started = Date.now();
        const relationships = (await loader.loadPlans(db, plans)).counters.relationshipsCreated;
        const ms = Date.now() - started;
        const neo4jCpu = cpuMs(pid)! - cpuBefore;
        const { cpu: statements, wall } = cpu.take();
        const inStatements = Object.values(statements).reduce((a, b) => a + b, 0);
        const perRel = (cpuMsValue: number) => round((cpuMsValue * 1000) / relationships, 1);
        const run = {
          variant,
          warmUp: i < 2,
          documents: dirs.length,
          relationships,
          ms,
          relationshipsPerSecond: round(relationships / (ms / 1000), 0),
          neo4jCpuUsPerRelationship: perRel(neo4jCpu),
          statementCpuUsPerRelationship: Object.fromEntries(
            Object.entries(statements)
              .sort(([, a], [, b]) => b - a)
              .map(([name, c]) => [name, perRel(c)]),
          ),
          outsideStatementsCpuUsPerRelationship: perRel(neo4jCpu - inStatements),
          statementWallMs: Object.fromEntries(
            Object.entries(wall)
              .sort(([, a], [, b]) => b - a)
              .map(([name, ms]) => [name, round(ms, 1)]),
          ),
        };
        log(
          `${variant}${run.warmUp ? ' (warm-up)' : ''}: ${relationships} rel in ${ms} ms, ${run.relationshipsPerSecond} rel/s, ` +
            `Neo4j ${run.neo4jCpuUsPerRelationship} µs CPU/rel; ${JSON.stringify(run.statementCpuUsPerRelationship)}`,
        );
        runs.push(run);
      }
      const measured = runs.filter((r) => !r.warmUp);
      const summary = Object.fromEntries(
        ['before', 'after'].map((variant) => {
          const mine = measured.filter((r) => r.variant === variant);
          const rels = mine.reduce((n, r) => n + r.relationships, 0);
          const cpuUs = mine.reduce((n, r) => n + r.neo4jCpuUsPerRelationship * r.relationships, 0);
          const ms = mine.reduce((n, r) => n + r.ms, 0);
          const byStatement: Record<string, number> = {};
          for (const r of mine)
            for (const [name, us] of Object.entries({
              ...r.statementCpuUsPerRelationship,
              '(commit and background)': r.outsideStatementsCpuUsPerRelationship,
            }))
              byStatement[name] = (byStatement[name] ?? 0) + us * r.relationships;
          // Each slice's figure: the median and the range over the variant's slices.
          const spread = (f: (r: (typeof mine)[number]) => number | undefined) => {
            const xs = mine.map((r) => f(r) ?? 0);
            return {
              median: round(median(xs), 1),
              min: round(Math.min(...xs), 1),
              max: round(Math.max(...xs), 1),
            };
          };
          const names = [...new Set(mine.flatMap((r) => Object.keys(r.statementWallMs)))];
          return [
            variant,
            {
              slices: mine.length,
              perSlice: {
                neo4jCpuUsPerRelationship: spread((r) => r.neo4jCpuUsPerRelationship),
                outsideStatementsCpuUsPerRelationship: spread((r) => r.outsideStatementsCpuUsPerRelationship),
                statementCpuUsPerRelationship: Object.fromEntries(
                  names.map((n) => [n, spread((r) => r.statementCpuUsPerRelationship[n])]),
                ),
                statementWallMs: Object.fromEntries(
                  names.map((n) => [n, spread((r) => r.statementWallMs[n])]),
                ),
              },
              relationships: rels,
              relationshipsPerSecond: round(rels / (ms / 1000), 0),
              neo4jCpuUsPerRelationship: round(cpuUs / rels, 1),
              statementCpuUsPerRelationship: Object.fromEntries(
                Object.entries(byStatement)
                  .sort(([, a], [, b]) => b - a)
                  .map(([name, us]) => [name, round(us / rels, 1)]),
              ),
            },
          ];
        }),
      );
      const result = {
        command: `npx tsx bench/ingest-large-ab.ts ${process.argv.slice(2).join(' ')}`.trim(),
        date: when.time,
        machine: { ...machine(), loadAverageAfter: machine().loadAverage },
        versions: { ...packageVersions(['neo4j-driver']), neo4j: await neo4jVersion(db) },
        graphAtStart: { relationships: size.relationships },
        slice,
        order: ['before', 'after', ...order],
        summary,
        runs,
      };
      const file = writeResult('ingest-large-ab', when.date, result);
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      log(`wrote ${file}`);
    } finally {
      cpu.stop();
      await db.close();
    }
  } finally {
    await stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
