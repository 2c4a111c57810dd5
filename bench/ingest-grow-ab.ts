/**
 * npx tsx bench/ingest-grow-ab.ts -- --before /tmp/before [--documents 900 --slice 30 --seed 1]
 *
 * A graph growing from empty, the loader before and after a change side by side: two throw-away Neo4js,
 * one a variant, each given the same synthetic corpus (testkit/synthetic) in slices of --slice documents,
 * the variants alternating slice by slice (before first on even slices, after first on odd ones), so that
 * a busy machine weighs on both alike. Neo4j's CPU (from /proc/<pid>/stat) in all and by ingest statement.
 * What this shows that bench/ingest-large-ab.ts (documents arriving into a graph already large) does not:
 * planning. Neo4j plans a statement again when the statistics it was planned with have moved far enough,
 * which a growing graph does several times; the first slices and the spikes later on are mostly that.
 * "before" is another checkout (a copy of the tree with node_modules linked). Writes
 * bench/results/ingest-grow-ab-<date>.json.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database, WriteTx } from '../src/db/database';
import { generateCorpus } from '../testkit/synthetic';
import { BenchNeo4j, benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { cpuMs, machine, packageVersions, stamp } from './lib/proc';
import { round, writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[ingest-grow-ab] ${line}\n`);

interface Loader {
  validateFolder(dir: string): { plan?: unknown };
  applySchema(db: Database): Promise<void>;
  loadPlans(db: Database, plans: unknown[]): Promise<{ counters: { relationshipsCreated: number } }>;
}

function loaderOf(dir: string): Loader {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateFolder } = require(path.join(dir, 'src/ingest/corpus')) as Loader;
  const { loadPlans, applySchema } = require(path.join(dir, 'src/ingest/loader')) as Loader;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { validateFolder, loadPlans, applySchema };
}

interface Variant {
  name: string;
  loader: Loader;
  neo4j: BenchNeo4j;
  db: Database;
  relationships: number;
  cpuMs: number;
  ms: number;
  byStatement: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      documents: { type: 'string', default: '900' },
      slice: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.before) throw new Error('--before <checkout> is required');
  const when = stamp();
  const slice = Number(values.slice);
  const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-ingest-grow-'));
  const variants: Variant[] = [];
  const run = WriteTx.prototype.run;
  try {
    const dirs = generateCorpus({
      documents: Number(values.documents),
      out: path.join(work, 'corpus'),
      seed: Number(values.seed),
    });
    for (const [name, dir] of [
      ['before', path.resolve(values.before)],
      ['after', path.resolve('.')],
    ]) {
      const neo4j = await benchNeo4j((line) => log(`${name}: ${line}`), { heap: '1g', pageCache: '512m' });
      const db = benchDatabase(neo4j, 600_000);
      const loader = loaderOf(dir);
      variants.push({ name, loader, neo4j, db, relationships: 0, cpuMs: 0, ms: 0, byStatement: {} });
      await loader.applySchema(db);
    }
    let current = variants[0];
    // Neo4j CPU around every statement of the variant loading now.
    WriteTx.prototype.run = async function (this: WriteTx, query) {
      const variant = current;
      const before = cpuMs(variant.neo4j.pid) ?? 0;
      try {
        return await run.call(this, query);
      } finally {
        const name = query.name.replace(/^ingest\//, '').replace(/#1$/, '');
        variant.byStatement[name] =
          (variant.byStatement[name] ?? 0) + (cpuMs(variant.neo4j.pid) ?? 0) - before;
      }
    } as typeof run;
    const slices = [];
    for (let i = 0, k = 0; i < dirs.length; i += slice, k++) {
      const row: Record<string, number> = { firstDocument: i };
      for (const variant of k % 2 ? [...variants].reverse() : variants) {
        current = variant;
        const plans = dirs.slice(i, i + slice).map((dir) => {
          const { plan } = variant.loader.validateFolder(dir);
          if (!plan) throw new Error(`${dir} is not valid`);
          return plan;
        });
        const facts = variant.byStatement['08-facts'] ?? 0;
        const cpu = cpuMs(variant.neo4j.pid)!;
        const started = Date.now();
        variant.relationships += (
          await variant.loader.loadPlans(variant.db, plans)
        ).counters.relationshipsCreated;
        variant.ms += Date.now() - started;
        row[`${variant.name}CpuMs`] = cpuMs(variant.neo4j.pid)! - cpu;
        row[`${variant.name}FactsCpuMs`] = (variant.byStatement['08-facts'] ?? 0) - facts;
        variant.cpuMs += row[`${variant.name}CpuMs`];
      }
      row.relationships = variants[0].relationships;
      slices.push(row);
      log(JSON.stringify(row));
    }
    const summary = Object.fromEntries(
      variants.map((v) => [
        v.name,
        {
          relationships: v.relationships,
          ms: v.ms,
          relationshipsPerSecond: round(v.relationships / (v.ms / 1000), 0),
          neo4jCpuMs: v.cpuMs,
          neo4jCpuUsPerRelationship: round((v.cpuMs * 1000) / v.relationships, 1),
          statementCpuMs: Object.fromEntries(Object.entries(v.byStatement).sort(([, a], [, b]) => b - a)),
        },
      ]),
    );
    const result = {
      command: `npx tsx bench/ingest-grow-ab.ts ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: machine(),
      versions: { ...packageVersions(['neo4j-driver']), neo4j: await neo4jVersion(variants[0].db) },
      slice,
      summary,
      slices,
    };
    const file = writeResult('ingest-grow-ab', when.date, result);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    log(`wrote ${file}`);
  } finally {
    WriteTx.prototype.run = run;
    for (const v of variants) {
      await v.db.close();
      await v.neo4j.stop();
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
