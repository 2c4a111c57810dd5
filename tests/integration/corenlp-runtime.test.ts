import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { CORENLP_TMP_PREFIX, ensureCoreNlp, startLocalCoreNlp } from '../../src/runtime/corenlp-server';
import { isAlive, killAndWait } from '../../src/runtime/processes';

/**
 * The project's own CoreNLP process (src/runtime/corenlp-server.ts): where it listens, that it stops, and that
 * it never outlives its launcher. Its start costs under a second: models load only on a first parse, which
 * these tests never send.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The local addresses (hex, as in /proc/net/tcp*) of the listening sockets on `port`. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // st 0A is LISTEN
      .filter((f) => f.length > 3 && f[3] === '0A' && f[1].endsWith(`:${hexPort}`))
      .map((f) => f[1].slice(0, f[1].lastIndexOf(':'))),
  );
}

/** 127.0.0.1 as /proc/net shows it: in tcp, and IPv4-mapped in tcp6. */
const LOOPBACK = ['0100007F', '0000000000000000FFFF00000100007F'];

describe('the local CoreNLP', () => {
  it('listens on 127.0.0.1 only, and stop() ends the JVM and removes its temp folder', async () => {
    const corenlp = await startLocalCoreNlp({ heap: '256m' });
    const tmp = /-Djava\.io\.tmpdir=([^\0]+)/.exec(readFileSync(`/proc/${corenlp.pid}/cmdline`, 'utf8'))?.[1];
    try {
      const port = Number(new URL(corenlp.url).port);
      expect(new URL(corenlp.url).hostname).toBe('127.0.0.1');
      const addresses = listeningAddresses(port);
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses) expect(LOOPBACK).toContain(address);
      expect(await (await fetch(`${corenlp.url}/ready`)).text()).toMatch(/ready/);
      expect(path.basename(tmp ?? '')).toMatch(new RegExp(`^${CORENLP_TMP_PREFIX}`));
    } finally {
      await corenlp.stop();
    }
    expect(isAlive(corenlp.pid)).toBe(false);
    expect(existsSync(tmp ?? '/nonexistent')).toBe(false);
    await corenlp.stop();
  }, 60_000);

  it('uses CORENLP_URL as given and starts nothing for it', async () => {
    const target = await ensureCoreNlp(loadConfig({ CORENLP_URL: 'http://127.0.0.1:9/' }), () => {});
    expect(target.url).toBe('http://127.0.0.1:9');
    await target.release();
  });

  it('says to run npm run corenlp:resolve when its jars are missing', async () => {
    const libDir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-no-corenlp-'));
    try {
      await expect(startLocalCoreNlp({ heap: '256m', libDir })).rejects.toMatchObject({
        code: 'NOT_RESOLVED',
        message: expect.stringMatching(/npm run corenlp:resolve[\s\S]*CORENLP_URL/),
      });
    } finally {
      rmSync(libDir, { recursive: true, force: true });
    }
  });
});

describe('a local CoreNLP whose launcher is killed with SIGKILL', () => {
  let jvm: { pid: number; tmp: string } | undefined;

  afterAll(async () => {
    // Only if the watcher failed: stop that very JVM (checked by its folder) so the run leaves nothing behind.
    if (jvm && isAlive(jvm.pid) && readFileSync(`/proc/${jvm.pid}/cmdline`, 'utf8').includes(jvm.tmp)) {
      await killAndWait(jvm.pid);
    }
  });

  it('leaves no JVM and no temp folder behind', async () => {
    const launcher = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/integration/fixtures/orphan-corenlp.ts'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    launcher.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    launcher.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      launcher.once('close', (_code, signal) => resolve(signal)),
    );
    const report = stdout.trim().split('\n').pop() ?? '';
    if (exit !== 'SIGKILL' || !report.startsWith('{')) {
      throw new Error(`the launcher did not start CoreNLP and die by SIGKILL (${exit}):\n${stderr}`);
    }
    jvm = JSON.parse(report) as { pid: number; tmp: string };
    const diedAt = Date.now();
    // The watcher polls every second and gives the JVM up to 30 s to stop.
    while ((isAlive(jvm.pid) || existsSync(jvm.tmp)) && Date.now() - diedAt < 40_000) await sleep(200);
    expect(isAlive(jvm.pid)).toBe(false);
    expect(existsSync(jvm.tmp)).toBe(false);
  }, 120_000);
});
