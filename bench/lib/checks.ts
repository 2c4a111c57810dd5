import { WORKLOAD_SPECS, WorkloadName, armKind, bodyError } from '../workloads';
import type { WorkloadSpecs } from './arm-specs';
import { RunningArm } from './children';

export interface Answer {
  status: number;
  bytes: number;
  /** Items at the level that matters (stances, citations, nodes + edges, cells). */
  size: number | null;
  error?: string;
}

async function ask(arm: RunningArm, specs: WorkloadSpecs, workload: WorkloadName): Promise<Answer> {
  const name = armKind(arm.name);
  const request = specs[workload].requests[name];
  const res = await fetch(`${arm.url}${request.path}`, {
    method: request.method,
    body: request.body,
    headers: request.body ? { 'content-type': 'application/json' } : {},
  });
  const text = await res.text();
  const error = bodyError(res.status, text);
  let size: number | null = null;
  try {
    size = specs[workload].size[name](JSON.parse(text));
  } catch {
    size = null;
  }
  return { status: res.status, bytes: Buffer.byteLength(text), size, error: error ?? undefined };
}

/**
 * Every arm must answer every query without error and with the same number of items; a benchmark of
 * arms that answer different questions would compare nothing.
 */
export async function checkAnswers(
  arms: Map<string, RunningArm>,
  workloads: WorkloadName[],
  log: (line: string) => void,
  specs: Map<string, WorkloadSpecs>,
): Promise<Record<string, Record<string, Answer>>> {
  const out: Record<string, Record<string, Answer>> = {};
  for (const workload of workloads) {
    out[workload] = {};
    for (const [name, arm] of arms) out[workload][name] = await ask(arm, specs.get(name)!, workload);
    const answers = Object.entries(out[workload]);
    const failed = answers.filter(([, a]) => a.error || a.size === null);
    if (failed.length)
      throw new Error(
        `${workload}: ${failed.map(([n, a]) => `${n} answered ${a.error ?? 'an unreadable body'}`).join('; ')}`,
      );
    const sizes = new Set(answers.map(([, a]) => a.size));
    if (sizes.size > 1)
      throw new Error(
        `${workload}: the arms disagree: ${answers.map(([n, a]) => `${n} ${a.size}`).join(', ')}`,
      );
    log(`${workload}: ${answers.map(([n, a]) => `${n} ${a.size} items, ${a.bytes} B`).join('; ')}`);
  }
  return out;
}

export interface RoundTrips {
  count: number;
  names: Record<string, number>;
}

/** The Cypher round trips one request of each query costs the service (driver instrumentation). */
export async function measureRoundTrips(
  sg: RunningArm,
  workloads: WorkloadName[],
): Promise<Record<string, RoundTrips>> {
  const out: Record<string, RoundTrips> = {};
  for (const workload of workloads) {
    const before = await sg.stats();
    const request = WORKLOAD_SPECS[workload].requests.stancegraph;
    const res = await fetch(`${sg.url}${request.path}`, {
      method: 'POST',
      body: request.body,
      headers: { 'content-type': 'application/json' },
    });
    await res.text();
    const after = await sg.stats();
    const names: Record<string, number> = {};
    for (const [name, n] of Object.entries(after.byName ?? {})) {
      const d = n - (before.byName?.[name] ?? 0);
      if (d) names[name] = d;
    }
    out[workload] = { count: (after.queries ?? 0) - (before.queries ?? 0), names };
  }
  return out;
}
