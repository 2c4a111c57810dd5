import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { RuntimeError } from '../../src/runtime/runtime-error';
import { LIB_DIR, checkJava, resolveJars } from '../../src/runtime/java';
import {
  LocalNeo4jOptions,
  RunningNeo4j,
  freePort,
  killAndWait,
  startLocalNeo4j,
} from '../../src/runtime/neo4j-server';
import { Service, startService } from '../../src/server';
import { version } from '../../package.json';
import { testDatabase } from '../support/harness';

const REPO_ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'stancegraph-test';
/** The prefix tools/check-no-jvm.sh looks for: a JVM these tests leave behind fails CI. */
const tempHome = () => mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Alive and not a zombie: a reaped-late JVM still answers kill -0 but runs nothing. */
function processRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('the harness Neo4j', () => {
  it('answers RETURN 1', async () => {
    const db = testDatabase();
    try {
      expect(await db.read({ name: 'test/return-1', text: 'RETURN 1 AS one' })).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('keeps a write for a reader on a new driver and session', async () => {
    const marker = `runtime-${randomUUID()}`;
    const probe = {
      name: 'test/probe-count',
      text: 'MATCH (p:RuntimeProbe {marker: $marker}) RETURN count(p) AS n',
    };
    const writer = testDatabase();
    try {
      await writer.write('test/probe-write', (tx) =>
        tx.run({
          name: 'test/probe-write',
          text: 'CREATE (:RuntimeProbe {marker: $marker})',
          params: { marker },
        }),
      );
    } finally {
      await writer.close();
    }
    const reader = testDatabase();
    try {
      expect(await reader.read({ ...probe, params: { marker } })).toEqual([{ n: 1 }]);
    } finally {
      await reader.write('test/probe-delete', (tx) =>
        tx.run({
          name: 'test/probe-delete',
          text: 'MATCH (p:RuntimeProbe {marker: $marker}) DELETE p',
          params: { marker },
        }),
      );
      expect(await reader.read({ ...probe, params: { marker } })).toEqual([{ n: 0 }]);
      await reader.close();
    }
  });
});

describe('/ready follows the database, with no restart of the service', () => {
  let options: LocalNeo4jOptions;
  let neo4j: RunningNeo4j | undefined;
  let db: Database | undefined;
  let service: Service | undefined;

  const get = (route: string) =>
    timed(() => fetch(`${service!.url}${route}`, { signal: AbortSignal.timeout(20_000) }));

  beforeAll(async () => {
    options = {
      home: tempHome(),
      boltPort: await freePort(),
      httpPort: await freePort(),
      password: PASSWORD,
      heap: '384m',
      pageCache: '64m',
      startTimeoutMs: 120_000,
    };
    neo4j = await startLocalNeo4j(options);
    const config = loadConfig({
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: PASSWORD,
      PLAYGROUND: 'false',
    });
    db = openDatabase(config, neo4j.uri);
    service = await startService({
      config,
      db,
      logger: createLogger('silent'),
    });
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await db?.close();
    await neo4j?.stop();
    if (options) rmSync(options.home, { recursive: true, force: true });
  }, 60_000);

  it('answers 200 while the database is up', async () => {
    const { value: res } = await get('/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers 503 within 2 s once the database is stopped, while { version } still answers', async () => {
    await neo4j!.stop();
    neo4j = undefined;
    // The first request may meet a pooled connection the server closed; later ones meet a refused port.
    for (let i = 0; i < 3; i++) {
      const { value: res, ms } = await get('/ready');
      process.stderr.write(
        `[runtime test] /ready after stop #${i + 1}: ${res.status} in ${ms.toFixed(0)} ms\n`,
      );
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'down' });
      expect(ms).toBeLessThan(2_000);
    }
    const res = await fetch(`${service!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ version }' }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { version } });
  }, 90_000);

  it('answers 200 again once the database is back on the same home and ports', async () => {
    expect(neo4j).toBeUndefined();
    const restart = await timed(() => startLocalNeo4j(options));
    neo4j = restart.value;
    const backAt = performance.now();
    let status = 0;
    while (performance.now() - backAt < 30_000) {
      status = (await get('/ready')).value.status;
      if (status === 200) break;
      await sleep(250);
    }
    process.stderr.write(
      `[runtime test] Neo4j restarted in ${restart.ms.toFixed(0)} ms; /ready back to ${status} ` +
        `${(performance.now() - backAt).toFixed(0)} ms after Neo4j answered\n`,
    );
    expect(status).toBe(200);
  }, 180_000);
});

describe('launcher errors name the fix', () => {
  const savedJavaHome = process.env.JAVA_HOME;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-runtime-test-'));
    dirs.push(dir);
    return dir;
  };

  afterEach(() => {
    if (savedJavaHome === undefined) delete process.env.JAVA_HOME;
    else process.env.JAVA_HOME = savedJavaHome;
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a Bolt port in use, naming the port and NEO4J_BOLT_PORT', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const start = startLocalNeo4j({
        home: tempDir(),
        boltPort: port,
        httpPort: await freePort(),
        password: PASSWORD,
      });
      await expect(start).rejects.toBeInstanceOf(RuntimeError);
      await expect(start).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringMatching(new RegExp(`Port ${port} .*NEO4J_BOLT_PORT`, 's')),
      });
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('refuses Java older than 17, saying which version it found', async () => {
    const home = tempDir();
    mkdirSync(path.join(home, 'bin'));
    const java = path.join(home, 'bin', 'java');
    writeFileSync(
      java,
      "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\necho 'OpenJDK Runtime Environment 18.9' >&2\n",
    );
    chmodSync(java, 0o755);
    process.env.JAVA_HOME = home;
    const expected = {
      code: 'JAVA_TOO_OLD',
      message: expect.stringMatching(/Java 17\+ is needed[\s\S]*"11\.0\.2"[\s\S]*JAVA_HOME/),
    };
    await expect(checkJava()).rejects.toMatchObject(expected);
    const start = startLocalNeo4j({
      home: tempDir(),
      boltPort: await freePort(),
      httpPort: await freePort(),
      password: PASSWORD,
    });
    await expect(start).rejects.toMatchObject(expected);
  });

  it('reports missing Java, naming the package and JAVA_HOME', async () => {
    process.env.JAVA_HOME = tempDir();
    await expect(checkJava()).rejects.toMatchObject({
      code: 'JAVA_MISSING',
      message: expect.stringMatching(/openjdk-17-jre-headless[\s\S]*JAVA_HOME[\s\S]*NEO4J_URI/),
    });
  });

  it('accepts the real Java', async () => {
    await expect(checkJava()).resolves.toBeGreaterThanOrEqual(17);
  });

  it('reports missing Maven only when the jars are not resolved yet', async () => {
    const noMaven = path.join(tempDir(), 'mvn');
    await expect(
      resolveJars(() => {}, { libDir: path.join(tempDir(), 'lib'), mvn: noMaven }),
    ).rejects.toMatchObject({
      code: 'MAVEN_MISSING',
      message: expect.stringMatching(/apt-get install -y maven[\s\S]*NEO4J_URI/),
    });
    // The project's resolved lib/ needs no Maven at all.
    await expect(resolveJars(() => {}, { mvn: noMaven })).resolves.toBe(LIB_DIR);
  });
});

describe('a non-detached Neo4j whose launcher is killed with SIGKILL', () => {
  const home = tempHome();
  let jvmPid: number | undefined;

  afterAll(async () => {
    // Only if the watcher failed: stop that very JVM (checked by its home) so the run leaves nothing behind.
    if (jvmPid !== undefined && processRunning(jvmPid) && commandLine(jvmPid).includes(home)) {
      await killAndWait(jvmPid);
    }
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('leaves no JVM behind', async () => {
    const launcher = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/integration/fixtures/orphan-neo4j.ts', home],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    launcher.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    launcher.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      launcher.once('close', (code, signal) => resolve({ code, signal })),
    );
    const diedAt = performance.now();
    const report = stdout.trim().split('\n').pop() ?? '';
    if (exit.signal !== 'SIGKILL' || !report.startsWith('{')) {
      throw new Error(
        `the launcher did not start Neo4j and die by SIGKILL (${JSON.stringify(exit)}):\n${stderr}`,
      );
    }
    const { pid, recordedPid } = JSON.parse(report) as { pid: number; recordedPid?: number };
    jvmPid = pid;
    expect(recordedPid).toBe(pid);

    while (processRunning(pid) && performance.now() - diedAt < 40_000) await sleep(200);
    process.stderr.write(
      `[runtime test] orphaned JVM ${pid} ${processRunning(pid) ? 'still running' : 'gone'} ` +
        `${(performance.now() - diedAt).toFixed(0)} ms after its launcher was killed\n`,
    );
    expect(processRunning(pid)).toBe(false);
  }, 240_000);
});
