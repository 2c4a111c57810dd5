import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadConfig } from '../../src/config';
import { Database } from '../../src/db/database';
import { loadDocuments } from '../../src/ingest/folders';
import { DocumentPlan } from '../../src/ingest/plan';
import { validateDocument } from '../../src/ingest/validate';
import { createLogger } from '../../src/logger';
import { operation } from '../../src/operations';
import { LocalNeo4jOptions, RunningNeo4j, freePort, startLocalNeo4j } from '../../src/runtime/neo4j-server';
import { Service, startService } from '../../src/server';
import { graphChecksum } from '../../testkit/checksum';
import { syntheticDocument } from '../../testkit/synthetic';
import {
  DocumentCounts,
  NO_DOCUMENT,
  documentCounts,
  fullCounts,
  openTransactions,
} from '../../testkit/visibility';
import { postJson, send } from '../support/requests';
import { traversals } from '../support/traversals';
import { Sample, Traffic, sample, sleep, tally } from '../support/traffic';

/**
 * Faults under load (issue 18), on a Neo4j of this file's own: many clients while Neo4j is stopped and
 * started again under a running service; SIGTERM to a service (a child process, as `npm start` runs it)
 * in the middle of traffic and of a load; and `stancegraph load` killed with SIGKILL in the middle of its
 * transaction while readers watch the document. Every loop is bounded by a deadline; every child process is
 * killed in afterAll, whatever happened. Figures go to stderr as `[faults-load] …` lines.
 *
 * FAULTS_DURATION_S (default 30): how long the clients run around the Neo4j outage (at least until Neo4j is
 * back and the service has answered again, plus 3 s). FAULTS_CLIENTS (64); FAULTS_SERVICE_DEADLINE_MS (15 000,
 * the default: the services' HTTP_REQUEST_TIMEOUT_MS) and FAULTS_REQUEST_DEADLINE_MS (that + 10 000: a request not answered
 * by then counts as hung); FAULTS_LOAD_SENTENCES (3 000: the document whose load is killed),
 * FAULTS_SHUTDOWN_SENTENCES (30: the load in flight at SIGTERM), FAULTS_SHUTDOWN_CLIENTS (16).
 */
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const DURATION_MS = env('FAULTS_DURATION_S', 30) * 1000;
const CLIENTS = env('FAULTS_CLIENTS', 64);
/** The services' own request deadline (HTTP_REQUEST_TIMEOUT_MS), and the clients': past it, a request hung. */
const SERVICE_DEADLINE_MS = env('FAULTS_SERVICE_DEADLINE_MS', 15_000);
const DEADLINE_MS = env('FAULTS_REQUEST_DEADLINE_MS', SERVICE_DEADLINE_MS + 10_000);
const LOAD_SENTENCES = env('FAULTS_LOAD_SENTENCES', 3_000);
const SHUTDOWN_SENTENCES = env('FAULTS_SHUTDOWN_SENTENCES', 30);
/**
 * Clients during the SIGTERM drill: fewer than the service's 32 transaction slots, so that the load posted
 * among them is not queued behind the reads until its deadline on a busy machine.
 */
const SHUTDOWN_CLIENTS = env('FAULTS_SHUTDOWN_CLIENTS', 16);

const PASSWORD = 'stancegraph-test';
const WRITE_TOKEN = 'faults-load-write-token-0123456789';
const LOAD_DOCUMENT = operation('load-document');
const note = (line: string) => process.stderr.write(`[faults-load] ${line}\n`);

/**
 * Reads that each need Neo4j (the response cache is off): eight of the shared traversals, which 64
 * clients send round-robin through the outage.
 */
const READS = traversals(
  'supporters',
  'opponents',
  'relations',
  'neighborhood',
  'stanceMatrix',
  'stances',
  'entity',
  'documents',
);

let options: LocalNeo4jOptions;
let neo4j: RunningNeo4j | undefined;
let db: Database;
/** The Cypher readers' own: a read of the counts may wait long on a machine the loads keep busy. */
let readerDb: Database;
let service: Service;
let scratch: string;

/** Every child process this file starts; afterAll kills those still running. */
const children = new Set<ChildProcess>();

