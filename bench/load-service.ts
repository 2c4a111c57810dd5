import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { RunningNeo4j, freePort, startLocalNeo4j } from '../src/runtime/neo4j-server';
import { benchDatabase } from './lib/neo4j';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** What bench/load.ts drives: the service on loopback, its process (for its memory) and how to stop it. */
export interface Target {
  url: string;
  pid?: number;
  neo4jVersion?: string;
  stop(): Promise<void>;
}

/** A throw-away Neo4j and the service (loading the seed corpus) in a child process, both on loopback. */
export async function startTarget(log: (line: string) => void): Promise<Target> {
  // The prefix tools/check-no-jvm.sh watches, so that CI notices a JVM this left behind.
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-bench-load-'));
  const password = 'stancegraph-bench';
  let neo4j: RunningNeo4j | undefined;
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child!.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await neo4j?.stop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    neo4j = await startLocalNeo4j({
      home,
      boltPort: await freePort(),
      httpPort: await freePort(),
      password,
      heap: '512m',
      pageCache: '128m',
      startTimeoutMs: 300_000,
      log,
    });
    const db = benchDatabase({ uri: neo4j.uri, user: 'neo4j', password, database: 'neo4j' });
    const [component] = await db.read({
      name: 'bench/version',
      text: 'CALL dbms.components() YIELD versions RETURN versions[0] AS v',
    });
    await db.close();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli.ts'), 'serve'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: neo4j.uri,
        NEO4J_PASSWORD: password,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOAD_CORPUS: 'true',
        PLAYGROUND: 'false',
        LOG_LEVEL: 'warn',
        // As deployed, except that the mix is not on the persisted-query allow-list.
        NODE_ENV: 'production',
        PERSISTED_QUERIES_ONLY: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the service exited (code ${child.exitCode}) before it was ready`);
      const ready = await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the service was not ready within 300 s');
      await sleep(250);
    }
    log(`service ready at ${url} (pid ${child.pid}), Neo4j ${component.v} at ${neo4j.uri}`);
    return { url, pid: child.pid, neo4jVersion: String(component.v), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
