import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { REPO_ROOT } from '../../src/config';
import { operation } from '../../src/operations';
import { RunningRedis } from '../../src/runtime/redis-server';
import { startTestRedis, until } from '../support/redis';
import { ExtraService, postJson, startServiceWith } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * The Python client (examples/subscribe.py: gql's WebsocketsTransport, graphql-transport-ws) against two
 * service instances on one Neo4j and one real redis-server: it subscribes on instance B, documents are
 * loaded through instance A, and it prints each event exactly once. Instance B runs as in production (the
 * persisted-query allow-list on) and wants the read token: the client sends it in connectionParams; with a
 * wrong or no token it is refused and exits non-zero with the server's 4401 reason.
 *
 * Exactly once without waiting: the client stops after the second event (--count 2), so a duplicate of the
 * first load's event would have taken the second place.
 *
 * The venv is tools/notebook.sh's (examples/requirements.txt); this file sets it up as the notebook test
 * does, and fails, never skips, when it cannot.
 */
const WRITE = 'python-client-write-token-0123456789';
const READ = 'python-client-read-token-0123456789a';
const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const SCRIPT = path.join(REPO_ROOT, 'examples', 'subscribe.py');
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const LOAD_DOCUMENT = operation('load-document');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function setupVenv(): Promise<Run> {
  const child = spawn('bash', ['tools/notebook.sh', 'setup'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

function collect(child: ChildProcess): Promise<Run> {
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ ...run, code })));
}

/** The Python client as a process of its own: what it printed so far, and its end. */
interface PythonClient {
  run: Run;
  lines(): Record<string, unknown>[];
  ended: Promise<Run>;
  stop(): void;
}

function pythonClient(url: string, args: string[], token?: string): PythonClient {
  const env: NodeJS.ProcessEnv = { ...process.env, STANCEGRAPH_URL: `${url}/graphql` };
  delete env.STANCEGRAPH_READ_TOKEN;
  if (token !== undefined) env.STANCEGRAPH_READ_TOKEN = token;
  const child = spawn(PYTHON, [SCRIPT, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = collect(child);
  const client: PythonClient = {
    run: { code: null, stdout: '', stderr: '' },
    lines: () =>
      client.run.stdout
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    ended,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  child.stdout.on('data', (d: Buffer) => (client.run.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (client.run.stderr += d.toString()));
  void ended.then((r) => (client.run.code = r.code));
  return client;
}

let redis: RunningRedis;
let a: TestService;
let b: ExtraService;
const clients: PythonClient[] = [];

beforeAll(async () => {
  const setup = await setupVenv();
  if (setup.code !== 0 || !existsSync(PYTHON)) {
    throw new Error(
      `the Python client needs the venv of tools/notebook.sh (examples/requirements.txt), and its setup ` +
        `failed (exit ${setup.code}):\n${setup.stdout}${setup.stderr}`,
    );
  }
}, 600_000);

beforeAll(async () => {
  redis = await startTestRedis();
  a = await startTestService({ REDIS_URL: redis.url, STANCEGRAPH_WRITE_TOKEN: WRITE });
  b = await startServiceWith(a.db, {
    REDIS_URL: redis.url,
    STANCEGRAPH_READ_TOKEN: READ,
    NODE_ENV: 'production',
    PERSISTED_QUERIES_ONLY: 'true',
  });
});

afterAll(async () => {
  for (const c of clients) c.stop();
  await Promise.all(clients.map((c) => c.ended));
  await b?.close();
  await a?.close();
  await redis?.stop();
});

/** Loads the fixture under a document id of its own through instance A: a new document each time. */
async function loadThroughA(id: string): Promise<void> {
  const answer = await postJson(
    `${a.url}/graphql`,
    {
      query: LOAD_DOCUMENT,
      variables: { article, annotation: annotation.replace('id: valid', `id: ${id}`) },
    },
    { authorization: `Bearer ${WRITE}` },
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toMatchObject({ loadDocument: { documentId: id, status: 'CREATED' } });
}

/** Instances subscribed to the topic's Redis channel: B subscribes once its first subscriber has. */
async function subscribedInstances(topic: string): Promise<number> {
  const probe = new Redis(redis.url);
  try {
    return ((await probe.pubsub('NUMSUB', topic)) as [string, number])[1];
  } finally {
    probe.disconnect();
  }
}

describe('the Python client (gql, graphql-transport-ws) against two instances and Redis', () => {
  it('subscribed on B with the read token, prints each load through A exactly once', async () => {
    const client = pythonClient(b.url, ['--count', '2'], READ);
    clients.push(client);
    await until(async () => (await subscribedInstances('documentLoaded')) === 1 || client.run.code !== null);
    expect(`exit ${client.run.code}\n${client.run.stderr}`).toMatch(
      /^exit null\n[\s\S]*connected to ws:\/\//,
    );

    await loadThroughA('python-first');
    await until(() => client.lines().length >= 1 || client.run.code !== null);
    expect(client.lines().map((e) => e.id)).toEqual(['python-first']);

    await loadThroughA('python-second');
    const run = await client.ended;
    expect(`exit ${run.code}\n${run.stderr}`).toMatch(/^exit 0\n/);
    const events = client.lines();
    expect(events.map((e) => e.id)).toEqual(['python-first', 'python-second']);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
    for (const event of events) {
      expect(event).toMatchObject({ status: 'CREATED', title: expect.any(String) as string });
      expect(Number.isNaN(Date.parse(String(event.committedAt)))).toBe(false);
    }
  });

  it.each([
    ['a wrong read token', 'not-the-read-token-0123456789abcdef'],
    ['no read token', undefined],
  ])('with %s, B refuses it: the client exits 2 with the 4401 reason', async (_name, token) => {
    const client = pythonClient(b.url, [], token);
    clients.push(client);
    const run = await client.ended;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/the server closed the connection: 4401 UNAUTHENTICATED: /);
  });
});
