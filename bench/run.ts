/**
 * npm run bench [-- --arms bare,stancegraph,neo4j-graphql --queries … --concurrency 1,8,32 --duration 5 --rate <req/s>
 *                   --rounds 2 --warmup 2 --name arms]
 *
 * One Neo4j (a throw-away one, or NEO4J_URI), the seed corpus, three arms each in a process of its own,
 * and for every query × concurrency the arms measured back to back in alternating order (A B C, C B A, …)
 * so that drift on a shared machine hits them alike. Writes bench/results/<name>-<date>.json and prints
 * the table.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDocuments } from '../src/ingest/folders';
import { REPO_ROOT } from '../src/config';
import { ARMS, CACHE_ARMS, WORKLOAD_SPECS, WORKLOADS, WorkloadName, armKind } from './workloads';
import { RunningArm, startArm } from './lib/children';
import { runCell } from './lib/load';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { machine, packageVersions, stamp } from './lib/proc';
import { MeasuredCell, ratios, summarize, writeResult } from './lib/report';
import { checkAnswers, measureRoundTrips } from './lib/checks';
import { workloadSpecsByArm } from './lib/arm-specs';
import { printArmTables } from './lib/tables';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function options() {
  const { values } = parseArgs({
    options: {
      arms: { type: 'string', default: [...ARMS, ...CACHE_ARMS].join(',') },
      queries: { type: 'string', default: WORKLOADS.join(',') },
      concurrency: { type: 'string', default: '1,8,32' },
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '3' },
      name: { type: 'string', default: 'arms' },
      /** A fixed request rate per cell (req/s) instead of as fast as possible: for CPU-per-request A/Bs. */
      rate: { type: 'string' },
      /** Start the arms, check that they answer every query alike, and stop: no cells, no result file. */
      check: { type: 'boolean', default: false },
    },
  });
  const arms = list(values.arms);
  const workloads = list(values.queries) as WorkloadName[];
  for (const a of arms)
    if (!ARMS.includes(armKind(a)))
      throw new Error(`unknown arm "${a}" (arms: ${ARMS.join(', ')}, each optionally @<dir>)`);
  for (const w of workloads)
    if (!WORKLOADS.includes(w)) throw new Error(`unknown query "${w}" (queries: ${WORKLOADS.join(', ')})`);
  return {
    arms,
    workloads,
    concurrency: list(values.concurrency).map(Number),
    durationS: Number(values.duration),
    rounds: Number(values.rounds),
    warmupS: Number(values.warmup),
    name: values.name,
    rate: values.rate ? Number(values.rate) : undefined,
    checkOnly: values.check,
  };
}

async function main(): Promise<void> {
  const opts = options();
  const when = stamp();
  const host = machine();
  const neo4j = await benchNeo4j(log, { heap: '1g', pageCache: '512m' });
  const running: RunningArm[] = [];
  try {
    const db = benchDatabase(neo4j);
    await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], log);
    const version = await neo4jVersion(db);
    const [counts] = await db.read({
      name: 'bench/counts',
      text: 'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
    });
    await db.close();

    for (const name of opts.arms) running.push(await startArm(name, neo4j));
    const arms = new Map(running.map((a) => [a.name, a]));
    log(`arms: ${running.map((a) => `${a.name} pid ${a.pid} ${a.url}`).join(', ')}`);

    const sg = arms.get('stancegraph');
    const roundTripsFirst = sg ? await measureRoundTrips(sg, opts.workloads) : null;
    const specs = workloadSpecsByArm(opts.arms);
    // The uncached arm asks the same question with a new unused variable each time (bench/workloads.ts).
    const requestOf = (arm: string, workload: WorkloadName) => {
      const request = specs.get(arm)![workload].requests[armKind(arm)];
      return arm.split('@')[0] === 'stancegraph-uncached' ? { ...request, vary: true } : request;
    };
    const answers = await checkAnswers(arms, opts.workloads, log, specs);
    if (opts.checkOnly) {
      log(`the ${arms.size} arms answer the ${opts.workloads.length} queries alike`);
      return;
    }

    log(`warm-up: ${opts.warmupS} s per arm and query at concurrency 8`);
    for (const workload of opts.workloads)
      for (const [name, arm] of arms)
        await runCell({
          url: arm.url,
          request: requestOf(name, workload),
          connections: 8,
          durationS: opts.warmupS,
          pids: { server: arm.pid, neo4j: neo4j.pid },
        });
    const roundTripsWarm = sg ? await measureRoundTrips(sg, opts.workloads) : null;

    const cells: MeasuredCell[] = [];
    const order = [...arms.keys()];
    const total = opts.workloads.length * opts.concurrency.length * opts.rounds * order.length;
    for (const workload of opts.workloads)
      for (const concurrency of opts.concurrency)
        for (let round = 0; round < opts.rounds; round++)
          for (const name of round % 2 ? [...order].reverse() : order) {
            const arm = arms.get(name)!;
            const before = armKind(name) === 'stancegraph' ? await arm.stats() : undefined;
            const result = await runCell({
              url: arm.url,
              request: requestOf(name, workload),
              connections: concurrency,
              durationS: opts.durationS,
              rate: opts.rate,
              pids: { server: arm.pid, neo4j: neo4j.pid },
            });
            const after = before ? await arm.stats() : undefined;
            const trips =
              before && after && before.queries !== null && after.queries !== null
                ? (after.queries - before.queries) / Math.max(1, after.requests - before.requests)
                : null;
            cells.push({
              workload,
              concurrency,
              arm: name,
              round,
              sequence: cells.length,
              ...result,
              roundTripsPerRequest: trips,
            });
            log(
              `[${cells.length}/${total}] ${workload} c=${concurrency} ${name}: ${result.reqPerSec} req/s, ` +
                `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, errors ${result.errors}`,
            );
          }
    const after = machine();
    const summary = summarize(cells, host.nproc);
    const result = {
      name: opts.name,
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...host, loadAverageAfter: after.loadAverage },
      versions: {
        ...packageVersions([
          '@apollo/server',
          'graphql',
          'type-graphql',
          'neo4j-driver',
          '@neo4j/graphql',
          'autocannon',
          'express',
        ]),
        neo4j: version,
      },
      neo4j: {
        external: neo4j.pid === undefined,
        heap: neo4j.heap ?? null,
        pageCache: neo4j.pageCache ?? null,
      },
      data: { corpus: 'corpus/ (seed)', nodes: counts.nodes, relationships: counts.relationships },
      options: { ...opts, order: 'per query × concurrency: rounds alternate A B C / C B A' },
      process: {
        stancegraph:
          'child process (bench/arms/stancegraph.ts: startService + createStores + buildGraphSchema), CPU from /proc/<pid>/stat',
        bare: 'child process (bench/arms/bare.ts), CPU from /proc/<pid>/stat',
        'neo4j-graphql': 'child process (bench/arms/neo4j-graphql.ts), CPU from /proc/<pid>/stat',
        neo4j: 'JVM started by the benchmark, CPU from /proc/<pid>/stat',
        loadGenerator: 'autocannon in the parent process, CPU from process.cpuUsage()',
      },
      workloads: Object.fromEntries(
        opts.workloads.map((w) => [
          w,
          { description: WORKLOAD_SPECS[w].description, requests: WORKLOAD_SPECS[w].requests },
        ]),
      ),
      answers,
      roundTrips: { firstRequest: roundTripsFirst, afterWarmup: roundTripsWarm },
      summary,
      ratios: ratios(summary),
      cells,
    };
    const file = writeResult(opts.name, when.date, result);
    printArmTables(result);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const arm of running) await arm.close().catch(() => {});
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
