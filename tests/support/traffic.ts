import { leakIn } from './requests';

/**
 * Closed-loop clients for the fault drills (tests/integration/faults-load.test.ts): each sends a request,
 * waits for its answer or its deadline, and sends the next, until told to stop or a hard deadline passes.
 * Every request becomes a Sample with its outcome, so that a test can count what clients saw in each phase
 * of a fault.
 */

/**
 * - ok: 200, data and no errors.
 * - unavailable: 503 with SERVICE_UNAVAILABLE and Retry-After, nothing internal in the body.
 * - refused: the connection was refused (nothing listens: the process has gone).
 * - closed: the connection closed or reset before an answer (a keep-alive connection the server closed
 *   while the request was on its way: the request was not run).
 * - timeout: no answer within the client's deadline — a hung request.
 * - other: anything else (a 500, an INTERNAL error, 200 with errors, a leak): always a failure.
 */
export type Outcome = 'ok' | 'unavailable' | 'refused' | 'closed' | 'timeout' | 'other';

export interface Sample {
  /** performance.now() when the request was sent, and its time to the answer (or the failure). */
  started: number;
  ms: number;
  outcome: Outcome;
  status?: number;
  /** What made an `other`, for the failure message. */
  detail?: string;
}

export interface Request {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Whether a 200 answer's data is what it should be (default: any data). */
  check?: (data: Record<string, unknown>) => string | undefined;
}

const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function failure(error: unknown): { outcome: Outcome; detail?: string } {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return { outcome: 'timeout' };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return { outcome: 'refused' };
  if (code && CLOSED.has(code)) return { outcome: 'closed' };
  return { outcome: 'other', detail: `${e.name}: ${e.message} (${code ?? e.cause?.message ?? 'no cause'})` };
}

/** One request, classified. */
export async function sample(request: Request, deadlineMs: number): Promise<Sample> {
  const started = performance.now();
  let status: number | undefined;
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(deadlineMs),
    });
    status = res.status;
    const text = await res.text();
    const ms = performance.now() - started;
    const base = { started, ms, status };
    let body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ...base, outcome: 'other', detail: `${status} not JSON: ${text.slice(0, 200)}` };
    }
    // Errors are where internals would leak; a large 200 answer is not scanned (it costs the clients' CPU).
    const leak = body.errors ? leakIn(text) : undefined;
    if (leak) return { ...base, outcome: 'other', detail: `${status} leaks ${leak}` };
    if (status === 200 && !body.errors && body.data) {
      const wrong = request.check?.(body.data);
      return wrong ? { ...base, outcome: 'other', detail: `200 but ${wrong}` } : { ...base, outcome: 'ok' };
    }
    const code = body.errors?.[0]?.extensions?.code;
    if (status === 503 && code === 'SERVICE_UNAVAILABLE') {
      if (!res.headers.get('retry-after'))
        return { ...base, outcome: 'other', detail: '503 without Retry-After' };
      return { ...base, outcome: 'unavailable' };
    }
    return { ...base, outcome: 'other', detail: `${status} ${text.slice(0, 300)}` };
  } catch (error) {
    return { started, ms: performance.now() - started, status, ...failure(error) };
  }
}

export interface TrafficOptions {
  clients: number;
  /** The i-th request of client c: clients cycle through what they are given. */
  requests: (client: number, i: number) => Request;
  /** Per request: past it, the request counts as hung (`timeout`). */
  deadlineMs: number;
  /** No request is sent after this (performance.now()), whatever happens: the loops are bounded. */
  hardStop: number;
  /** Pause after a refused or closed connection, so that a client does not spin on a closed port. */
  backoffMs?: number;
  /**
   * Pause after a 503 (default none). Clients that honour Retry-After would wait longer; a short pause
   * keeps the 503 flood from taking the CPU a restarting Neo4j needs on a small machine.
   */
  unavailableBackoffMs?: number;
}

/** Clients that run until stop() (or the hard stop); `done` resolves with every sample once all have ended. */
export class Traffic {
  readonly samples: Sample[] = [];
  readonly done: Promise<Sample[]>;
  private stopped = false;

  constructor(options: TrafficOptions) {
    const backoff = options.backoffMs ?? 20;
    const client = async (c: number) => {
      for (let i = 0; !this.stopped && performance.now() < options.hardStop; i++) {
        const s = await sample(options.requests(c, i), options.deadlineMs);
        this.samples.push(s);
        if (s.outcome === 'refused' || s.outcome === 'closed') await sleep(backoff);
        else if (s.outcome === 'unavailable' && options.unavailableBackoffMs)
          await sleep(options.unavailableBackoffMs);
      }
    };
    this.done = Promise.all(Array.from({ length: options.clients }, (_, c) => client(c))).then(
      () => this.samples,
    );
  }

  stop(): Promise<Sample[]> {
    this.stopped = true;
    return this.done;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Outcome counts, with the largest time and the 99th percentile, of the samples that pass `where`. */
export function tally(samples: Sample[], where: (s: Sample) => boolean = () => true) {
  const picked = samples.filter(where);
  const counts: Record<Outcome, number> = {
    ok: 0,
    unavailable: 0,
    refused: 0,
    closed: 0,
    timeout: 0,
    other: 0,
  };
  for (const s of picked) counts[s.outcome]++;
  const times = picked.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] : 0;
  return {
    total: picked.length,
    ...counts,
    maxMs: Math.round(times.length ? times[times.length - 1] : 0),
    p99Ms: Math.round(p99),
    others: picked
      .filter((s) => s.outcome === 'other')
      .map((s) => s.detail)
      .slice(0, 5),
  };
}
