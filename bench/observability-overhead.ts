/**
 * npx tsx bench/observability-overhead.ts [-- --duration 10 --rounds 2 --connections 64 --warmup 3]
 *
 * What metrics and request logs cost: one Neo4j with the seed corpus and two services side by side, as
 * bench/load.ts starts one (`cli.ts serve`, NODE_ENV=production, LOG_LEVEL=warn, metrics off: "defaults"),
 * the other with METRICS=on LOG_LEVEL=info (one log line per request, written to a file as a collector
 * would read it). `npm run bench:load -- --url … --pid …` drives each in turn, A B then B A round by round,
 * and the service's CPU time (from /proc/<pid>/stat) is read around each run: CPU µs per request is the
 * figure, req/s on a shared machine only a hint. Writes bench/results/observability-overhead-<date>.json.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../src/config';
import { loadDocuments } from '../src/ingest/folders';
import { freePort } from '../src/runtime/neo4j-server';
import { benchDatabase, benchNeo4j } from './lib/neo4j';
import { cpuMs, machine, stamp } from './lib/proc';
import { writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[bench:observability] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const VARIANTS: { name: string; env: Record<string, string> }[] = [
  { name: 'defaults (metrics off, LOG_LEVEL=warn)', env: {} },
  { name: 'METRICS=on LOG_LEVEL=info', env: { METRICS: 'on', LOG_LEVEL: 'info' } },
];

interface Service {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
}

async function startService(
  variant: (typeof VARIANTS)[number],
  neo4j: { uri: string; password: string },
  dir: string,
  i: number,
): Promise<Service> {
  const port = await freePort();
  const logFile = path.join(dir, `service-${i}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli.ts'), 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: neo4j.password,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOAD_CORPUS: 'false',
      PLAYGROUND: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PERSISTED_QUERIES_ONLY: 'false',
      ...variant.env,
    },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${variant.name}: exited (code ${child.exitCode})`);
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`${variant.name}: not ready within 300 s`);
    await sleep(250);
  }
  log(`${variant.name}: ${url} pid ${child.pid}`);
  return { name: variant.name, url, pid: child.pid!, child, logFile };
}

/** One `npm run bench:load` against a running service; its report, read back from the file it wrote. */
function benchLoad(service: Service, args: string[]): Promise<{ file: string; report: LoadReport }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO_ROOT, 'bench', 'load.ts'),
        '--url',
        service.url,
        '--pid',
        String(service.pid),
        ...args,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', () => {
      const file = /wrote (\S+\.json)/.exec(stderr)?.[1];
      if (!file) return reject(new Error(`bench:load wrote no report:\n${stderr}`));
      const full = path.resolve(REPO_ROOT, file);
      resolve({ file: full, report: JSON.parse(readFileSync(full, 'utf8')) as LoadReport });
    });
  });
}

interface LoadReport {
  command: string;
  runs: { requests: number; reqPerSec: number; latencyMs: { p50: number; p99: number } }[];
  failed: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '64' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const rounds = Number(values.rounds);
  const loadArgs = ['--runs', '1', '--duration', values.duration, '--connections', values.connections];
  const when = stamp();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-observability-'));
  const neo4j = await benchNeo4j(log, { heap: '1g', pageCache: '512m' });
  const services: Service[] = [];
  try {
    const db = benchDatabase(neo4j);
    await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], log);
    await db.close();
    for (const [i, variant] of VARIANTS.entries()) services.push(await startService(variant, neo4j, dir, i));
    // Warm both (JIT, plans, pools) without recording.
    for (const service of services)
      await benchLoad(service, [
        '--runs',
        '1',
        '--duration',
        values.warmup,
        '--warmup',
        '0',
        '--connections',
        values.connections,
      ]);
    const runs: Record<string, unknown>[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const service of r % 2 ? [...services].reverse() : services) {
        const logBefore = statSync(service.logFile).size;
        const before = cpuMs(service.pid) ?? NaN;
        const { report } = await benchLoad(service, [...loadArgs, '--warmup', '0']);
        const cpu = (cpuMs(service.pid) ?? NaN) - before;
        const [run] = report.runs;
        const entry = {
          variant: service.name,
          round: r,
          command: report.command,
          requests: run.requests,
          reqPerSec: run.reqPerSec,
          latencyMs: run.latencyMs,
          failed: report.failed,
          serviceCpuMs: round(cpu, 0),
          serviceCpuUsPerRequest: round((cpu * 1000) / run.requests),
          logBytesPerRequest: round((statSync(service.logFile).size - logBefore) / run.requests),
        };
        runs.push(entry);
        log(
          `${entry.variant} round ${r + 1}: ${entry.serviceCpuUsPerRequest} µs CPU/request, ${entry.reqPerSec} req/s, log ${entry.logBytesPerRequest} B/request`,
        );
      }
    }
    const mean = (name: string) => {
      const mine = runs.filter((r) => r.variant === name);
      const cpu = mine.reduce((n, r) => n + (r.serviceCpuMs as number), 0);
      const requests = mine.reduce((n, r) => n + (r.requests as number), 0);
      return round((cpu * 1000) / requests);
    };
    const [a, b] = VARIANTS.map((v) => mean(v.name));
    const summary = {
      serviceCpuUsPerRequest: { [VARIANTS[0].name]: a, [VARIANTS[1].name]: b },
      ratio: round(b / a, 3),
      overheadUsPerRequest: round(b - a),
    };
    const file = writeResult('observability-overhead', when.date, {
      command: `npx tsx bench/observability-overhead.ts ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...machine(), loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
      settings: { rounds, loadArgs },
      variants: VARIANTS,
      runs,
      summary,
    });
    log(`${JSON.stringify(summary)}; wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const service of services) {
      const exited = new Promise((resolve) => service.child.once('exit', resolve));
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await neo4j.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
