import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CellResult } from './load';
import { machine, stamp } from './proc';

/**
 * New runs land in bench/results/, which git ignores; the runs the docs cite are curated copies in
 * bench/baselines/. BENCH_RESULTS_DIR sends them elsewhere (CI writes outside the checkout).
 */
export const RESULTS_DIR = process.env.BENCH_RESULTS_DIR
  ? path.resolve(process.env.BENCH_RESULTS_DIR)
  : path.join(__dirname, '..', 'results');

/** <RESULTS_DIR>/<name>-<date>.json; a second run the same day gets -2, -3 … so nothing is overwritten. */
export function writeResult(name: string, date: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  let file = path.join(RESULTS_DIR, `${name}-${date}.json`);
  for (let i = 2; existsSync(file); i++) file = path.join(RESULTS_DIR, `${name}-${date}-${i}.json`);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/**
 * The result of an A/B script that times queries against a running Neo4j: the command that ran it, when, on
 * what machine, what its Neo4j CPU figures can be compared with, then the script's own fields (which may
 * replace any of these, e.g. a command that names its environment).
 */
export function writeAbResult(name: string, fields: Record<string, unknown>): string {
  const when = stamp();
  return writeResult(name, when.date, {
    command: `npx tsx bench/${name}.ts ${process.argv.slice(2).join(' ')}`.trimEnd(),
    date: when.time,
    machine: machine(),
    note: 'Neo4j CPU read from /proc at 10 ms resolution around each run; compare the variants, not machines',
    ...fields,
  });
}

export const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const round = (n: number, digits = 2): number =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : NaN;

export interface MeasuredCell extends CellResult {
  workload: string;
  concurrency: number;
  arm: string;
  round: number;
  /** Position in the run, to read drift. */
  sequence: number;
  roundTripsPerRequest: number | null;
}

export interface SummaryRow {
  workload: string;
  concurrency: number;
  arm: string;
  reqPerSec: number;
  reqPerSecByRound: number[];
  latencyMs: { p50: number; p95: number; p99: number };
  requests: number;
  errors: number;
  serverCpuMsPerRequest: number;
  neo4jCpuMsPerRequest: number | null;
  /** Share of the machine's CPU (all cores) the other processes took during these cells. */
  othersCpuShare: number | null;
  roundTripsPerRequest: number | null;
  bytesPerResponse: number;
}

export function summarize(cells: MeasuredCell[], nproc: number): SummaryRow[] {
  const groups = new Map<string, MeasuredCell[]>();
  for (const c of cells) {
    const key = `${c.workload}|${c.concurrency}|${c.arm}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((g) => {
    const sum = (f: (c: MeasuredCell) => number) => g.reduce((n, c) => n + f(c), 0);
    const requests = sum((c) => c.requests);
    const neo4j = g.every((c) => c.cpuMs.neo4j !== null) ? sum((c) => c.cpuMs.neo4j ?? 0) : null;
    const others = g.every((c) => c.cpuMs.others !== null) ? sum((c) => c.cpuMs.others ?? 0) : null;
    const wall = sum((c) => c.elapsedS * 1000 * nproc);
    const trips = g.filter((c) => c.roundTripsPerRequest !== null);
    return {
      workload: g[0].workload,
      concurrency: g[0].concurrency,
      arm: g[0].arm,
      reqPerSec: round(median(g.map((c) => c.reqPerSec)), 1),
      reqPerSecByRound: g.map((c) => c.reqPerSec),
      latencyMs: {
        p50: round(median(g.map((c) => c.latencyMs.p50))),
        p95: round(median(g.map((c) => c.latencyMs.p95))),
        p99: round(median(g.map((c) => c.latencyMs.p99))),
      },
      requests,
      errors: sum((c) => c.errors + c.socketErrors + c.timeouts),
      serverCpuMsPerRequest: round(sum((c) => c.cpuMs.server) / Math.max(1, requests), 3),
      neo4jCpuMsPerRequest: neo4j === null ? null : round(neo4j / Math.max(1, requests), 3),
      othersCpuShare: others === null ? null : round(others / wall, 3),
      roundTripsPerRequest: trips.length
        ? round(trips.reduce((n, c) => n + (c.roundTripsPerRequest ?? 0) * c.requests, 0) / requests, 3)
        : null,
      bytesPerResponse: Math.round(median(g.map((c) => c.bytesPerResponse))),
    };
  });
}

export interface RatioRow {
  workload: string;
  concurrency: number;
  /** stancegraph req/s ÷ bare req/s (medians), and the same ratio round by round (paired runs). */
  vsBare: number | null;
  vsBareByRound: number[];
  vsNeo4jGraphql: number | null;
  vsNeo4jGraphqlByRound: number[];
  /** stancegraph ÷ every other arm, by arm name (includes `stancegraph@<dir>` arms: after ÷ before). */
  versus: Record<string, { ratio: number | null; byRound: number[] }>;
  /** Every arm but bare ÷ bare (the response cache's arms are read against the bare endpoint). */
  overBare: Record<string, { ratio: number | null; byRound: number[] }>;
  /**
   * For each other checkout measured whole (`stancegraph@<dir>` beside `bare@<dir>` or
   * `neo4j-graphql@<dir>`): its own stancegraph ÷ bare and ÷ neo4j-graphql, to set beside this checkout's.
   */
  checkouts?: Record<string, { vsBare: Ratio; vsNeo4jGraphql: Ratio }>;
}

type Ratio = { ratio: number | null; byRound: number[] };

export function ratios(summary: SummaryRow[]): RatioRow[] {
  const find = (w: string, c: number, arm: string) =>
    summary.find((r) => r.workload === w && r.concurrency === c && r.arm === arm);
  const pairs = new Set(summary.map((r) => `${r.workload}|${r.concurrency}`));
  return [...pairs].map((key) => {
    const [workload, c] = key.split('|');
    const concurrency = Number(c);
    const between = (arm: string, base = 'stancegraph'): Ratio => {
      const sg = find(workload, concurrency, base);
      const other = find(workload, concurrency, arm);
      if (!sg || !other) return { ratio: null, byRound: [] };
      return {
        ratio: round(sg.reqPerSec / other.reqPerSec),
        byRound: sg.reqPerSecByRound.map((v, i) => round(v / other.reqPerSecByRound[i])),
      };
    };
    const versus = (arm: string) => between(arm);
    const bare = versus('bare');
    const ng = versus('neo4j-graphql');
    const armNames = [...new Set(summary.map((r) => r.arm))];
    const others = armNames.filter((a) => a !== 'stancegraph');
    const dirs = armNames
      .filter((a) => a.startsWith('stancegraph@'))
      .map((a) => a.slice('stancegraph'.length));
    const bareRow = find(workload, concurrency, 'bare');
    const overBare = (arm: string) => {
      const row = find(workload, concurrency, arm);
      if (!row || !bareRow) return { ratio: null, byRound: [] };
      return {
        ratio: round(row.reqPerSec / bareRow.reqPerSec),
        byRound: row.reqPerSecByRound.map((v, i) => round(v / bareRow.reqPerSecByRound[i])),
      };
    };
    return {
      versus: Object.fromEntries(others.map((a) => [a, versus(a)])),
      overBare: Object.fromEntries(armNames.filter((a) => a !== 'bare').map((a) => [a, overBare(a)])),
      checkouts: Object.fromEntries(
        dirs.map((d) => [
          d.slice(1),
          {
            vsBare: between(`bare${d}`, `stancegraph${d}`),
            vsNeo4jGraphql: between(`neo4j-graphql${d}`, `stancegraph${d}`),
          },
        ]),
      ),
      workload,
      concurrency,
      vsBare: bare.ratio,
      vsBareByRound: bare.byRound,
      vsNeo4jGraphql: ng.ratio,
      vsNeo4jGraphqlByRound: ng.byRound,
    };
  });
}

/** A plain-text table with right-aligned numbers, for the terminal and for README. */
export function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((v) => (v === null || Number.isNaN(v) ? '–' : String(v))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `| ${r.map((v, i) => (i < 2 || isNaN(Number(v)) ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(cells[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}
