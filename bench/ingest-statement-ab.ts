/**
 * NEO4J_URI=… NEO4J_PID=… npx tsx bench/ingest-statement-ab.ts -- --corpus <folders> --statement 13-stance-aggregates
 *   --variants A=cypher/ingest/13-stance-aggregates.cypher,B=/tmp/b.cypher [--loader <checkout>] [--commit]
 *   [--slice 60 --slices 2 --reps 15] [--check '<read>']
 *
 * One ingest statement alone, two or more texts of it side by side on the same writes: the firm figure that
 * bench/ingest-large-ab.ts (whole loads, where the commit and Neo4j's background work add ±10 µs/rel of
 * noise on a shared machine) cannot resolve for a statement costing a few µs a relationship. Into a running
 * Neo4j (a graph bulk-loaded by `npm run load -- --bulk`, NEO4J_URI and its NEO4J_PID for /proc/<pid>/stat),
 * each slice of --slice documents of --corpus (folders not loaded yet) is loaded and committed by the loader
 * of --loader (a checkout with node_modules linked; this one by default), which captures the parameters of
 * every call of --statement. Then each variant's text runs those calls in a transaction that is rolled back,
 * --reps times in alternating order, with Neo4j's CPU and the wall time read around them; then once under
 * PROFILE for the db hits. So every run starts from the same graph.
 *
 * - A statement whose work is only right the first time (13-stance-aggregates adds each document's share)
 *   needs a loader where the statement is a no-op (`RETURN 0 AS pairs`), and --commit, which commits the
 *   first variant's text afterwards so that the graph stays what the real loader would leave.
 * - A statement that gives the same result run again (12-entity-properties) can take this checkout's loader:
 *   the reruns then write what is already stored, which Neo4j does not rewrite, the same for each variant.
 * - --check: a read run after each variant in its transaction, with the same parameters; its rows are hashed
 *   (`check`), and equal hashes within a slice say the variants left the same graph.
 *
 * Writes bench/results/ingest-statement-ab-<date>.json: every run, each variant's median and range, and the
 * paired differences against the first variant (the same slice and repetition).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database, WriteTx } from '../src/db/database';
import { benchDatabase, neo4jVersion } from './lib/neo4j';
import { cpuMs, machine, stamp } from './lib/proc';
import { median, round, writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[ingest-statement-ab] ${line}\n`);

interface Loader {
  validateFolder(dir: string): { plan?: unknown };
  loadPlans(db: Database, plans: unknown[]): Promise<{ counters: { relationshipsCreated: number } }>;
}

interface Run {
  slice: number;
  rep: number;
  variant: string;
  relationships: number;
  neo4jCpuMs: number;
  ms: number;
  neo4jCpuUsPerRelationship: number;
  check?: string;
}

type Plan = { operatorType: string; dbHits: number; children: Plan[] };
const dbHits = (p: Plan): number => p.dbHits + p.children.reduce((n, c) => n + dbHits(c), 0);

class Rollback extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      statement: { type: 'string' },
      variants: { type: 'string' },
      loader: { type: 'string', default: '.' },
      commit: { type: 'boolean', default: false },
      slice: { type: 'string', default: '60' },
      slices: { type: 'string', default: '2' },
      reps: { type: 'string', default: '15' },
      check: { type: 'string' },
    },
  });
  const { NEO4J_URI: uri, NEO4J_PID: pidText, NEO4J_PASSWORD: password = 'stancegraph-bench' } = process.env;
  if (!uri || !pidText || !values.corpus || !values.statement || !values.variants)
    throw new Error('NEO4J_URI, NEO4J_PID, --corpus, --statement and --variants are required');
  const pid = Number(pidText);
  const when = stamp();
  const variants = values.variants.split(',').map((spec) => {
    const [name, file] = spec.split('=');
    return { name, text: readFileSync(file, 'utf8') };
  });
  const slice = Number(values.slice);
  const corpus = values.corpus;
  const folders = readdirSync(corpus)
    .sort()
    .map((d) => path.join(corpus, d));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateFolder } = require(path.resolve(values.loader, 'src/ingest/corpus')) as Loader;
  const { loadPlans } = require(path.resolve(values.loader, 'src/ingest/loader')) as Loader;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = benchDatabase({ uri, user: 'neo4j', password, database: 'neo4j' }, 600_000);
  const run = WriteTx.prototype.run;
  let captured: Record<string, unknown>[] = [];
  WriteTx.prototype.run = async function (this: WriteTx, query) {
    if (query.name.includes(values.statement!)) captured.push(query.params ?? {});
    return run.call(this, query);
  } as typeof run;
  const runs: Run[] = [];
  const hits: Record<string, number> = {};
  try {
    for (let s = 0; s < Number(values.slices); s++) {
      captured = [];
      const plans = folders.slice(s * slice, (s + 1) * slice).map((dir) => {
        const { plan } = validateFolder(dir);
        if (!plan) throw new Error(`${dir} is not valid`);
        return plan;
      });
      if (plans.length < slice) throw new Error(`${(s + 1) * slice} documents needed in ${corpus}`);
      const relationships = (await loadPlans(db, plans)).counters.relationshipsCreated;
      const calls = captured;
      const once = async (text: string, profile = false) => {
        const out = { cpu: 0, ms: 0, hits: 0, check: [] as string[] };
        let measured = false;
        try {
          await db.write('bench/statement', async (tx) => {
            const cpu0 = cpuMs(pid)!;
            const t0 = performance.now();
            for (const params of calls) {
              const result = await run.call(tx, {
                name: 'bench/statement',
                text: (profile ? 'PROFILE ' : '') + text,
                params,
              });
              if (profile) out.hits += dbHits(result.summary.profile as unknown as Plan);
            }
            out.ms = performance.now() - t0;
            out.cpu = cpuMs(pid)! - cpu0;
            if (values.check)
              for (const params of calls)
                out.check.push(
                  JSON.stringify(
                    (await run.call(tx, { name: 'bench/check', text: values.check, params })).rows,
                  ),
                );
            measured = true;
            throw new Rollback();
          });
        } catch (error) {
          if (!measured) throw error;
        }
        return out;
      };
      for (let rep = 0; rep < Number(values.reps); rep++) {
        for (const v of (rep + s) % 2 ? [...variants].reverse() : variants) {
          const o = await once(v.text);
          const r: Run = {
            slice: s,
            rep,
            variant: v.name,
            relationships,
            neo4jCpuMs: o.cpu,
            ms: round(o.ms, 1),
            neo4jCpuUsPerRelationship: round((o.cpu * 1000) / relationships, 2),
            ...(values.check
              ? { check: createHash('sha256').update(o.check.join('\n')).digest('hex').slice(0, 12) }
              : {}),
          };
          runs.push(r);
          log(JSON.stringify(r));
        }
      }
      if (s === 0) for (const v of variants) hits[v.name] = (await once(v.text, true)).hits;
      if (values.commit)
        await db.write('bench/commit', async (tx) => {
          for (const params of calls)
            await run.call(tx, { name: 'bench/commit', text: variants[0].text, params });
        });
    }
    // The first repetition of each slice pays for planning a text it has not seen: left out.
    const measured = runs.filter((r) => r.rep > 0);
    const spread = (xs: number[]) => ({
      median: round(median(xs), 2),
      min: Math.min(...xs),
      max: Math.max(...xs),
    });
    const first = variants[0].name;
    const summary = Object.fromEntries(
      variants.map(({ name }) => {
        const mine = measured.filter((r) => r.variant === name);
        const paired = mine.map((r) => {
          const base = measured.find((b) => b.variant === first && b.slice === r.slice && b.rep === r.rep)!;
          return round(base.neo4jCpuUsPerRelationship - r.neo4jCpuUsPerRelationship, 2);
        });
        const sorted = [...paired].sort((a, b) => a - b);
        return [
          name,
          {
            runs: mine.length,
            neo4jCpuUsPerRelationship: spread(mine.map((r) => r.neo4jCpuUsPerRelationship)),
            ms: spread(mine.map((r) => r.ms)),
            dbHitsFirstSlice: hits[name],
            [`${first}MinusThisPairedUsPerRelationship`]: {
              median: round(median(paired), 2),
              quartiles: [sorted[Math.floor(sorted.length / 4)], sorted[Math.floor((3 * sorted.length) / 4)]],
            },
            checksBySlice: values.check ? [...new Set(mine.map((r) => `${r.slice}:${r.check}`))] : undefined,
          },
        ];
      }),
    );
    const result = {
      command: `npx tsx bench/ingest-statement-ab.ts ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: machine(),
      neo4j: await neo4jVersion(db),
      statement: values.statement,
      // Each variant's text as run, so that the result says what was compared without the files.
      texts: Object.fromEntries(variants.map((v) => [v.name, v.text])),
      slice,
      summary,
      runs,
    };
    const file = writeResult('ingest-statement-ab', when.date, result);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    log(`wrote ${file}`);
  } finally {
    WriteTx.prototype.run = run;
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
