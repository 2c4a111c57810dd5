import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, isAlive, killAndWait, tail, watchParent } from './processes';
import { RuntimeError } from './runtime-error';

/**
 * A throw-away redis-server (Debian's package) for the tests and benchmarks that run several service
 * instances: on 127.0.0.1 and a free port, nothing written to disk, in its own process group, never
 * outliving the process that started it. The service itself never starts one: with REDIS_URL unset it
 * uses its in-process event bus (docs/configuration.md).
 */

/** The folder of every redis-server this module starts (tools/check-no-jvm.sh finds left-over ones by it). */
export const REDIS_TMP_PREFIX = 'stancegraph-redis-';
export const REDIS_SERVER = 'redis-server';

export interface LocalRedisOptions {
  /** Default: redis-server on the PATH. */
  binary?: string;
  /** Default: a free port. A given one is used as is (a restart on the port clients know). */
  port?: number;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** The first line of `redis-server --version`, or undefined when it is not installed. */
export function redisServerVersion(binary = REDIS_SERVER): string | undefined {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** True once the server answers PING with +PONG on 127.0.0.1:port. */
export function redisAnswers(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function serverArguments(config: string, port: number, folder: string, logFile: string): string[] {
  return [
    // The file holds no setting: its path names this run's folder in the process title, by which
    // tools/check-no-jvm.sh finds a left-over server (redis rewrites its command line to that title).
    config,
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    // Pub/sub only: no snapshot, no append-only file, nothing kept between runs.
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    folder,
    '--logfile',
    logFile,
    '--daemonize',
    'no',
    '--proc-title-template',
    '{title} {listen-addr} {config-file}',
  ];
}

async function startOnce(port: number, options: LocalRedisOptions): Promise<RunningRedis> {
  const log = options.log ?? (() => {});
  const folder = mkdtempSync(path.join(os.tmpdir(), REDIS_TMP_PREFIX));
  const config = path.join(folder, 'redis.conf');
  writeFileSync(config, '# stancegraph: every option is on the command line (src/runtime/redis-server.ts)\n');
  const logFile = path.join(folder, 'server.log');
  const out = openSync(logFile, 'a');
  // Its own process group: a Ctrl-C meant for the launcher reaches the launcher, which stops it in order.
  const child = spawn(options.binary ?? REDIS_SERVER, serverArguments(config, port, folder, logFile), {
    cwd: folder,
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  let exited = false;
  let spawnError: Error | undefined;
  child.once('exit', () => (exited = true));
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(folder, { recursive: true, force: true });
    throw new RuntimeError(
      'START_FAILED',
      `${REDIS_SERVER} could not be started (${spawnError?.message ?? 'no pid'}): install Debian's ` +
        '`redis-server` package (apt-get install redis-server).',
    );
  }
  child.unref();
  watchParent(pid, { removeAfter: folder });
  const stop = async () => {
    await killAndWait(pid, 10_000);
    rmSync(folder, { recursive: true, force: true });
  };

  const timeout = options.startTimeoutMs ?? 20_000;
  const started = Date.now();
  for (;;) {
    if (await redisAnswers(port, 500)) break;
    if (exited || !isAlive(pid) || Date.now() - started > timeout) {
      const lines = tail(logFile);
      const gone = exited || !isAlive(pid);
      await stop();
      throw new RuntimeError(
        gone ? 'START_FAILED' : 'START_TIMEOUT',
        `redis-server ${gone ? 'exited during start' : `did not answer PING on 127.0.0.1:${port} within ${timeout / 1000} s`}. ` +
          `Last lines of its log:\n${lines}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  log(`redis-server answered on 127.0.0.1:${port} after ${Date.now() - started} ms (pid ${pid})`);
  return { url: `redis://127.0.0.1:${port}`, port, pid, stop };
}

/** Starts redis-server on 127.0.0.1 (a free port unless one is given); see the module's comment. */
export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<RunningRedis> {
  const binary = options.binary ?? REDIS_SERVER;
  if (!redisServerVersion(binary)) {
    throw new RuntimeError(
      'REDIS_MISSING',
      `${binary} is not installed: run \`apt-get install redis-server\` (Debian's package; .ci/run ` +
        'installs it), or set REDIS_URL for the tests to a running Redis.',
    );
  }
  // A free port may be taken between finding it and the server binding it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnce(port, options);
    } catch (error) {
      const taken = error instanceof RuntimeError && /Address already in use/.test(error.message);
      if (!taken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}
