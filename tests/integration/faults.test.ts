import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { REPO_ROOT, loadConfig } from '../../src/config';
import { Database } from '../../src/db/database';
import { ServiceError } from '../../src/domain/errors';
import { GraphChecksum, graphChecksum } from '../../testkit/checksum';
import { applySchema, loadPlan } from '../../src/ingest/loader';
import { DocumentPlan } from '../../src/ingest/plan';
import { validateDocument } from '../../src/ingest/validate';
import { createLogger } from '../../src/logger';
import {
  LocalNeo4jOptions,
  RunningNeo4j,
  freePort,
  isAlive,
  startLocalNeo4j,
} from '../../src/runtime/neo4j-server';
import { Service, startService } from '../../src/server';
import { clearGraph } from '../support/harness';
import { postJson, send } from '../support/requests';
import { TRAVERSALS } from '../support/traversals';
import { syntheticDocument } from '../../testkit/synthetic';

/**
 * Database faults, on a Neo4j of this file's own (never the harness's): stopped and restarted under a
 * running service, killed with SIGKILL in the middle of a load, and two loads of one document at once.
 */
const PASSWORD = 'stancegraph-test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const note = (line: string) => process.stderr.write(`[faults] ${line}\n`);

let options: LocalNeo4jOptions;
let neo4j: RunningNeo4j | undefined;
let db: Database;
let service: Service;

function openDatabase(): Database {
  return new Database({ uri: neo4j!.uri, user: 'neo4j', password: PASSWORD, database: 'neo4j' });
}

beforeAll(async () => {
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
  db = openDatabase();
  await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_PASSWORD: PASSWORD,
    PORT: '0',
    PLAYGROUND: 'false',
  });
  service = await startService({
    config,
    db,
    logger: createLogger('silent'),
  });
}, 300_000);

afterAll(async () => {
  await service?.close();
  await db?.close();
  await neo4j?.stop();
  if (options) rmSync(options.home, { recursive: true, force: true });
}, 120_000);

const ask = (query: string) => postJson(`${service.url}/graphql`, { query });

