import { ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { RuntimeError } from './runtime-error';
import { checkJava, javaExecutable, resolveJars } from './java';
import { isAlive, killAndWait, portInUse, tail, watchParent } from './processes';

// Where the launchers, tests and benchmarks have always found them.
export { freePort, isAlive, killAndWait, portInUse } from './processes';

export interface LocalNeo4jOptions {
  /** NEO4J_HOME: conf/, data/, logs/ live here. */
  home: string;
  boltPort: number;
  httpPort: number;
  password: string;
  /** JVM heap, e.g. "512m". */
  heap?: string;
  /** Neo4j page cache, e.g. "256m". */
  pageCache?: string;
  /** Give up waiting for Bolt after this long. */
  startTimeoutMs?: number;
  /** Where the jars are (default tools/neo4j/lib, resolved on first use). */
  libDir?: string;
  /** Detach the JVM so it outlives this process (the persistent development instance). */
  detached?: boolean;
  log?: (line: string) => void;
}

export interface RunningNeo4j {
  uri: string;
  pid: number;
  home: string;
  logFile: string;
  stop(): Promise<void>;
}

const JVM_OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

export const PID_FILE = 'stancegraph-neo4j.pid';

/**
 * The URI of the project's own Neo4j on boltPort. neo4j:// (routing), as against a cluster: Community 5.26
 * answers the routing request with itself as router, reader and writer, so the local default and the test
 * harness run the same driver code paths — access modes, routing tables, their refresh after a restart —
 * that a cluster deployment does. bolt:// still works through NEO4J_URI.
 */
export function localNeo4jUri(boltPort: number): string {
  return `neo4j://127.0.0.1:${boltPort}`;
}

/** Answers once `RETURN 1` succeeds over Bolt. */
export async function waitForBolt(
  uri: string,
  password: string,
  deadline: number,
  stillRunning: () => boolean,
): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: 2_000,
    maxConnectionPoolSize: 1,
  });
  try {
    for (;;) {
      try {
        await driver.executeQuery('RETURN 1', {}, { routing: neo4j.routing.READ });
        return;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code === 'Neo.ClientError.Security.Unauthorized') {
          throw new RuntimeError(
            'AUTH_FAILED',
            `Neo4j at ${uri} refused the password. Its data folder was created with another password: ` +
              'set NEO4J_PASSWORD to that one, or remove the data folder to start afresh.',
          );
        }
        if (!stillRunning() || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await driver.close();
  }
}

/**
 * conf/, logs/ and data/ in home, and, while no database has been created there, the initial password: what
 * the first start needs, and what a bulk import into a new home needs before it (src/bulk-load.ts).
 */
export async function prepareHome(lib: string, home: string, password: string): Promise<void> {
  for (const dir of ['conf', 'logs', 'data']) mkdirSync(path.join(home, dir), { recursive: true });
  const conf = path.join(home, 'conf', 'neo4j.conf');
  if (!existsSync(conf)) writeFileSync(conf, '# settings are passed on the command line by stancegraph\n');
  if (!existsSync(path.join(home, 'data', 'databases'))) await setInitialPassword(lib, home, password);
}

async function setInitialPassword(lib: string, home: string, password: string): Promise<void> {
  // Effective only before the first start, so it runs only while no database has been created.
  await promisify(execFile)(
    javaExecutable(),
    ['-cp', `${lib}/*`, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
    { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') } },
  );
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const log = options.log ?? (() => {});
  const home = path.resolve(options.home);
  const { boltPort, httpPort } = options;
  await checkJava();
  const lib = await resolveJars(log, { libDir: options.libDir });
  for (const [port, what, variable] of [
    [boltPort, 'Bolt', 'NEO4J_BOLT_PORT'],
    [httpPort, 'HTTP', 'NEO4J_HTTP_PORT'],
  ] as const) {
    if (await portInUse(port)) {
      throw new RuntimeError(
        'PORT_IN_USE',
        `Port ${port} (Neo4j ${what}) is already in use on 127.0.0.1. Stop what holds it ` +
          `(\`npm run neo4j:stop\` if it is our development instance) or set ${variable} to a free port.`,
      );
    }
  }
  await prepareHome(lib, home, options.password);

  const logFile = path.join(home, 'logs', 'console.log');
  const out = openSync(logFile, 'a');
  const heap = options.heap ?? '512m';
  const args = [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    ...JVM_OPENS,
    '-cp',
    `${lib}/*`,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${home}`,
    `--config-dir=${path.join(home, 'conf')}`,
    '-c',
    'server.default_listen_address=127.0.0.1',
    '-c',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    // What the routing table names (neo4j://): the address it listens on, not the default "localhost".
    '-c',
    `server.bolt.advertised_address=127.0.0.1:${boltPort}`,
    '-c',
    `server.http.listen_address=127.0.0.1:${httpPort}`,
    '-c',
    'server.https.enabled=false',
    '-c',
    `server.memory.pagecache.size=${options.pageCache ?? '256m'}`,
    '-c',
    'dbms.usage_report.enabled=false',
    '-c',
    'dbms.security.auth_enabled=true',
    '-c',
    'db.tx_log.rotation.retention_policy=2 files',
    // Bolt otherwise waits 5 s twice on shutdown for connections that are already gone (5.26 defaults).
    '-c',
    'internal.server.bolt.thread_pool_shutdown_wait_time=1s',
    '-c',
    'internal.server.bolt.connection_shutdown_wait_time=1s',
  ];
  const jvm: ChildProcess = spawn(javaExecutable(), args, {
    cwd: home,
    stdio: ['ignore', out, out],
    detached: options.detached ?? false,
  });
  closeSync(out);
  const pid = jvm.pid;
  if (pid === undefined) throw new RuntimeError('START_FAILED', `Java could not be started: see ${logFile}`);
  let exited = false;
  jvm.once('exit', () => (exited = true));
  writeFileSync(path.join(home, PID_FILE), `${pid}\n`);
  if (options.detached) jvm.unref();
  else watchParent(pid);

  const uri = localNeo4jUri(boltPort);
  const timeout = options.startTimeoutMs ?? 120_000;
  const started = Date.now();
  try {
    await waitForBolt(uri, options.password, started + timeout, () => !exited);
  } catch (error) {
    await killAndWait(pid);
    if (error instanceof RuntimeError) throw error;
    const why = exited ? 'exited during start' : `did not answer on ${uri} within ${timeout / 1000} s`;
    throw new RuntimeError(
      exited ? 'START_FAILED' : 'START_TIMEOUT',
      `Neo4j ${why}. Last lines of ${path.join(home, 'logs', 'neo4j.log')}:\n${tail(path.join(home, 'logs', 'neo4j.log'))}\n` +
        `Last lines of ${logFile}:\n${tail(logFile)}`,
    );
  }
  log(
    `Neo4j answered on ${uri} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid}, logs in ${path.join(home, 'logs')})`,
  );
  return {
    uri,
    pid,
    home,
    logFile,
    stop: () => killAndWait(pid),
  };
}

/** The pid of a detached instance recorded in home, if that JVM is still running. */
export function runningPid(home: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(home, PID_FILE), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    // A stale pid file may name a pid the system has since given to something else.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('CommunityEntryPoint') ? pid : undefined;
  } catch {
    return undefined;
  }
}
