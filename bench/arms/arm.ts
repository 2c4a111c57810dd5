import http from 'node:http';
import { AddressInfo } from 'node:net';

// tsx turns on source maps, so that every Error.stack is mapped back to TypeScript; neo4j-driver reads a
// stack for every query result. The service runs compiled (node dist/cli.js) without them: so do the arms.
process.setSourceMapsEnabled(false);

/** What the benchmark tells an arm: the Neo4j to use, through the environment. */
export interface ArmEnv {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export function armEnv(): ArmEnv {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI must name the Neo4j to read from');
  return {
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'stancegraph-dev',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
}

/** Counters an arm reports between cells; queries is null where no driver instrumentation exists. */
export interface ArmStats {
  requests: number;
  queries: number | null;
  /** Round trips per named query, when known. */
  byName?: Record<string, number>;
}

/** Messages between bench/run.ts and an arm (node IPC). */
export type ToArm = { type: 'stats' } | { type: 'close' };
export type FromArm =
  | { type: 'ready'; port: number; pid: number }
  | ({ type: 'stats' } & ArmStats)
  | { type: 'failed'; message: string };

/**
 * Listens on 127.0.0.1 (a free port), then answers the parent's requests for counters and closes on
 * request or on SIGTERM. Without a parent it just prints where it listens.
 */
export async function serveArm(
  server: http.Server,
  hooks: { stats: () => ArmStats; close: () => Promise<void> },
  port = 0,
): Promise<void> {
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }
  // autocannon keeps connections open; the defaults would close idle ones between requests of a slow cell.
  server.keepAliveTimeout = 60_000;
  const { port: bound } = server.address() as AddressInfo;
  const send = (message: FromArm) => process.send?.(message);
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await hooks.close();
    process.exit(0);
  };
  process.on('message', (message: ToArm) => {
    if (message.type === 'stats') send({ type: 'stats', ...hooks.stats() });
    if (message.type === 'close') void close();
  });
  process.on('SIGTERM', () => void close());
  process.on('disconnect', () => void close());
  if (process.send) send({ type: 'ready', port: bound, pid: process.pid });
  else console.log(`listening on http://127.0.0.1:${bound}`);
}

/** Reports a failure to start to the parent (or the terminal) and exits. */
export function failArm(error: unknown): never {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ type: 'failed', message } satisfies FromArm);
  else console.error(message);
  process.exit(1);
}
