/**
 * npm run bench:load [-- --duration 60 --connections 64 --runs 3 --url http://127.0.0.1:4000 --pid <pid>]
 *
 * A bounded load test on loopback: `connections` clients send a mix of the named traversals (supporters,
 * opponents, citedAsObjections, conditions, relations, neighborhood, stanceMatrix) over the seed graph
 * for `duration` seconds, `runs` times. Errors are counted from the response bodies (GraphQL errors come
 * with HTTP 200 or 400) as well as from the status. The service's resident memory (VmRSS of its process,
 * from /proc) is sampled before and after each run, to see whether it stays flat.
 *
 * Without --url it starts everything itself: a throw-away Neo4j and the service in a child process
 * (so that its memory is its own), both on 127.0.0.1, both stopped at the end. With --url it measures a
 * running service (loopback only), and its memory only if --pid names its process.
 *
 * Writes bench/results/load-<date>.json; exits 1 if any request failed.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version as packageVersion } from '../package.json';
import { REPO_ROOT } from '../src/config';
import { Target, rssMb, startTarget } from './load-service';
import { writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[bench:load] ${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The mix: one named operation per traversal, each with its arguments as variables. */
const MIX: { name: string; query: string; variables: Record<string, unknown> }[] = [
  {
    name: 'supporters',
    query: `query Supporters($of: String!) { supporters(of: $of) { kind polarity actor { name } evidence { quote start end } } }`,
    variables: { of: 'limited ceasefire' },
  },
  {
    name: 'opponents',
    query: `query Opponents($of: String!) { opponents(of: $of) { kind actor { name } evidence { quote } } }`,
    variables: { of: 'full-ceasefire' },
  },
  {
    name: 'citedAsObjections',
    query: `query Objections { citedAsObjections { edges { node { cited { name } by { name } objection { kind target { name } } evidence { quote } } } } }`,
    variables: {},
  },
  {
    name: 'conditions',
    query: `query Conditions($for: String!) { conditions(for: $for) { edges { node { condition { name } setBy { actor { name } } rejectedBy { actor { name } } } } } }`,
    variables: { for: 'full ceasefire' },
  },
  {
    name: 'relations',
    query: `query Relations($of: String!) { relations(of: $of) { edges { node { type from { name } to { name } evidence { quote } } } } }`,
    variables: { of: 'russia' },
  },
  {
    name: 'neighborhood',
    query: `query Neighborhood($of: String!) { neighborhood(of: $of, depth: 1) { nodes { id name kind } edges { type from { id } to { id } } } }`,
    variables: { of: 'putin' },
  },
  {
    name: 'stanceMatrix',
    query: `query Matrix { stanceMatrix(actorsFirst: 20, targetsFirst: 20) { cells { actor { name } target { name } kinds polarity } } }`,
    variables: {},
  },
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Growth of the service's RSS, from the end of the first run to the end of the last, still called flat. */
const FLAT_GROWTH = 0.1;

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '64' },
      runs: { type: 'string', default: '3' },
      url: { type: 'string' },
      pid: { type: 'string' },
      warmup: { type: 'string', default: '5' },
    },
  });
  const url = values.url ? new URL(values.url) : undefined;
  if (url && !LOOPBACK.has(url.hostname))
    throw new Error(`--url must be on loopback (127.0.0.1), not ${url.host}`);
  return {
    durationS: Number(values.duration),
    connections: Number(values.connections),
    runs: Number(values.runs),
    warmupS: Number(values.warmup),
    url: url?.origin,
    pid: values.pid ? Number(values.pid) : undefined,
  };
}

interface RunResult {
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  bodyErrors: number;
  errorKinds: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  rssMb: { before: number | null; after: number | null };
}

/** What went wrong with one response, read from its status and body; undefined when it is a good answer. */
function responseError(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    if (parsed.errors?.length) return `GraphQL ${parsed.errors[0].extensions?.code ?? 'error'}`;
    return parsed.data ? undefined : 'no data';
  } catch {
    return 'body is not JSON';
  }
}

