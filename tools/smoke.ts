// `npm run smoke`: what a newcomer does after cloning, checked step by step with no test framework.
// It runs the README's own run command (found in README.md, so the two cannot drift apart) with the local
// default — its own Neo4j, here in a fresh temp folder on free ports — waits for /ready, asks the README's
// example queries and compares the answers with the ones the README shows, fetches the playground, the
// dashboard and the review page with every script and stylesheet their HTML references, /health, runs the README's validate and
// load commands against that Neo4j, then presses Ctrl-C (SIGINT to the process group, as a terminal does)
// and checks that everything exited 0 within 15 s and left no JVM behind.
// Usage (from the repo root): npm run smoke [-- --keep]   (--keep leaves the temp folder for inspection)
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { freePort, localNeo4jUri } from '../src/runtime/neo4j-server';
import { readmeCommand, readmeExamples, readmeRunCommand } from './lib/readme';

const ROOT = path.resolve(__dirname, '..');
const READY_WITHIN_MS = 240_000; // the build, a first Neo4j start and the corpus load
const EXIT_WITHIN_MS = 15_000;
const started = Date.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class SmokeFailure extends Error {}

async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  process.stdout.write(`smoke: ${title} … `);
  try {
    const result = await run();
    process.stdout.write(`ok (${seconds(Date.now() - t0)})\n`);
    return result;
  } catch (error) {
    process.stdout.write(`FAILED (${seconds(Date.now() - t0)})\n`);
    throw error;
  }
}

function fail(message: string): never {
  throw new SmokeFailure(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pids of the Neo4j JVMs whose home is `home` (read from /proc, as tools/check-no-jvm.sh does). */
function jvmsWithHome(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes('org.neo4j.server.CommunityEntryPoint') && args.includes(`--home-dir=${home}`))
      pids.push(Number(entry));
  }
  return pids;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Runs a README command to its end in the repo root with env; its output goes to the log file. */
async function runCommand(command: string, env: NodeJS.ProcessEnv, log: number): Promise<void> {
  const child = spawn('bash', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', log, log] });
  const code = await exited(child);
  if (code !== 0) fail(`\`${command}\` exited ${code}`);
}

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  if (res.status !== 200) fail(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

/** The page as a browser asks for it, then every script and stylesheet its HTML references. */
async function checkPage(base: string, route: string): Promise<void> {
  const res = await fetchOk(`${base}${route}`, { headers: { accept: 'text/html' } });
  if (!res.headers.get('content-type')?.startsWith('text/html')) fail(`${route} is not HTML`);
  const html = await res.text();
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
  if (!refs.some((r) => r.endsWith('.js'))) fail(`${route} references no script`);
  let bytes = 0;
  // Read whole: an unread body is an in-flight response, which the service's shutdown waits for.
  for (const ref of refs)
    bytes += (await (await fetchOk(new URL(ref, `${base}${route}`).href)).arrayBuffer()).byteLength;
  if (bytes === 0) fail(`${route}'s assets are empty`);
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const runCommandText = readmeRunCommand();
  const validateCommand = readmeCommand('npm run validate');
  const loadCommand = readmeCommand('npm run load');
  const examples = readmeExamples();
  const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-smoke-'));
  const home = path.join(work, 'neo4j');
  const logFile = path.join(work, 'service.log');
  const log = openSync(logFile, 'a');
  const [port, boltPort, httpPort] = [await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  // The local default: NEO4J_URI unset, the corpus loaded; only ports and the data folder differ.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEO4J_BOLT_PORT: String(boltPort),
    NEO4J_HTTP_PORT: String(httpPort),
    NEO4J_DATA_DIR: home,
  };
  delete env.NEO4J_URI;
  delete env.NODE_ENV;
  console.log(`smoke: README's run command \`${runCommandText}\`; service log ${logFile}`);

  // Its own process group, so that SIGINT reaches npm, the shell and node at once, as Ctrl-C does.
  const service = spawn('bash', ['-c', runCommandText], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  const serviceExit = exited(service);
  let stopped = false;
  try {
    await step(`\`${runCommandText}\` answers ${base}/ready`, async () => {
      const deadline = Date.now() + READY_WITHIN_MS;
      for (;;) {
        if (service.exitCode !== null)
          fail(`\`${runCommandText}\` exited ${service.exitCode} before it was ready`);
        const status = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        if (Date.now() > deadline) fail(`/ready did not answer 200 within ${seconds(READY_WITHIN_MS)}`);
        await sleep(500);
      }
    });
    await step('/health answers ok', async () => {
      const body = (await (await fetchOk(`${base}/health`)).json()) as { status?: string };
      if (body.status !== 'ok') fail(`/health said ${JSON.stringify(body)}`);
    });
    for (const [i, { query, expected }] of examples.entries()) {
      const name = /\{\s*(\w+)/.exec(query)?.[1] ?? `#${i + 1}`;
      await step(`README example ${i + 1} (${name}) gives the answer the README shows`, async () => {
        const res = await fetchOk(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body: unknown = await res.json();
        if (!isDeepStrictEqual(body, expected))
          fail(`the answer differs from the README's:\n${JSON.stringify(body, null, 2).slice(0, 2_000)}`);
      });
    }
    await step('/graphql serves the playground with its assets', () => checkPage(base, '/graphql'));
    await step('/dashboard serves the dashboard with its assets', () => checkPage(base, '/dashboard'));
    await step('/review serves the review page with its assets', () => checkPage(base, '/review'));

    const cliEnv = { ...env, NEO4J_URI: localNeo4jUri(boltPort) };
    await step(`\`${validateCommand}\``, () => runCommand(validateCommand, cliEnv, log));
    const docDir = path.join('tests', 'integration', 'fixtures', 'ingest', 'toy-fishing-truce');
    const load = loadCommand.replace(/--\s+\S+$/, `-- ${docDir}`);
    await step(`\`${load}\` against that Neo4j, then the document answers over GraphQL`, async () => {
      await runCommand(load, cliEnv, log);
      const id = path.basename(docDir);
      const res = await fetchOk(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ($id: ID!) { document(id: $id) { id } }', variables: { id } }),
      });
      const body = (await res.json()) as { data?: { document?: { id: string } | null } };
      if (body.data?.document?.id !== id) fail(`the loaded document is not served: ${JSON.stringify(body)}`);
    });

    await step(`Ctrl-C: exit 0 within ${seconds(EXIT_WITHIN_MS)}, no JVM left`, async () => {
      process.kill(-service.pid!, 'SIGINT');
      const code = await Promise.race([serviceExit, sleep(EXIT_WITHIN_MS).then(() => 'timeout' as const)]);
      if (code === 'timeout') fail(`still running ${seconds(EXIT_WITHIN_MS)} after SIGINT`);
      stopped = true;
      if (code !== 0) fail(`exited ${code} after SIGINT`);
      const left = jvmsWithHome(home);
      if (left.length) fail(`Neo4j JVM(s) still running: ${left.join(', ')}`);
    });
  } catch (error) {
    if (!stopped) {
      try {
        process.kill(-service.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const pid of jvmsWithHome(home)) process.kill(pid, 'SIGKILL');
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
    console.error(`\nsmoke: last lines of ${logFile}:\n${lines}`);
    throw error;
  }
  if (!keep) rmSync(work, { recursive: true, force: true });
  console.log(`smoke: passed in ${seconds(Date.now() - started)}`);
}

main().catch((error: unknown) => {
  console.error(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof SmokeFailure) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