describe('Neo4j stops and comes back under a running service', () => {
  const answers: Record<string, unknown> = {};

  it('answers every traversal while Neo4j is up', async () => {
    for (const [name, query] of Object.entries(TRAVERSALS)) {
      const answer = await ask(query);
      expect({ name, errors: answer.body.errors, status: answer.status }).toEqual({
        name,
        errors: undefined,
        status: 200,
      });
      answers[name] = answer.body.data;
    }
  });

  it('Neo4j stopped: each request touching it is 503 SERVICE_UNAVAILABLE within 2 s, /ready 503', async () => {
    await neo4j!.stop();
    neo4j = undefined;
    const times: number[] = [];
    // One at a time (the first meets the pooled connections Neo4j closed), then all at once.
    for (const [name, query] of Object.entries(TRAVERSALS)) {
      const answer = await ask(query);
      times.push(answer.ms);
      expect({ name, status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
        name,
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(answer.text).not.toMatch(/ECONNREFUSED|bolt:|Neo4jError|\n\s+at /);
      expect(answer.ms).toBeLessThan(2_000);
    }
    const together = await Promise.all(Object.values(TRAVERSALS).map(ask));
    for (const answer of together) {
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(2_000);
    }
    const ready = await send(`${service.url}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);
    // What does not need the database still answers.
    expect((await ask('{ version }')).status).toBe(200);
    expect((await send(`${service.url}/health`)).status).toBe(200);
    const all = [...times, ...together.map((a) => a.ms)];
    note(
      `time to 503 with Neo4j stopped: first ${times[0].toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms ` +
        `over ${all.length} requests (${together.length} concurrent); /ready ${ready.ms.toFixed(0)} ms`,
    );
  }, 120_000);

  it('Neo4j restarted on the same home and ports: the same answers again, no service restart', async () => {
    const restarting = performance.now();
    neo4j = await startLocalNeo4j(options);
    const up = performance.now();
    let failed = 0;
    let first = await ask(TRAVERSALS.supporters);
    while (first.status !== 200 && performance.now() - up < 30_000) {
      failed++;
      await sleep(100);
      first = await ask(TRAVERSALS.supporters);
    }
    const recovered = performance.now() - up;
    note(
      `Neo4j restarted in ${(up - restarting).toFixed(0)} ms; the service answered 200 again ` +
        `${recovered.toFixed(0)} ms after Neo4j did (${failed} request(s) failed in between; the first ` +
        `answer took ${first.ms.toFixed(0)} ms on a cold Neo4j)`,
    );
    expect(first.status).toBe(200);
    for (const [name, query] of Object.entries(TRAVERSALS)) {
      const answer = await ask(query);
      expect({ name, data: answer.body.data }).toEqual({ name, data: answers[name] });
    }
    expect((await send(`${service.url}/ready`)).status).toBe(200);
  }, 240_000);
});

describe('loads under faults', () => {
  let plan: DocumentPlan;
  let cleanLoad: GraphChecksum;

  beforeAll(() => {
    const { article, annotation } = syntheticDocument({ id: 'synthetic-faults', sentences: 1_000 });
    const result = validateDocument({
      articleFile: 'article',
      annotationFile: 'annotation',
      article,
      annotation,
    });
    expect(result.problems).toEqual([]);
    plan = result.plan!;
  });

  it('SIGKILL in the middle of a load, restart, load again: the graph equals one clean load', async () => {
    await clearGraph(db);
    await applySchema(db);
    const empty = await graphChecksum(db);
    const victim = neo4j!;
    let killedAt: number | undefined;
    const started = performance.now();
    const load = loadPlan(db, plan, {
      batchSize: 100,
      onProgress: (_step, done, total) => {
        // Well inside the one transaction: a third of the rows written, none committed.
        if (killedAt === undefined && done / total >= 0.3) {
          killedAt = performance.now() - started;
          process.kill(victim.pid, 'SIGKILL');
        }
      },
    });
    const failure = await load.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(killedAt).toBeDefined();
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as ServiceError).code).toBe('SERVICE_UNAVAILABLE');
    while (isAlive(victim.pid)) await sleep(50);
    neo4j = await startLocalNeo4j(options);
    // Recovery rolled the open transaction back: nothing of the document is there.
    expect(await graphChecksum(db)).toEqual(empty);
    const reload = await loadPlan(db, plan);
    expect(reload.status).toBe('created');
    const afterFault = await graphChecksum(db);
    await clearGraph(db);
    await loadPlan(db, plan);
    cleanLoad = await graphChecksum(db);
    expect(afterFault).toEqual(cleanLoad);
    note(
      `SIGKILL ${killedAt!.toFixed(0)} ms into a load of ${plan.claims.length} claims; reload ${reload.ms} ms; ` +
        `graph after the fault = a clean load (${cleanLoad.nodes} nodes, ${cleanLoad.relationships} relationships)`,
    );
  }, 300_000);

  it('two loads of one document at once (two drivers): both succeed or one is CONFLICT, no duplicates', async () => {
    expect(cleanLoad).toBeDefined();
    await clearGraph(db);
    const [a, b] = [openDatabase(), openDatabase()];
    try {
      const results = await Promise.allSettled([loadPlan(a, plan), loadPlan(b, plan)]);
      const statuses = results.map((r) =>
        r.status === 'fulfilled' ? r.value.status : ((r.reason as ServiceError).code ?? String(r.reason)),
      );
      note(`two concurrent loads: ${statuses.join(', ')}`);
      expect(statuses.filter((s) => s === 'created')).toHaveLength(1);
      expect(['unchanged', 'CONFLICT']).toContain(statuses.find((s) => s !== 'created'));
      expect(await graphChecksum(db)).toEqual(cleanLoad);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 300_000);
});