interface Child {
  process: ChildProcess;
  /** Its stdout and stderr so far (the last 64 KB). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** The CLI as `npm start` / `npm run load` run it, from the TypeScript sources (no build needed). */
function cli(args: string[], childEnv: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...childEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, at: performance.now() });
    }),
  );
  return { process: child, output: () => output, exited };
}

/** Polls check every intervalMs until it returns a value, or throws after timeoutMs. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}

/** Resolves with the promise's value, or with undefined after ms (the timer never outlives it). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A synthetic document written as a corpus folder, and its plan. */
function documentFolder(id: string, sentences: number): { dir: string; plan: DocumentPlan } {
  const { article, annotation } = syntheticDocument({ id, sentences });
  const result = validateDocument({
    articleFile: 'article.txt',
    annotationFile: 'graph.yaml',
    article,
    annotation,
  });
  expect(result.problems).toEqual([]);
  const dir = path.join(scratch, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'article.txt'), article);
  writeFileSync(path.join(dir, 'graph.yaml'), annotation);
  return { dir, plan: result.plan! };
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-faults-load-'));
  options = {
    // The prefix tools/check-no-jvm.sh watches: a JVM left behind fails CI.
    home: mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-')),
    boltPort: await freePort(),
    httpPort: await freePort(),
    password: PASSWORD,
    heap: '384m',
    pageCache: '64m',
    startTimeoutMs: 180_000,
  };
  neo4j = await startLocalNeo4j(options);
  db = new Database({ uri: neo4j.uri, user: 'neo4j', password: PASSWORD, database: 'neo4j' });
  readerDb = new Database({
    uri: neo4j.uri,
    user: 'neo4j',
    password: PASSWORD,
    database: 'neo4j',
    queryTimeoutMs: 120_000,
  });
  await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_PASSWORD: PASSWORD,
    PORT: '0',
    PLAYGROUND: 'false',
    RESPONSE_CACHE: 'false',
    HTTP_REQUEST_TIMEOUT_MS: String(SERVICE_DEADLINE_MS),
  });
  service = await startService({ config, db, logger: createLogger('silent') });
}, 300_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await service?.close();
  await db?.close();
  await readerDb?.close();
  await neo4j?.stop();
  if (options) rmSync(options.home, { recursive: true, force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe(`${CLIENTS} clients while Neo4j is stopped and started again`, () => {
  it('answers only 200 or 503 SERVICE_UNAVAILABLE, never hangs, and recovers without a restart', async () => {
    const graphql = `${service.url}/graphql`;
    // Each read once, until all answer 200: the first ones on a fresh Neo4j plan their queries.
    const before = await waitFor(
      'every read answered 200 before the outage',
      async () => {
        const answers = await Promise.all(READS.map((query) => postJson(graphql, { query })));
        return answers.every((a) => a.status === 200) ? answers : undefined;
      },
      120_000,
      1_000,
    );

    const t0 = performance.now();
    const traffic = new Traffic({
      clients: CLIENTS,
      requests: (c, i) => ({ url: graphql, body: { query: READS[(c + i) % READS.length] } }),
      deadlineMs: DEADLINE_MS,
      unavailableBackoffMs: 50,
      // Bounded whatever happens: the outage, a slow Neo4j start (up to 180 s here), the recovery.
      hardStop: t0 + DURATION_MS + 300_000,
    });
    let samples: Sample[] = [];
    const marks = { stopping: 0, down: 0, starting: 0, up: 0, recovered: 0, end: 0 };
    try {
      await sleep(DURATION_MS * 0.2);
      marks.stopping = performance.now();
      const stopping = neo4j!;
      neo4j = undefined;
      await stopping.stop(); // SIGTERM; returns once the JVM has gone
      marks.down = performance.now();
      await sleep(Math.max(DURATION_MS * 0.25, 2_000));
      marks.starting = performance.now();
      neo4j = await startLocalNeo4j(options);
      marks.up = performance.now();
      // Recovered: the first request sent after Neo4j was back that the service answered 200.
      const first = await waitFor(
        'a read answered 200 after Neo4j was back',
        () => traffic.samples.find((s) => s.started >= marks.up && s.outcome === 'ok'),
        60_000,
      );
      marks.recovered = first.started + first.ms;
      marks.end = Math.max(t0 + DURATION_MS, performance.now() + 3_000);
      await sleep(marks.end - performance.now());
    } finally {
      samples = await traffic.stop();
    }

    const phase = (from: number, to: number) => (s: Sample) => s.started >= from && s.started < to;
    const phases = {
      up: tally(samples, phase(t0, marks.stopping)),
      stopping: tally(samples, phase(marks.stopping, marks.down)),
      down: tally(samples, phase(marks.down, marks.starting)),
      starting: tally(samples, phase(marks.starting, marks.up)),
      back: tally(samples, phase(marks.up, Infinity)),
      all: tally(samples),
    };
    const at = (t: number) => `${((t - t0) / 1000).toFixed(1)} s`;
    note(
      `Neo4j outage under ${CLIENTS} clients: stop at ${at(marks.stopping)} (gone ${at(marks.down)}), start at ` +
        `${at(marks.starting)} (up ${at(marks.up)}), service answered 200 again ${((marks.recovered - marks.up) / 1000).toFixed(2)} s ` +
        `after Neo4j was up, end at ${at(marks.end)}`,
    );
    for (const [name, t] of Object.entries(phases)) note(`  ${name}: ${JSON.stringify(t)}`);
    // A 503 of the up phase may be a request sent just before the stop and answered after it: these are the
    // ones answered before the stop. The pool is opened ahead at start-up (Database.warmUp), so none of them
    // is a 503 (before the warm-up, 22–42 were, while ~32 connections opened at once).
    const answeredBeforeStop = tally(samples, (s) => s.started >= t0 && s.started + s.ms < marks.stopping);
    note(`  up, answered before the stop: ${JSON.stringify(answeredBeforeStop)}`);
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5);
    note(
      `  slowest: ${slowest.map((s) => `sent at ${at(s.started)}: ${s.outcome} in ${s.ms.toFixed(0)} ms`).join('; ')}`,
    );

    // Never anything but 200 or 503, never a hung request, and the service itself never went away.
    expect(phases.all.others).toEqual([]);
    expect({ other: phases.all.other, timeout: phases.all.timeout }).toEqual({ other: 0, timeout: 0 });
    expect({ refused: phases.all.refused, closed: phases.all.closed }).toEqual({ refused: 0, closed: 0 });
    // The outage was seen: 200s before it, 503s (only) while Neo4j was gone, 200s after.
    expect(phases.up.ok).toBeGreaterThan(0);
    expect(answeredBeforeStop.unavailable).toBe(0);
    expect(phases.down.unavailable).toBeGreaterThan(0);
    expect(phases.down.ok).toBe(0);
    expect(phases.back.ok).toBeGreaterThan(0);

    // Recovered without a restart: every read gives the same answer as before the outage (a cold Neo4j on a
    // busy machine may need a while for all of them: bounded), /health ok, /ready ready.
    const expected = JSON.stringify(before.map((a) => a.body));
    const recovering = performance.now();
    await waitFor(
      'every read answered as before the outage',
      async () => {
        const after = await Promise.all(READS.map((query) => postJson(graphql, { query })));
        return JSON.stringify(after.map((a) => a.body)) === expected ? true : undefined;
      },
      120_000,
      1_000,
    );
    note(
      `  every read answered as before the outage ${((performance.now() - recovering) / 1000).toFixed(1)} s after the traffic stopped`,
    );
    const health = await send(`${service.url}/health`);
    expect({ status: health.status, health: health.body.status }).toEqual({ status: 200, health: 'ok' });
    expect((await send(`${service.url}/ready`)).status).toBe(200);
  }, 600_000);
});

describe('a load killed with SIGKILL in the middle of its transaction, under read traffic', () => {
  const DOC = 'faults-killed-load';
  let plan: DocumentPlan;
  let dir: string;
  let full: DocumentCounts;

  beforeAll(() => {
    ({ dir, plan } = documentFolder(DOC, LOAD_SENTENCES));
    full = fullCounts(plan);
  });

  /**
   * Readers of the document while a load runs: half through the service (document(id:) and its sentences),
   * half with Cypher counts of its nodes and relationships (testkit/visibility.ts). Each observation must be
   * all of the document or none of it.
   */
  function watch(clients: number) {
    const seen: DocumentCounts[] = [];
    const wrong: string[] = [];
    let stopped = false;
    const hardStop = performance.now() + 600_000;
    const graphqlReader = new Traffic({
      clients: clients / 2,
      requests: () => ({
        url: `${service.url}/graphql`,
        body: { query: `{ document(id: "${DOC}") { id sentences { id } } }` },
        check: (data) => {
          const document = data.document as { sentences: unknown[] } | null;
          seen.push(document ? { ...full, sentences: document.sentences.length } : NO_DOCUMENT);
          if (document && document.sentences.length !== full.sentences)
            return `document(id:) with ${document.sentences.length} of ${full.sentences} sentences`;
          return undefined;
        },
      }),
      deadlineMs: DEADLINE_MS,
      hardStop,
    });
    const cypherReader = async () => {
      while (!stopped && performance.now() < hardStop) {
        const counts = await documentCounts(readerDb, DOC).catch((error: Error) => error);
        if (counts instanceof Error) {
          wrong.push(`a count failed: ${counts.message}`);
          await sleep(100);
          continue;
        }
        seen.push(counts);
        const whole = JSON.stringify(counts);
        if (whole !== JSON.stringify(NO_DOCUMENT) && whole !== JSON.stringify(full)) wrong.push(whole);
      }
    };
    const cypherReaders = Promise.all(Array.from({ length: clients / 2 }, cypherReader));
    return {
      seen,
      async stop() {
        stopped = true;
        const [samples] = await Promise.all([graphqlReader.stop(), cypherReaders]);
        return { samples, wrong, seen };
      },
    };
  }

  const loaderEnv = () => ({ NEO4J_URI: neo4j!.uri, NEO4J_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' });
  const describeSeen = (seen: DocumentCounts[]) => {
    const none = seen.filter((c) => !c.document && c.sentences === 0).length;
    const whole = seen.filter((c) => c.document && c.sentences === full.sentences).length;
    return { observations: seen.length, none, whole, partial: seen.length - none - whole };
  };

  it('readers never see part of it, and after the kill the graph is exactly as before', async () => {
    const before = await graphChecksum(db);
    expect(await documentCounts(db, DOC)).toEqual(NO_DOCUMENT);
    const readers = watch(8);
    let killed: { at: number; progress: string; transactions: number } | undefined;
    const started = performance.now();
    try {
      const loader = cli(['load', dir], loaderEnv());
      // The loader prints `  <step> <n>%` inside the transaction (after each batch of a large document):
      // killed at the first one past a quarter of the rows, while Neo4j shows the load's transaction open.
      const progress = await waitFor(
        'the load reached 25 % of its transaction',
        async () => {
          const exited = await within(loader.exited, 0);
          if (exited)
            throw new Error(
              `the loader ended before it could be killed (raise FAULTS_LOAD_SENTENCES):\n${loader.output()}`,
            );
          const lines = [...loader.output().matchAll(/^\s+(\d\d-[\w-]+) (\d+)%$/gm)];
          return lines.find((m) => Number(m[2]) >= 25)?.[0].trim();
        },
        300_000,
        20,
      );
      const open = await openTransactions(db, `ingest/${DOC}`);
      loader.process.kill('SIGKILL');
      killed = { at: performance.now() - started, progress, transactions: open.length };
      expect(open.length).toBe(1);
      const exit = await within(loader.exited, 30_000);
      expect(exit?.signal).toBe('SIGKILL');
      // Neo4j rolls the transaction back once it sees the connection gone.
      await waitFor(
        'the killed load’s transaction rolled back',
        async () => ((await openTransactions(db, 'ingest/')).length === 0 ? true : undefined),
        120_000,
        100,
      );
      await sleep(1_000);
    } finally {
      const { samples, wrong, seen } = await readers.stop();
      const t = tally(samples);
      note(
        `load of ${DOC} (${full.sentences} sentences, ${full.claims} claims, ${full.mentions} mentions) ` +
          `killed at ${killed?.progress ?? '?'} after ${((killed?.at ?? 0) / 1000).toFixed(1)} s; readers: ` +
          `${JSON.stringify(describeSeen(seen))}; GraphQL readers ${JSON.stringify(t)}`,
      );
      expect(wrong).toEqual([]);
      expect(t.others).toEqual([]);
      expect({ other: t.other, timeout: t.timeout }).toEqual({ other: 0, timeout: 0 });
      // Nothing of it was ever visible: the load never committed.
      expect(describeSeen(seen)).toMatchObject({ whole: 0, partial: 0 });
    }
    expect(killed).toBeDefined();
    expect(await documentCounts(db, DOC)).toEqual(NO_DOCUMENT);
    expect(await graphChecksum(db)).toEqual(before);
  }, 600_000);

  it('the same load run to its end under the same readers: they see nothing, then all of it', async () => {
    const readers = watch(8);
    let exit: Awaited<Child['exited']> | undefined;
    let output = '';
    try {
      const loader = cli(['load', dir], loaderEnv());
      exit = await within(loader.exited, 300_000);
      output = loader.output();
      // Readers keep reading the stored document for a second.
      await sleep(1_000);
    } finally {
      const { samples, wrong, seen } = await readers.stop();
      const t = tally(samples);
      note(
        `complete load of ${DOC}: readers ${JSON.stringify(describeSeen(seen))}; GraphQL ${JSON.stringify(t)}`,
      );
      expect(wrong).toEqual([]);
      expect(t.others).toEqual([]);
      expect({ other: t.other, timeout: t.timeout }).toEqual({ other: 0, timeout: 0 });
      expect(describeSeen(seen)).toMatchObject({ partial: 0 });
      expect(describeSeen(seen).none).toBeGreaterThan(0);
      expect(describeSeen(seen).whole).toBeGreaterThan(0);
    }
    expect({ code: exit?.code, output: exit?.code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(await documentCounts(db, DOC)).toEqual(full);
  }, 600_000);
});

describe('SIGTERM to a service under load', () => {
  it('answers the requests in flight (a load among them), refuses new ones, and exits within 10 s', async () => {
    const DOC = 'faults-shutdown-load';
    const { dir, plan } = documentFolder(DOC, SHUTDOWN_SENTENCES);
    const variables = {
      article: readFileSync(path.join(dir, 'article.txt'), 'utf8'),
      annotation: readFileSync(path.join(dir, 'graph.yaml'), 'utf8'),
    };
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = cli(['serve'], {
      NEO4J_URI: neo4j!.uri,
      NEO4J_PASSWORD: PASSWORD,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOAD_CORPUS: 'false',
      PLAYGROUND: 'false',
      RESPONSE_CACHE: 'false',
      HTTP_REQUEST_TIMEOUT_MS: String(SERVICE_DEADLINE_MS),
      LOG_LEVEL: 'warn',
      STANCEGRAPH_WRITE_TOKEN: WRITE_TOKEN,
    });
    await waitFor(
      'the service answered /ready',
      async () => {
        if (await within(server.exited, 0)) throw new Error(`the service exited:\n${server.output()}`);
        const ready = await fetch(`${url}/ready`).catch(() => undefined);
        return ready?.status === 200 ? true : undefined;
      },
      180_000,
      250,
    );

    const graphql = `${url}/graphql`;
    const traffic = new Traffic({
      clients: SHUTDOWN_CLIENTS,
      requests: (c, i) => ({ url: graphql, body: { query: READS[(c + i) % READS.length] } }),
      deadlineMs: DEADLINE_MS,
      hardStop: performance.now() + 300_000,
    });
    let samples: Sample[] = [];
    let signalled = 0;
    let exit: Awaited<Child['exited']> | undefined;
    let load: Sample | undefined;
    try {
      await sleep(2_000);
      // A load in flight when the signal comes: posted, and seen running by Neo4j.
      const loading = sample(
        {
          url: graphql,
          body: { query: LOAD_DOCUMENT, variables },
          headers: { authorization: `Bearer ${WRITE_TOKEN}` },
        },
        60_000,
      );
      let answered = false;
      void loading.then(() => (answered = true));
      await waitFor(
        'the load’s transaction running on Neo4j',
        async () => {
          if (answered)
            throw new Error(
              `the load was answered before the signal (raise FAULTS_SHUTDOWN_SENTENCES): ${JSON.stringify(await loading)}`,
            );
          return (await openTransactions(db, `ingest/${DOC}`)).length ? true : undefined;
        },
        120_000,
        10,
      );
      signalled = performance.now();
      server.process.kill('SIGTERM');
      exit = await within(server.exited, 20_000);
      load = await within(loading, 30_000);
      // The clients meet the closed port for a moment.
      await sleep(500);
    } finally {
      samples = await traffic.stop();
      if (!exit) server.process.kill('SIGKILL');
    }

    const before = tally(samples, (s) => s.started < signalled);
    const after = tally(samples, (s) => s.started >= signalled);
    const late = tally(samples, (s) => s.started >= signalled + 1_000);
    const gone = tally(samples, (s) => exit !== undefined && s.started >= exit.at);
    const firstRefusal = samples
      .filter((s) => s.started >= signalled && s.outcome !== 'ok')
      .reduce((t, s) => Math.min(t, s.started + s.ms), Infinity);
    const inFlightAnswered =
      samples.filter((s) => s.started < signalled && s.outcome === 'ok' && s.started + s.ms > signalled)
        .length + (load?.outcome === 'ok' ? 1 : 0);
    const lastOk = samples
      .filter((s) => s.outcome === 'ok')
      .reduce((t, s) => Math.max(t, s.started + s.ms), 0);
    note(
      `SIGTERM under ${SHUTDOWN_CLIENTS} clients and a load of ${plan.sentences.length} sentences in flight: exit ${exit ? `code ${exit.code} after ${((exit.at - signalled) / 1000).toFixed(2)} s` : 'none within 20 s'}; ` +
        `the load answered ${load ? `${load.outcome} ${load.status} ${((load.started + load.ms - signalled) / 1000).toFixed(2)} s after the signal` : 'never'}; ` +
        `${inFlightAnswered} request(s) in flight at the signal answered 200 after it; ` +
        `first refusal ${((firstRefusal - signalled) / 1000).toFixed(2)} s, last 200 ${((lastOk - signalled) / 1000).toFixed(2)} s after the signal`,
    );
    note(`  sent before the signal: ${JSON.stringify(before)}`);
    note(`  sent after the signal: ${JSON.stringify(after)}`);
    note(`  sent 1 s or more after the signal: ${JSON.stringify(late)}`);
    note(`  sent after the exit: ${JSON.stringify(gone)}`);

    // Exit within 10 s, cleanly.
    expect(exit).toBeDefined();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.at - signalled).toBeLessThan(10_000);
    // The load in flight was answered and committed whole — or, on a machine too busy to finish it within
    // the drain's 8 s, cut with its connection and rolled back whole: never half-stored.
    expect(['ok', 'closed']).toContain(load?.outcome);
    await waitFor(
      'no load transaction left open',
      async () => ((await openTransactions(db, 'ingest/')).length === 0 ? true : undefined),
      60_000,
    );
    expect(await documentCounts(db, DOC)).toEqual(load?.outcome === 'ok' ? fullCounts(plan) : NO_DOCUMENT);
    // Requests in flight at the signal were answered 200 after it.
    expect(inFlightAnswered).toBeGreaterThan(0);
    // Nothing but 200, 503 or a refused connection; nothing hung.
    expect([...before.others, ...after.others]).toEqual([]);
    expect({ other: before.other + after.other, timeout: before.timeout + after.timeout }).toEqual({
      other: 0,
      timeout: 0,
    });
    expect(before.ok).toBeGreaterThan(0);
    // New requests refused: a second after the signal none is answered 200; after the exit, the port is closed.
    expect(after.unavailable + after.refused + after.closed).toBeGreaterThan(0);
    expect(late.ok).toBe(0);
    expect(gone.total).toBe(gone.refused);
    const afterExit = await fetch(`${url}/health`).then(
      (r) => `status ${r.status}`,
      (e: { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(afterExit).toBe('ECONNREFUSED');
  }, 600_000);
});
