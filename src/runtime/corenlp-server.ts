import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config } from '../config';
import {
  MavenTool,
  ResolveOptions,
  checkJava,
  jarsResolved,
  javaExecutable,
  markerOf,
  resolveTool,
} from './java';
import { freePort, isAlive, killAndWait, tail, watchParent } from './processes';
import { RuntimeError } from './runtime-error';

/**
 * Stanford CoreNLP as the project's own process (docs/nlp-runtime.md). It is GPL, so it only ever runs in a
 * JVM of its own that the drafter reaches over HTTP, never inside this process.
 */

export const CORENLP_VERSION = '4.5.10';
const TOOLS_DIR = path.resolve(__dirname, '../../tools/corenlp');
export const CORENLP_LIB_DIR = path.join(TOOLS_DIR, 'lib');
const PROVIDER = 'stancegraph.corenlp.LoopbackHttpServerProvider';
const PROVIDER_SOURCE = path.join(TOOLS_DIR, 'src', ...PROVIDER.split('.')) + '.java';
/** In every JVM the project starts (tools/check-no-jvm.sh finds left-over ones by it). */
export const CORENLP_TMP_PREFIX = 'stancegraph-corenlp-';

export const CORENLP_TOOL: MavenTool = {
  name: `Stanford CoreNLP ${CORENLP_VERSION}`,
  coordinates: `edu.stanford.nlp:stanford-corenlp:${CORENLP_VERSION} (and its models)`,
  runs: 'the local CoreNLP',
  alternative: 'point CORENLP_URL at a running CoreNLP server',
  toolsDir: TOOLS_DIR,
  libProperty: 'corenlp.lib',
  // compiler:compile builds the provider class (the server's 127.0.0.1 binding) into lib/classes.
  goals: ['compiler:compile', 'dependency:copy-dependencies'],
  // A changed pom or provider makes the lib/ of an older one stale.
  marker: () => markerOf(CORENLP_VERSION, [path.join(TOOLS_DIR, 'pom.xml'), PROVIDER_SOURCE]),
};

/** `npm run corenlp:resolve`: the jars (473 MB, Maven Central) into tools/corenlp/lib, once. */
export async function resolveCoreNlpJars(
  log: (line: string) => void = () => {},
  options: ResolveOptions = {},
): Promise<string> {
  await checkJava(undefined, CORENLP_TOOL);
  return resolveTool(CORENLP_TOOL, log, { libDir: CORENLP_LIB_DIR, ...options });
}

