/**
 * npm run bench:subscriptions [-- --subscribers 1000 --loads 100 --instances 2 --load-through all
 *                                 --stances-share 0.1]
 *
 * Subscriptions across service instances, as deployed: one throw-away Neo4j (or NEO4J_URI), one real
 * redis-server (src/runtime/redis-server.ts) and `instances` service processes (`src/cli.ts serve`, each a
 * child process, so that its memory and CPU are its own) with the same REDIS_URL. `subscribers` graphql-ws
 * clients, one WebSocket each, split evenly over the instances, follow documentLoaded; a share of them
 * (--stances-share, spread over the instances) also follows stancesChanged on the same connection. Then `loads` documents are loaded
 * through loadDocument, one at a time, each once every subscriber has its event: through every instance in
 * turn (--load-through all, the default) or through the first only (--load-through first).
 *
 * Measured:
 * - commit → event: from the event's committedAt (the loading instance's clock at commit) to its arrival at
 *   each subscriber (this process's clock: the same machine), p50/p99/max over every delivery and over the
 *   last subscriber of each load; split by subscribers on the loading instance and on the others;
 * - memory per idle subscription: each instance's RSS (/proc) before and after its subscribers connected;
 * - counted: every subscriber got exactly `loads` documentLoaded events (no id missing, no eventId twice) and
 *   the stancesChanged followers every stancesChanged event once; no event arrived before its commit —
 *   by the clocks, and by a read: the first subscriber of each instance to get a load's event reads
 *   document(id:) from its own instance at once, and the document must be there.
 * A fence load after the last one (every subscriber has its event) shows that no duplicate was still on
 * its way. The client (this process) shares the machine's cores with the services, Redis and Neo4j: the
 * CPU each used is in the result.
 *
 * Writes bench/results/subscriptions-<date>.json; exits 1 if any event was lost, duplicated or early.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version as packageVersion } from '../package.json';
import { REPO_ROOT } from '../src/config';
import { operation } from '../src/operations';
import { freePort } from '../src/runtime/neo4j-server';
import { RunningRedis, redisServerVersion, startLocalRedis } from '../src/runtime/redis-server';
import { rssMb } from './load-service';
import { BenchNeo4j, benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { cpuMs, machine, packageVersions } from './lib/proc';
import { writeResult } from './lib/report';
import { Received, Subscriber, deliveryCheck, openSubscriber, percentiles } from './lib/subscribers';

const log = (line: string) => process.stderr.write(`[bench:subscriptions] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const WRITE_TOKEN = 'bench-subscriptions-write-token-0123456789';
const FIXTURE = path.join(REPO_ROOT, 'tests', 'unit', 'fixtures', 'valid');
const ARTICLE = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const ANNOTATION = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const LOAD_DOCUMENT = operation('load-document');
const DOCUMENT_LOADED = operation('subscriptions/document-loaded');
const STANCES_CHANGED = operation('subscriptions/stances-changed');
const READ_DOCUMENT = 'query Read($id: ID!) { document(id: $id) { id } }';
/** How long one load's events may take to reach every subscriber before the missing ones count as lost. */
const DELIVERY_TIMEOUT_MS = 60_000;
/** Connections opened at once while subscribing. */
const CONNECT_BATCH = 50;

function options() {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      loads: { type: 'string', default: '100' },
      instances: { type: 'string', default: '2' },
      'load-through': { type: 'string', default: 'all' },
      'stances-share': { type: 'string', default: '0.1' },
    },
  });
  const opts = {
    subscribers: Number(values.subscribers),
    loads: Number(values.loads),
    instances: Number(values.instances),
    loadThrough: values['load-through'],
    stancesShare: Number(values['stances-share']),
  };
  if (!Number.isInteger(opts.subscribers) || opts.subscribers < 1)
    throw new Error('--subscribers: an integer ≥ 1');
  if (!Number.isInteger(opts.loads) || opts.loads < 1) throw new Error('--loads: an integer ≥ 1');
  if (!Number.isInteger(opts.instances) || opts.instances < 1) throw new Error('--instances: an integer ≥ 1');
  if (opts.loadThrough !== 'all' && opts.loadThrough !== 'first')
    throw new Error('--load-through: all or first');
  if (!(opts.stancesShare >= 0 && opts.stancesShare <= 1)) throw new Error('--stances-share: from 0 to 1');
  return opts;
}