async function run(target: Target, connections: number, durationS: number): Promise<RunResult> {
  const errorKinds: Record<string, number> = {};
  let bodyErrors = 0;
  const before = rssMb(target.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: `${target.url}/graphql`,
        connections,
        duration: durationS,
        timeout: 30,
        requests: MIX.map(({ query, variables }) => ({
          method: 'POST',
          body: JSON.stringify({ query, variables }),
          headers: { 'content-type': 'application/json' },
          onResponse: (status: number, body: string) => {
            const error = responseError(status, body);
            if (!error) return;
            bodyErrors++;
            errorKinds[error] = (errorKinds[error] ?? 0) + 1;
          },
        })),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
  });
  return {
    requests: result.requests.total,
    reqPerSec: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    non2xx: result.non2xx,
    bodyErrors,
    errorKinds,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    rssMb: { before, after: rssMb(target.pid) },
  };
}

function versions(neo4jVersion: string | undefined): Record<string, string> {
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  return {
    node: process.version,
    stancegraph: packageVersion,
    neo4j: neo4jVersion ?? 'unknown (service given by --url)',
    autocannon: version('autocannon'),
    '@apollo/server': version('@apollo/server'),
    graphql: version('graphql'),
    'neo4j-driver': version('neo4j-driver'),
  };
}

async function main(): Promise<void> {
  const opts = options();
  const target: Target = opts.url
    ? { url: opts.url, pid: opts.pid, stop: async () => {} }
    : await startTarget(log);
  const interrupted = () => void target.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // Each query once, one at a time, before any load: a cold Neo4j plans each on first use, and on a busy
    // machine a burst of 64 clients all waiting for those plans would measure the planner, not the service.
    for (const { query, variables } of MIX) {
      await fetch(`${target.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(60_000),
      }).then((r) => r.text());
    }
    if (opts.warmupS > 0) {
      log(`warm-up: ${opts.warmupS} s (not recorded)`);
      await run(target, opts.connections, opts.warmupS);
    }
    const runs: RunResult[] = [];
    for (let i = 1; i <= opts.runs; i++) {
      const r = await run(target, opts.connections, opts.durationS);
      runs.push(r);
      log(
        `run ${i}/${opts.runs}: ${r.reqPerSec} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ` +
          `${r.bodyErrors} failed of ${r.requests} (non-2xx ${r.non2xx}, socket errors ${r.socketErrors}, timeouts ` +
          `${r.timeouts}); service RSS ${r.rssMb.before ?? '?'} → ${r.rssMb.after ?? '?'} MB`,
      );
    }
    const first = runs.length > 1 ? runs[0].rssMb.after : runs[0].rssMb.before;
    const last = runs[runs.length - 1].rssMb.after;
    const growth = first !== null && last !== null ? (last - first) / first : null;
    const memory = {
      measuredIn: target.pid ? `child process ${target.pid} (VmRSS from /proc)` : 'not measured (no --pid)',
      from: runs.length > 1 ? 'end of run 1' : 'start of the run',
      fromMb: first,
      toMb: last,
      growthPct: growth === null ? null : round(growth * 100),
      // One run includes the growth of a fresh process (caches, JIT): only later runs can show a leak.
      flat: growth === null || runs.length < 2 ? null : growth <= FLAT_GROWTH,
      flatMeans: `RSS grew at most ${FLAT_GROWTH * 100}% from the end of run 1 to the end of the last run`,
    };
    const failed = runs.reduce((n, r) => n + r.bodyErrors + r.socketErrors + r.timeouts, 0);
    const report = {
      command: `npm run bench:load -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: new Date().toISOString(),
      versions: versions(target.neo4jVersion),
      machine: {
        nproc: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: round(os.totalmem() / 2 ** 30),
        // Sampled as the report is written: other processes on a shared machine skew every figure.
        loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
      },
      settings: { ...opts, url: target.url, mix: MIX.map((m) => m.name) },
      runs,
      memory,
      failed,
    };
    const file = writeResult('load', report.date.slice(0, 10), report);
    log(
      `memory ${memory.flat === null ? 'not judged (needs 2+ runs and a pid)' : memory.flat ? 'flat' : 'NOT flat'}: ` +
        `${memory.fromMb ?? '?'} → ${memory.toMb ?? '?'} MB (${memory.growthPct ?? '?'}%) ${memory.from} → end; ` +
        `${failed} failed request(s); wrote ${path.relative(process.cwd(), file)}`,
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    await target.stop();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