export interface LocalCoreNlpOptions {
  /** JVM heap, e.g. "4g". */
  heap: string;
  /** Default: a free port. */
  port?: number;
  /** Default tools/corenlp/lib. */
  libDir?: string;
  /** Fetch the jars when they are missing (the test harness); otherwise that is an error naming the fix. */
  resolve?: boolean;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningCoreNlp {
  url: string;
  pid: number;
  /** Stops the JVM (SIGTERM, then SIGKILL) and removes its temp folder; safe to call twice. */
  stop(): Promise<void>;
}

function jvmArguments(lib: string, heap: string, port: number, tmp: string): string[] {
  return [
    `-Xmx${heap}`,
    '-XX:+ExitOnOutOfMemoryError',
    // The server has no option for its address and listens on every interface: the provider (JDK API only,
    // tools/corenlp/src) makes it listen on 127.0.0.1, wrapping the JDK's own provider, which it needs exported.
    '--add-exports=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED',
    `-Dcom.sun.net.httpserver.HttpServerProvider=${PROVIDER}`,
    // Its shutdown key file and any scratch files go to a folder of this run, removed on stop.
    `-Djava.io.tmpdir=${tmp}`,
    '-cp',
    `${lib}/*${path.delimiter}${path.join(lib, 'classes')}`,
    'edu.stanford.nlp.pipeline.StanfordCoreNLPServer',
    '-port',
    String(port),
    '-timeout',
    '120000',
    '-quiet',
    '-server_id',
    `stancegraph-${port}`,
  ];
}

/** Answers once GET /ready does; throws when the JVM exits or the deadline passes. */
async function waitForReady(url: string, deadline: number, running: () => boolean): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (!running()) throw new Error('exited');
    if (Date.now() > deadline) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startOnce(options: LocalCoreNlpOptions, lib: string, port: number): Promise<RunningCoreNlp> {
  const log = options.log ?? (() => {});
  const tmp = mkdtempSync(path.join(os.tmpdir(), CORENLP_TMP_PREFIX));
  const logFile = path.join(tmp, 'server.log');
  const out = openSync(logFile, 'a');
  // Its own process group: a Ctrl-C meant for the launcher reaches the launcher, which stops it in order.
  const jvm = spawn(javaExecutable(), jvmArguments(lib, options.heap, port, tmp), {
    cwd: tmp,
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  const pid = jvm.pid;
  if (pid === undefined) throw new RuntimeError('START_FAILED', `Java could not be started: see ${logFile}`);
  let exited = false;
  jvm.once('exit', () => (exited = true));
  jvm.unref();
  watchParent(pid, { removeAfter: tmp });
  const stop = async () => {
    await killAndWait(pid);
    rmSync(tmp, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const timeout = options.startTimeoutMs ?? 60_000;
  const started = Date.now();
  try {
    await waitForReady(url, started + timeout, () => !exited && isAlive(pid));
  } catch {
    const lines = tail(logFile);
    await stop();
    throw new RuntimeError(
      exited ? 'START_FAILED' : 'START_TIMEOUT',
      `CoreNLP ${exited ? 'exited during start' : `did not answer on ${url}/ready within ${timeout / 1000} s`}. ` +
        `Last lines of its log:\n${lines}`,
    );
  }
  log(
    `CoreNLP answered on ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid}, heap ${options.heap}); ` +
      'its first parse loads the models (about 30 s)',
  );
  return { url, pid, stop };
}

/** Starts StanfordCoreNLPServer on 127.0.0.1, in its own process group, never outliving this process. */
export async function startLocalCoreNlp(options: LocalCoreNlpOptions): Promise<RunningCoreNlp> {
  const lib = options.libDir ?? CORENLP_LIB_DIR;
  await checkJava(undefined, CORENLP_TOOL);
  if (!jarsResolved(lib, CORENLP_TOOL)) {
    if (!options.resolve) {
      throw new RuntimeError(
        'NOT_RESOLVED',
        `${CORENLP_TOOL.name} is not in ${lib}: run \`npm run corenlp:resolve\` once (Maven fetches 473 MB ` +
          'from Maven Central), or point CORENLP_URL at a running CoreNLP server.',
      );
    }
    await resolveCoreNlpJars(options.log, { libDir: lib });
  }
  // A free port may be taken between finding it and the JVM binding it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnce(options, lib, port);
    } catch (error) {
      const taken =
        error instanceof RuntimeError && /BindException|Address already in use/.test(error.message);
      if (!taken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

/**
 * Where the drafter's CoreNLP is: CORENLP_URL when set; otherwise the project's own, started now on a free
 * port of 127.0.0.1 with CORENLP_HEAP, and stopped by release(). Missing jars are fetched first (once).
 */
export async function ensureCoreNlp(
  config: Config,
  log: (line: string) => void,
): Promise<{ url: string; release(): Promise<void> }> {
  if (config.CORENLP_URL) return { url: config.CORENLP_URL.replace(/\/+$/, ''), release: async () => {} };
  log(`CORENLP_URL is unset: starting the local CoreNLP (heap ${config.CORENLP_HEAP})`);
  // The jars are fetched on first need, as Neo4j's are: the README's run command is all a newcomer runs, and
  // the review page must draft on a fresh clone (Maven Central, 473 MB, about 10 s here).
  const corenlp = await startLocalCoreNlp({ heap: config.CORENLP_HEAP, log, resolve: true });
  return { url: corenlp.url, release: () => corenlp.stop() };
}

/** The peak resident memory of a process (VmHWM, bytes), for the docs and the bench; undefined if gone. */
export function peakRss(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
