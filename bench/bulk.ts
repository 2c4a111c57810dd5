/**
 * npm run bench:bulk [-- --relationships 1000000 --seed 1 --workers 2 --bare 2]
 *
 * The bulk path (`npm run load -- --bulk`, src/bulk-load.ts) on a synthetic corpus of about --relationships
 * relationships (testkit/synthetic, written before the clock starts), into a throw-away local Neo4j:
 *   1. corpus files → a serving service: bulkLoad (validation in --workers threads, CSV, import tool,
 *      Neo4j start, schema and indexes), then the service started in-process on that database, until its
 *      first GraphQL answer — wall clock, the target being ≤ 60 s for 10⁶ relationships;
 *   2. the import tool on its own, from the command line, on the very CSV the bulk path wrote, into a new
 *      home (--bare runs), against the bulk path's import step — the target being ≤ 1.25×.
 * Writes bench/results/bulk-<date>.json, with the machine's CPU use by other processes during the run.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bulkLoad } from '../src/bulk-load';
import { loadConfig } from '../src/config';
import { buildGraph } from '../src/ingest/bulk/graph-rows';
import { validateCorpus } from '../src/ingest/folders';
import { registryRow } from '../src/ingest/plan';
import { javaExecutable, resolveJars } from '../src/runtime/java';
import { parseImportDone } from '../src/runtime/neo4j-import';
import { freePort, prepareHome } from '../src/runtime/neo4j-server';
import { generateCorpus } from '../testkit/synthetic';
import { benchDatabase } from './lib/neo4j';
import { cpuMs, machine, machineCpuMs, packageVersions, stamp } from './lib/proc';
import { median, round, writeResult } from './lib/report';
import { graphSize, startInProcessService } from './lib/scale-support';

const log = (line: string) => process.stderr.write(`[bulk] ${line}\n`);

/** Relationships a synthetic document makes, from a small sample through the real validator and planner. */
function relationshipsPerDocument(seed: number): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-sample-'));
  try {
    generateCorpus({ documents: 40, out: dir, seed });
    const { plans, registries } = validateCorpus([dir], () => {});
    const counts = buildGraph(
      { plans, registries: registries.map((r) => [...r.byId.values()].map(registryRow)) },
      { row: () => {} },
    );
    return counts.relationships / plans.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The import tool as a user runs it by hand, on the files the bulk path wrote; a new home each time. */
async function bareImport(args: string[], password: string): Promise<{ toolMs: number; wallMs: number }> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bench-neo4j-'));
  try {
    const lib = await resolveJars(log);
    await prepareHome(lib, home, password);
    const started = Date.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        javaExecutable(),
        ['-Xmx1g', '-cp', `${lib}/*`, 'org.neo4j.cli.AdminTool', 'database', 'import', 'full', ...args],
        {
          env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
          cwd: home,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text.slice(-2000)}`)),
      );
    });
    const wallMs = Date.now() - started;
    const toolMs = parseImportDone(output);
    if (toolMs === undefined) throw new Error(`no IMPORT DONE in:\n${output.slice(-2000)}`);
    return { toolMs, wallMs };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: String(os.availableParallelism()) },
      bare: { type: 'string', default: '2' },
    },
  });
  const target = Number(values.relationships);
  const seed = Number(values.seed);
  const when = stamp();
  const host = machine();
  const perDocument = relationshipsPerDocument(seed);
  const documents = Math.ceil(target / perDocument);
  const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-corpus-'));
  const csvDir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bulk-csv-'));
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bench-neo4j-'));
  let stopNeo4j: (() => Promise<void>) | undefined;
  try {
    let t = Date.now();
    generateCorpus({ documents, out: corpusDir, seed });
    const generateMs = Date.now() - t;
    log(
      `generated ${documents} documents (~${perDocument.toFixed(0)} relationships each) in ${generateMs} ms`,
    );

    const password = 'stancegraph-bench';
    const config = loadConfig({
      ...process.env,
      NEO4J_URI: '',
      NEO4J_DATA_DIR: home,
      NEO4J_PASSWORD: password,
      NEO4J_BOLT_PORT: String(await freePort()),
      NEO4J_HTTP_PORT: String(await freePort()),
      NEO4J_HEAP: '1g',
      NEO4J_PAGECACHE: '512m',
      LOG_LEVEL: 'silent',
    });
    const machineBefore = machineCpuMs();
    const selfBefore = process.cpuUsage();
    const started = Date.now();
    const summary = await bulkLoad(config, [corpusDir], {
      log,
      report: () => {},
      keepRunning: true,
      workers: Number(values.workers),
      csvDir,
    });
    const neo4j = summary.neo4j!;
    stopNeo4j = () => neo4j.stop();
    const bench = { uri: summary.uri, user: 'neo4j', password, database: 'neo4j', stop: async () => {} };
    t = Date.now();
    const service = await startInProcessService(bench);
    let firstAnswerMs: number;
    try {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ entities(first: 1) { edges { node { id name } } } }' }),
      });
      const body = (await response.json()) as { data?: { entities?: { edges: unknown[] } } };
      if (!body.data?.entities?.edges.length) throw new Error(`no answer: ${JSON.stringify(body)}`);
      firstAnswerMs = Date.now() - t;
    } finally {
      await service.close();
    }
    const wallMs = Date.now() - started;
    const selfCpu = process.cpuUsage(selfBefore);
    const machineCpu = machineBefore !== undefined ? machineCpuMs()! - machineBefore : undefined;
    const neo4jCpu = cpuMs(neo4j.pid);
    const db = benchDatabase(bench);
    const size = await graphSize(db);
    await db.close();
    await neo4j.stop();
    stopNeo4j = undefined;
    log(
      `corpus files → serving service: ${(wallMs / 1000).toFixed(1)} s for ${size.relationships} relationships`,
    );

    const bare: { toolMs: number; wallMs: number }[] = [];
    for (let i = 0; i < Number(values.bare); i++) {
      const run = await bareImport(['--max-off-heap-memory=2g', ...summary.importArguments], password);
      log(`import tool alone: IMPORT DONE in ${run.toolMs} ms (${run.wallMs} ms with the JVM's start)`);
      bare.push(run);
    }
    const bareWall = median(bare.map((b) => b.wallMs));
    const bareTool = median(bare.map((b) => b.toolMs));
    const result = {
      command: `npm run bench:bulk -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...host, loadAverageAfter: machine().loadAverage },
      noise:
        'otherProcessesCpuMs is the CPU every other process used while the bulk path ran: the import ' +
        "tool's JVM (a process of its own) and anything else running on the machine.",
      cpu: {
        machineCpuMs: machineCpu === undefined ? null : round(machineCpu, 0),
        benchProcessCpuMs: round((selfCpu.user + selfCpu.system) / 1000, 0),
        neo4jCpuMs: neo4jCpu === undefined ? null : round(neo4jCpu, 0),
        otherProcessesCpuMs:
          machineCpu === undefined ? null : round(machineCpu - (selfCpu.user + selfCpu.system) / 1000, 0),
        wallCoresAvailableMs: wallMs * host.nproc,
      },
      versions: packageVersions(['neo4j-driver', 'graphql']),
      target: { relationships: target, wallSeconds: 60, importRatio: 1.25 },
      corpus: { documents, relationshipsPerDocument: round(perDocument, 1), generateMs, seed },
      graph: size,
      workers: Number(values.workers),
      toServing: {
        wallMs,
        bulkLoad: summary.timings,
        serviceStartAndFirstAnswerMs: firstAnswerMs,
        csvBytes: summary.csvBytes,
        csvFiles: summary.csvFiles,
        fixedEmptyLists: summary.fixed,
        relationshipsPerSecond: round(size.relationships / (wallMs / 1000), 0),
      },
      importTool: {
        bare,
        bareMedianWallMs: bareWall,
        bareMedianToolMs: bareTool,
        bulkStepWallMs: summary.timings.importMs,
        bulkStepToolMs: summary.timings.importToolMs,
        ratioWall: round(summary.timings.importMs / bareWall, 2),
        ratioTool: round(summary.timings.importToolMs / bareTool, 2),
      },
    };
    const file = writeResult('bulk', when.date, result);
    log(
      `wall ${(wallMs / 1000).toFixed(1)} s (target 60); import step ${result.importTool.ratioWall}× the tool ` +
        `alone (wall), ${result.importTool.ratioTool}× (tool's own time); wrote ${path.relative(process.cwd(), file)}`,
    );
  } finally {
    await stopNeo4j?.();
    for (const dir of [corpusDir, csvDir, home]) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
