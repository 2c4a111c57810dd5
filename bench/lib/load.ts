import autocannon from 'autocannon';
import { ArmRequest, bodyError } from '../workloads';
import { cpuMs, machineCpuMs } from './proc';

export interface CellOptions {
  url: string;
  request: ArmRequest;
  connections: number;
  durationS: number;
  /**
   * Requests per second for the whole cell (autocannon's overallRate), or as fast as the arm answers when
   * unset: a fixed rate makes CPU per request comparable between arms on a busy machine, where a faster arm
   * would otherwise batch more requests per wake-up.
   */
  rate?: number;
  /** Processes whose CPU time is charged to this cell (the arm and the Neo4j JVM). */
  pids: { server: number; neo4j?: number };
}

export interface CellResult {
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  /** The first few distinct reasons, e.g. "GraphQL errors" or "HTTP 500". */
  errorKinds: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  bytesPerResponse: number;
  cpuMs: { server: number; neo4j: number | null; loadGenerator: number; others: number | null };
  elapsedS: number;
}

/** A request body with `"variables":{"nonce":n}` added, n counting up: a new cache key every request. */
/**
 * A new value for every request of the whole run: the counter is the process's, not the cell's, so a round
 * (or the warm-up) never repeats a request of an earlier one, which the response cache would answer.
 */
let nonce = 0;
function varied(body: string) {
  const open = body.slice(0, body.lastIndexOf('}'));
  return (request: autocannon.Request) => ({ ...request, body: `${open},"variables":{"nonce":${nonce++}}}` });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * One cell: `connections` clients sending the request back to back for `durationS` seconds. Latency is
 * every response's own time (exact percentiles, not autocannon's histogram buckets); every body is checked.
 */
export async function runCell(options: CellOptions): Promise<CellResult> {
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const before = {
    server: cpuMs(options.pids.server) ?? 0,
    neo4j: cpuMs(options.pids.neo4j),
    self: process.cpuUsage(),
    machine: machineCpuMs(),
  };
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: 30,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [
          {
            method: options.request.method,
            path: options.request.path,
            body: options.request.body,
            headers: options.request.body ? { 'content-type': 'application/json' } : {},
            ...(options.request.vary && options.request.body
              ? { setupRequest: varied(options.request.body) }
              : {}),
            onResponse: (status, body) => {
              bytes += body.length;
              const error = bodyError(status, body);
              if (error) {
                errors++;
                errorKinds[error] = (errorKinds[error] ?? 0) + 1;
              }
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const self = process.cpuUsage(before.self);
  const server = (cpuMs(options.pids.server) ?? 0) - before.server;
  const neo4jAfter = cpuMs(options.pids.neo4j);
  const neo4j = before.neo4j !== undefined && neo4jAfter !== undefined ? neo4jAfter - before.neo4j : null;
  const loadGenerator = (self.user + self.system) / 1000;
  const machineAfter = machineCpuMs();
  const others =
    before.machine !== undefined && machineAfter !== undefined
      ? Math.max(0, machineAfter - before.machine - server - (neo4j ?? 0) - loadGenerator)
      : null;
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return {
    requests: n,
    reqPerSec: round(n / elapsedS, 1),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[n - 1] ?? NaN),
    },
    errors,
    errorKinds,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: n ? Math.round(bytes / n) : 0,
    cpuMs: {
      server: round(server, 0),
      neo4j: neo4j === null ? null : round(neo4j, 0),
      loadGenerator: round(loadGenerator, 0),
      others: others === null ? null : round(others, 0),
    },
    elapsedS: round(elapsedS, 2),
  };
}
