import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RuntimeError } from '../../src/runtime/runtime-error';
import { isAlive } from '../../src/runtime/processes';
import { RunningRedis, redisAnswers, startLocalRedis } from '../../src/runtime/redis-server';

const REPO_ROOT = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What tools/check-no-jvm.sh says now: its exit code and the pids it lists. */
function leftOver(): { status: number | null; pids: number[] } {
  const run = spawnSync('bash', [path.join(REPO_ROOT, 'tools/check-no-jvm.sh')], { encoding: 'utf8' });
  const pids = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[0]));
  return { status: run.status, pids };
}

/** The folder named in the server's process title (redis rewrites its command line to it). */
function folderOf(pid: number): string {
  const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '');
  return path.dirname(title.split(' ')[2]);
}

describe('startLocalRedis: a throw-away redis-server on 127.0.0.1', () => {
  let redis: RunningRedis | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('answers PING on a free port, is listed by check-no-jvm.sh while up, and leaves nothing once stopped', async () => {
    redis = await startLocalRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisAnswers(redis.port)).toBe(true);
    const folder = folderOf(redis.pid);
    expect(path.basename(folder)).toMatch(/^stancegraph-redis-/);
    const during = leftOver();
    expect(during.status).toBe(1);
    expect(during.pids).toContain(redis.pid);

    await redis.stop();
    await redis.stop(); // a second stop is harmless
    expect(isAlive(redis.pid)).toBe(false);
    expect(existsSync(folder)).toBe(false);
    expect(await redisAnswers(redis.port)).toBe(false);
    expect(leftOver().pids).not.toContain(redis.pid);
  });

  it('starts again on the port its clients know (the outage tests stop and restart it)', async () => {
    const first = await startLocalRedis();
    const port = first.port;
    await first.stop();
    redis = await startLocalRedis({ port });
    expect(redis.port).toBe(port);
    expect(await redisAnswers(port)).toBe(true);
  });

  it('does not outlive a launcher killed with SIGKILL: the watcher stops it and removes its folder', async () => {
    const launcher = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('tsx/cjs'),
        '-e',
        `require(${JSON.stringify(path.join(REPO_ROOT, 'src/runtime/redis-server.ts'))})` +
          '.startLocalRedis().then((r) => { process.stdout.write(String(r.pid) + "\\n"); setInterval(() => {}, 1000); })',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      launcher.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      launcher.once('exit', (code) => reject(new Error(`launcher exited (${code})`)));
    });
    const folder = folderOf(pid);
    launcher.kill('SIGKILL');
    // The watcher polls once a second; the test's own timeout bounds the wait.
    while (isAlive(pid) || existsSync(folder)) await sleep(100);
    expect(leftOver().pids).not.toContain(pid);
  });

  it('a port that is taken: START_FAILED with the log line that says so', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await startLocalRedis({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuntimeError);
      expect(error).toMatchObject({ code: 'START_FAILED' });
      expect((error as Error).message).toMatch(/Address already in use/);
    } finally {
      blocker.close();
    }
  });

  it('no redis-server installed: REDIS_MISSING, naming the Debian package', async () => {
    const error = await startLocalRedis({ binary: 'stancegraph-no-such-redis-server' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'REDIS_MISSING' });
    expect((error as Error).message).toMatch(/apt-get install redis-server/);
  });
});
