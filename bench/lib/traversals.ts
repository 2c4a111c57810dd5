import neo4j from 'neo4j-driver';
import { BARE_QUERIES } from '../arms/bare-queries';
import { Subjects, WORKLOADS, WorkloadName, bodyError, workloadSpecs } from '../workloads';
import { percentile } from './load';
import { round } from './report';
import { rootFieldRequests } from './root-fields';

export interface TraversalTiming {
  workload: WorkloadName;
  subjects: Subjects;
  /** The named Cypher alone, through the driver (what the bare arm sends). */
  cypherMs: { p50: number; p95: number };
  /** The same question through the service's GraphQL endpoint. */
  graphqlMs: { p50: number; p95: number };
  /** Items in the answer (stances, citations, nodes + edges, cells): the same size means the same work. */
  size: number;
  bytes: number;
  /** Set when the workload failed at this size: reported, not fatal. */
  error?: string;
}

/** At most this long per workload and path: slow whole-graph aggregates at 10⁶ get fewer samples (≥ 20). */
const BUDGET_MS = 20_000;

async function timed(samples: number, warmup: number, work: () => Promise<unknown>): Promise<number[]> {
  const until = Date.now() + BUDGET_MS;
  for (let i = 0; i < warmup && (i < 3 || Date.now() < until - BUDGET_MS / 2); i++) await work();
  const out: number[] = [];
  for (let i = 0; i < samples && (i < 20 || Date.now() < until); i++) {
    const t0 = process.hrtime.bigint();
    await work();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** Latency of each workload one request at a time (concurrency 1): p50 and p95 of `samples` requests. */
export async function measureTraversals(options: {
  uri: string;
  user: string;
  password: string;
  database: string;
  serviceUrl: string;
  subjects: Subjects;
  samples?: number;
  /** Requests sent before timing starts, per workload and path (JIT, plan cache, page cache). */
  warmup?: number;
  workloads?: WorkloadName[];
}): Promise<TraversalTiming[]> {
  const samples = options.samples ?? 100;
  const warmup = options.warmup ?? 50;
  const specs = workloadSpecs(options.subjects);
  const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    disableLosslessIntegers: true,
  });
  const out: TraversalTiming[] = [];
  try {
    for (const workload of options.workloads ?? WORKLOADS) {
      try {
        out.push(await timeOne(workload));
      } catch (error) {
        const nan = { p50: NaN, p95: NaN };
        const message = (error as Error).message.split('\n')[0];
        out.push({
          workload,
          subjects: options.subjects,
          cypherMs: nan,
          graphqlMs: nan,
          size: NaN,
          bytes: 0,
          error: message,
        });
      }
    }
  } finally {
    await driver.close();
  }
  return out;

  async function timeOne(workload: WorkloadName): Promise<TraversalTiming> {
    const cypher = await timed(samples, warmup, () =>
      BARE_QUERIES[workload](driver, options.database, options.subjects),
    );
    const request = specs[workload].requests.stancegraph;
    let size = NaN;
    let bytes = 0;
    const graphql = await timed(samples, warmup, async () => {
      const res = await fetch(`${options.serviceUrl}${request.path}`, {
        method: 'POST',
        body: request.body,
        headers: { 'content-type': 'application/json' },
      });
      const text = await res.text();
      const error = bodyError(res.status, text);
      if (error) throw new Error(`${workload}: ${error}: ${text.slice(0, 300)}`);
      bytes = text.length;
      size = specs[workload].size.stancegraph(JSON.parse(text));
    });
    return {
      workload,
      subjects: options.subjects,
      cypherMs: { p50: round(percentile(cypher, 50)), p95: round(percentile(cypher, 95)) },
      graphqlMs: { p50: round(percentile(graphql, 50)), p95: round(percentile(graphql, 95)) },
      size,
      bytes,
    };
  }
}

export interface RootFieldTiming {
  name: string;
  graphqlMs: { p50: number; p95: number };
  size: number;
  bytes: number;
  samples: number;
  error?: string;
}

/**
 * Latency of every root field (bench/lib/root-fields.ts) through the service's GraphQL endpoint, one request
 * at a time: p50 and p95 of `samples` requests after `warmup`, each field within the time budget.
 */
export async function measureRootFields(options: {
  serviceUrl: string;
  subjects: Subjects;
  samples?: number;
  warmup?: number;
}): Promise<RootFieldTiming[]> {
  const samples = options.samples ?? 100;
  const warmup = options.warmup ?? 20;
  const out: RootFieldTiming[] = [];
  for (const field of rootFieldRequests(options.subjects)) {
    let size = NaN;
    let bytes = 0;
    try {
      const times = await timed(samples, warmup, async () => {
        const res = await fetch(`${options.serviceUrl}/graphql`, {
          method: 'POST',
          body: JSON.stringify({ query: field.query }),
          headers: { 'content-type': 'application/json' },
        });
        const text = await res.text();
        const error = bodyError(res.status, text);
        if (error) throw new Error(`${field.name}: ${error}: ${text.slice(0, 300)}`);
        bytes = text.length;
        size = field.size((JSON.parse(text) as { data: Record<string, unknown> }).data);
      });
      out.push({
        name: field.name,
        graphqlMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) },
        size,
        bytes,
        samples: times.length,
      });
    } catch (error) {
      out.push({
        name: field.name,
        graphqlMs: { p50: NaN, p95: NaN },
        size: NaN,
        bytes: 0,
        samples: 0,
        error: (error as Error).message.split('\n')[0],
      });
    }
  }
  return out;
}