interface Instance {
  index: number;
  url: string;
  wsUrl: string;
  pid: number;
  child: ChildProcess;
  /** Where bench/lib/memory-probe.ts writes the instance's memory after a full GC, on SIGUSR2. */
  memoryFile: string;
}

/** The instance's memory in MB after a full garbage collection (bench/lib/memory-probe.ts in the child). */
async function memoryAfterGc(instance: Instance) {
  rmSync(instance.memoryFile, { force: true });
  process.kill(instance.pid, 'SIGUSR2');
  const deadline = Date.now() + 30_000;
  while (!existsSync(instance.memoryFile)) {
    if (Date.now() > deadline) throw new Error(`instance ${instance.index}: no memory report within 30 s`);
    await sleep(20);
  }
  await sleep(50); // written whole by then: one writeFileSync of a few bytes
  const usage = JSON.parse(readFileSync(instance.memoryFile, 'utf8')) as NodeJS.MemoryUsage;
  const mb = (bytes: number) => round(bytes / 2 ** 20, 2);
  return {
    rssMb: rssMb(instance.pid),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
  };
}

/** One service instance as a child process (`src/cli.ts serve` under tsx), ready once /ready says so. */
async function startInstance(
  index: number,
  neo4j: BenchNeo4j,
  redis: RunningRedis,
  maxConnections: number,
  memoryDir: string,
): Promise<Instance> {
  const port = await freePort();
  const memoryFile = path.join(memoryDir, `instance-${index}.json`);
  const probe = path.join(__dirname, 'lib', 'memory-probe.ts');
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    '--import',
    probe,
    path.join(REPO_ROOT, 'src', 'cli.ts'),
    'serve',
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      BENCH_MEMORY_FILE: memoryFile,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      HOST: '127.0.0.1',
      PORT: String(port),
      REDIS_URL: redis.url,
      STANCEGRAPH_WRITE_TOKEN: WRITE_TOKEN,
      SUBSCRIPTIONS_MAX_CONNECTIONS: String(maxConnections),
      LOAD_CORPUS: 'false',
      PLAYGROUND: 'false',
      LOG_LEVEL: 'warn',
      // As deployed, except that the document read of the check is not on the persisted-query allow-list.
      NODE_ENV: 'production',
      PERSISTED_QUERIES_ONLY: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`instance ${index} exited (code ${child.exitCode}) before it was ready`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`instance ${index} was not ready within 300 s`);
    await sleep(250);
  }
  log(`instance ${index} ready at ${url} (pid ${child.pid})`);
  return { index, url, wsUrl: `ws://127.0.0.1:${port}/graphql`, pid: child.pid!, child, memoryFile };
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors from ${url}: ${JSON.stringify(body.errors)}`);
  return body.data ?? {};
}

/** The fixture under a document id of its own: a new document, so every load commits and is announced. */
async function load(instance: Instance, id: string): Promise<void> {
  const data = await graphql(
    instance.url,
    LOAD_DOCUMENT,
    { article: ARTICLE, annotation: ANNOTATION.replace('id: valid', `id: ${id}`) },
    WRITE_TOKEN,
  );
  const status = (data.loadDocument as { status?: string } | undefined)?.status;
  if (status !== 'CREATED')
    throw new Error(`load ${id} through instance ${instance.index}: status ${status}`);
}

/**
 * Who has had a documentLoaded event for which document id, kept as the events arrive (one set per id), and
 * a wait for the moment all of them have: the client checks nothing in a loop while events are on the way.
 */
function arrivals(total: () => number) {
  const byId = new Map<string, Set<number>>();
  const waiters = new Map<string, () => void>();
  return {
    record(subscriber: Subscriber, id: string) {
      const seen = byId.get(id) ?? new Set<number>();
      byId.set(id, seen.add(subscriber.index));
      if (seen.size >= total()) waiters.get(id)?.();
    },
    /** Resolves true once every subscriber has the event for `id`; false after timeoutMs. */
    everyoneHas(id: string, timeoutMs: number): Promise<boolean> {
      if ((byId.get(id)?.size ?? 0) >= total()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(id);
          resolve(false);
        }, timeoutMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(true);
        });
      });
    },
  };
}

function cpuOf(pids: Record<string, number | undefined>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
}

async function main(): Promise<void> {
  const opts = options();
  const started = new Date();
  const machineAtStart = machine();
  const neo4j = await benchNeo4j(log, { heap: '512m', pageCache: '128m' });
  let redis: RunningRedis | undefined;
  const instances: Instance[] = [];
  const subscribers: Subscriber[] = [];
  const memoryDir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bench-subscriptions-'));
  const cleanup = async () => {
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await Promise.all(instances.map(stopInstance));
    await redis?.stop();
    await neo4j.stop();
    rmSync(memoryDir, { recursive: true, force: true });
  };
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const db = benchDatabase(neo4j);
    const neo4jServer = await neo4jVersion(db);
    await db.close();
    redis = await startLocalRedis({ log });
    const perInstance = Math.ceil(opts.subscribers / opts.instances);
    for (let i = 0; i < opts.instances; i++)
      instances.push(await startInstance(i, neo4j, redis, Math.max(2_000, perInstance + 100), memoryDir));
    const through = (n: number) => instances[opts.loadThrough === 'all' ? n % instances.length : 0];

    // Warm-up with no subscriber: each instance loads once (the loader's code paths compiled, Neo4j's plans
    // made), so that the memory measured next is that of the subscriptions.
    for (const instance of instances) await load(instance, `bench-sub-warmup-${instance.index}`);
    await sleep(3_000);
    const rssBefore = instances.map((i) => rssMb(i.pid));
    const gcBefore = await Promise.all(instances.map(memoryAfterGc));

    // The read check: the first subscriber of each instance to get a load's event reads the document from
    // that instance at once.
    const readChecks: { id: string; instance: number; found: boolean; error?: string }[] = [];
    const firstOnInstance = new Set<string>();
    const arrived = arrivals(() => subscribers.length);
    const onDocumentLoaded = (subscriber: Subscriber, event: Received) => {
      arrived.record(subscriber, event.id);
      const key = `${subscriber.instance}|${event.eventId}`;
      if (firstOnInstance.has(key)) return;
      firstOnInstance.add(key);
      const instance = instances[subscriber.instance];
      graphql(instance.url, READ_DOCUMENT, { id: event.id }).then(
        (data) => readChecks.push({ id: event.id, instance: instance.index, found: data.document != null }),
        (error: unknown) =>
          readChecks.push({ id: event.id, instance: instance.index, found: false, error: String(error) }),
      );
    };

    const stancesEvery = opts.stancesShare > 0 ? Math.round(1 / opts.stancesShare) : 0;
    log(`opening ${opts.subscribers} subscribers over ${opts.instances} instance(s)`);
    for (let i = 0; i < opts.subscribers; i += CONNECT_BATCH) {
      const batch: Subscriber[] = [];
      for (let j = i; j < Math.min(opts.subscribers, i + CONNECT_BATCH); j++) {
        const instance = instances[j % instances.length];
        batch.push(
          openSubscriber({
            index: j,
            instance: instance.index,
            wsUrl: instance.wsUrl,
            documentLoaded: DOCUMENT_LOADED,
            // Spread over the instances: the first subscriber of each instance in every stancesEvery.
            stancesChanged:
              stancesEvery && j % (stancesEvery * instances.length) < instances.length
                ? STANCES_CHANGED
                : undefined,
            onDocumentLoaded,
          }),
        );
      }
      subscribers.push(...batch);
      const deadline = Date.now() + 60_000;
      while (!batch.every((s) => s.connected || s.failures.length)) {
        if (Date.now() > deadline) throw new Error('subscribers not connected within 60 s');
        await sleep(5);
      }
      const failed = batch.filter((s) => s.failures.length);
      if (failed.length)
        throw new Error(`subscriber ${failed[0].index} failed: ${failed[0].failures.join('; ')}`);
    }
    await sleep(5_000);
    const rssAfter = instances.map((i) => rssMb(i.pid));
    const gcAfter = await Promise.all(instances.map(memoryAfterGc));
    const counts = instances.map((i) => subscribers.filter((s) => s.instance === i.index).length);

    // A fence before the measured loads: every subscription is running once every subscriber has its event.
    await load(instances[0], 'bench-sub-fence-start');
    if (!(await arrived.everyoneHas('bench-sub-fence-start', DELIVERY_TIMEOUT_MS)))
      throw new Error('not every subscriber received the first fence: subscriptions not running');
    const rssAfterFirstEvent = instances.map((i) => rssMb(i.pid));

    const pids = {
      client: process.pid,
      neo4j: neo4j.pid,
      redis: redis.pid,
      ...Object.fromEntries(instances.map((i) => [`instance${i.index}`, i.pid])),
    };
    const cpuBefore = cpuOf(pids);
    const loadStarted = Date.now();
    const loads: { id: string; through: number; complete: boolean; loadMs: number }[] = [];
    for (let n = 0; n < opts.loads; n++) {
      const id = `bench-sub-${n}`;
      const instance = through(n);
      const t0 = Date.now();
      await load(instance, id);
      const loadMs = Date.now() - t0;
      const complete = await arrived.everyoneHas(id, DELIVERY_TIMEOUT_MS);
      loads.push({ id, through: instance.index, complete, loadMs });
      if (!complete) log(`load ${id}: not every subscriber had its event within ${DELIVERY_TIMEOUT_MS} ms`);
      if ((n + 1) % 10 === 0) log(`${n + 1}/${opts.loads} loads`);
    }
    const loadPhaseS = (Date.now() - loadStarted) / 1000;
    const cpuAfter = cpuOf(pids);
    // The fence after the last load: a duplicate of any earlier event would be ahead of it on its socket.
    await load(instances[instances.length - 1], 'bench-sub-fence-end');
    await arrived.everyoneHas('bench-sub-fence-end', DELIVERY_TIMEOUT_MS);
    await sleep(500); // the last read checks answer

    // Deliveries of the measured loads.
    const fences = ['bench-sub-fence-start', 'bench-sub-fence-end'];
    const expected = [fences[0], ...loads.map((l) => l.id), fences[1]];
    const measured = new Set(loads.map((l) => l.id));
    const throughOf = new Map(loads.map((l) => [l.id, l.through]));
    const all: number[] = [];
    const sameInstance: number[] = [];
    const otherInstance: number[] = [];
    const lastPerLoad = new Map<string, number>();
    let early = 0;
    for (const s of subscribers) {
      for (const e of s.documentLoaded) {
        if (!measured.has(e.id)) continue;
        const ms = e.receivedAt - e.committedAt!;
        if (ms < 0) early++;
        all.push(ms);
        (throughOf.get(e.id) === s.instance ? sameInstance : otherInstance).push(ms);
        lastPerLoad.set(e.id, Math.max(lastPerLoad.get(e.id) ?? -Infinity, ms));
      }
    }
    const first = loads[0].id;
    const firstLoad = subscribers.flatMap((s) =>
      s.documentLoaded.filter((e) => e.id === first).map((e) => e.receivedAt - e.committedAt!),
    );

    // Counts: exactly once each, none lost.
    const documentChecks = subscribers.map((s) => deliveryCheck(s.documentLoaded, expected));
    const stanceFollowers = subscribers.filter((s) => s.stancesChanged);
    const stanceEventIds = new Set(stanceFollowers.flatMap((s) => s.stancesChanged!.map((e) => e.eventId)));
    const stanceChecks = stanceFollowers.map((s) => deliveryCheck(s.stancesChanged!, expected));
    const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
    const counted = {
      subscribers: subscribers.length,
      documentLoaded: {
        eventsExpectedPerSubscriber: expected.length,
        measuredLoads: loads.length,
        received: sum(documentChecks.map((c) => c.received)),
        subscribersWithExactlyAll: documentChecks.filter(
          (c) => c.received === expected.length && c.distinct === expected.length && !c.missing.length,
        ).length,
        lost: sum(documentChecks.map((c) => c.missing.length)),
        duplicated: sum(documentChecks.map((c) => c.duplicates)),
        unexpected: sum(documentChecks.map((c) => c.unexpected.length)),
        beforeCommitByClock: early,
      },
      stancesChanged: {
        followers: stanceFollowers.length,
        distinctEvents: stanceEventIds.size,
        received: sum(stanceChecks.map((c) => c.received)),
        followersWithEveryEventOnce: stanceChecks.filter(
          (c) =>
            c.received === stanceEventIds.size && c.distinct === stanceEventIds.size && !c.missing.length,
        ).length,
        lost: sum(stanceChecks.map((c) => c.missing.length)),
        duplicated: sum(stanceChecks.map((c) => c.duplicates)),
      },
      readOnFirstArrival: {
        reads: readChecks.length,
        expected: expected.length * instances.length,
        found: readChecks.filter((r) => r.found).length,
        notFound: readChecks.filter((r) => !r.found),
      },
      subscriberFailures: subscribers.flatMap((s) => s.failures.map((f) => `#${s.index}: ${f}`)),
      incompleteLoads: loads.filter((l) => !l.complete).map((l) => l.id),
    };
    const failed =
      counted.documentLoaded.subscribersWithExactlyAll !== subscribers.length ||
      counted.documentLoaded.duplicated > 0 ||
      counted.documentLoaded.unexpected > 0 ||
      early > 0 ||
      counted.stancesChanged.followersWithEveryEventOnce !== stanceFollowers.length ||
      counted.stancesChanged.duplicated > 0 ||
      counted.readOnFirstArrival.found !== counted.readOnFirstArrival.expected ||
      counted.subscriberFailures.length > 0;

    const perSubscriptionKb = (before: number | null, after: number | null, n: number) =>
      before === null || after === null ? null : round(((after - before) * 1024) / n, 1);
    const memory = instances.map((i, k) => ({
      instance: i.index,
      subscribers: counts[k],
      rssBeforeMb: rssBefore[k],
      rssAfterSubscribingMb: rssAfter[k],
      rssAfterFirstEventMb: rssAfterFirstEvent[k],
      afterFullGc: { before: gcBefore[k], after: gcAfter[k] },
      /** RSS as it is: includes garbage not collected yet, and the GC's timing moves it either way. */
      kbPerIdleSubscriptionRss: perSubscriptionKb(rssBefore[k], rssAfter[k], counts[k]),
      /** After a full GC in the instance: what the subscriptions keep. */
      kbPerIdleSubscriptionRssAfterGc: perSubscriptionKb(gcBefore[k].rssMb, gcAfter[k].rssMb, counts[k]),
      kbPerIdleSubscriptionHeapAndExternal: perSubscriptionKb(
        gcBefore[k].heapUsedMb + gcBefore[k].externalMb,
        gcAfter[k].heapUsedMb + gcAfter[k].externalMb,
        counts[k],
      ),
    }));
    const cpuMsDuringLoads = Object.fromEntries(
      Object.keys(pids).map((name) => {
        const a = cpuBefore[name];
        const b = cpuAfter[name];
        return [name, a === undefined || b === undefined ? null : Math.round(b - a)];
      }),
    );
    const report = {
      command: `npm run bench:subscriptions -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: started.toISOString(),
      versions: {
        ...packageVersions([
          'graphql-ws',
          'ws',
          'ioredis',
          '@graphql-yoga/redis-event-target',
          'neo4j-driver',
        ]),
        stancegraph: packageVersion,
        neo4j: neo4jServer,
        redis: redisServerVersion() ?? 'unknown',
      },
      machine: { ...machineAtStart, loadAverageAtEnd: machine().loadAverage },
      settings: {
        ...opts,
        subscribersPerInstance: counts,
        stancesChangedEvery: stancesEvery || null,
        oneConnectionPerSubscriber: true,
        loadsOneAtATime: 'each load waits until every subscriber has its event',
        document: 'tests/unit/fixtures/valid under a new id each load (status CREATED)',
        services:
          'child processes: node --expose-gc --import tsx --import bench/lib/memory-probe.ts src/cli.ts serve, ' +
          'NODE_ENV=production, REDIS_URL set (the probe runs a full GC and reports memory on SIGUSR2)',
        client: 'this process (graphql-ws createClient + ws), one connection per subscriber',
        sharedCores:
          'every process (Neo4j, redis-server, the instances, the client) shares the machine’s cores: ' +
          'cpuMsDuringLoads tells who used them',
        clock: 'committedAt is the loading instance’s clock, arrival this process’s: the same machine',
      },
      commitToEventMs: {
        firstLoad: { everySubscriber: percentiles(firstLoad), lastSubscriber: Math.max(...firstLoad) },
        allLoads: {
          everyDelivery: percentiles(all),
          lastSubscriberPerLoad: percentiles([...lastPerLoad.values()]),
          onTheLoadingInstance: percentiles(sameInstance),
          onOtherInstances: percentiles(otherInstance),
        },
      },
      loadMutationMs: percentiles(loads.map((l) => l.loadMs)),
      memory,
      cpuMsDuringLoads,
      loadPhaseS: round(loadPhaseS),
      counted,
      failed,
    };
    const file = writeResult('subscriptions', report.date.slice(0, 10), report);
    const c = report.commitToEventMs.allLoads;
    log(
      `commit → event over ${all.length} deliveries: p50 ${c.everyDelivery.p50} ms, p99 ${c.everyDelivery.p99} ms, ` +
        `max ${c.everyDelivery.max} ms; last subscriber per load: p50 ${c.lastSubscriberPerLoad.p50} ms, p99 ` +
        `${c.lastSubscriberPerLoad.p99} ms, max ${c.lastSubscriberPerLoad.max} ms`,
    );
    log(
      `memory per idle subscription (after a full GC): RSS ${memory.map((m) => `${m.kbPerIdleSubscriptionRssAfterGc} kB`).join(', ')}; heap + external ${memory.map((m) => `${m.kbPerIdleSubscriptionHeapAndExternal} kB`).join(', ')}`,
    );
    log(
      `counted: ${counted.documentLoaded.subscribersWithExactlyAll}/${subscribers.length} subscribers with ` +
        `exactly ${expected.length} documentLoaded events, lost ${counted.documentLoaded.lost}, duplicated ` +
        `${counted.documentLoaded.duplicated}, early ${early}; stancesChanged ` +
        `${counted.stancesChanged.followersWithEveryEventOnce}/${stanceFollowers.length}; reads found ` +
        `${counted.readOnFirstArrival.found}/${counted.readOnFirstArrival.expected}`,
    );
    log(`${failed ? 'FAILED' : 'ok'}; wrote ${path.relative(process.cwd(), file)}`);
    if (failed) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
