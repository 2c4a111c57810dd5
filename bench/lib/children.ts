import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ArmStats, FromArm, ToArm } from '../arms/arm';
import type { BenchNeo4j } from './neo4j';
import { armKind } from '../workloads';

export interface RunningArm {
  name: string;
  pid: number;
  url: string;
  stats(): Promise<ArmStats>;
  close(): Promise<void>;
}

const ARMS_DIR = path.join(__dirname, '..', 'arms');

/**
 * Forks bench/arms/<kind>.ts (of another checkout when the spec is `<kind>@<dir>`) under the same TypeScript loader as this process (tsx), pointed at the
 * benchmark's Neo4j, and waits until it listens.
 */
export async function startArm(name: string, neo4j: BenchNeo4j, timeoutMs = 120_000): Promise<RunningArm> {
  const [spec, dir] = name.split('@');
  // stancegraph-cached and -uncached are bench/arms/stancegraph.ts told by BENCH_ARM to turn its cache on.
  const kind = armKind(spec);
  const file = dir
    ? path.join(path.resolve(dir), 'bench', 'arms', `${kind}.ts`)
    : path.join(ARMS_DIR, `${kind}.ts`);
  const child: ChildProcess = fork(file, [], {
    execArgv: process.execArgv,
    // tsx takes its compiler options (decorators) from the tsconfig.json of the working directory.
    cwd: dir ? path.resolve(dir) : process.cwd(),
    env: {
      ...process.env,
      // As deployed (Dockerfile): graphql-js, express and others pick their fast paths from it at load.
      NODE_ENV: 'production',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      BENCH_ARM: spec,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromArm['type']>(type: T, ms: number) =>
    new Promise<Extract<FromArm, { type: T }>>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`arm ${name}: no "${type}" within ${ms} ms`));
      }, ms);
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`arm ${name} exited (code ${code})`));
      };
      const onMessage = (message: FromArm) => {
        if (message.type === 'failed') {
          done();
          reject(new Error(`arm ${name} failed: ${message.message}`));
        } else if (message.type === type) {
          done();
          resolve(message as Extract<FromArm, { type: T }>);
        }
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready', timeoutMs);
  const send = (message: ToArm) => child.send(message);
  return {
    name,
    pid: ready.pid,
    url: `http://127.0.0.1:${ready.port}`,
    async stats() {
      const reply = next('stats', 10_000);
      send({ type: 'stats' });
      const { type: _type, ...stats } = await reply;
      return stats;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
