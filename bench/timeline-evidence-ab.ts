/**
 * The timeline query before and after its event evidence came from the mention_entity_doc index (MENTIONS
 * carrying docId and entityId), side by side on one running Neo4j (a bulk-loaded 10⁶ graph, say): for each
 * case, whether the two answers are equal (maps compared with their keys sorted: Neo4j's maps have no
 * order), PROFILE db hits, answer bytes, then in rounds alternating the order, wall time and Neo4j's CPU
 * (from /proc/NEO4J_PID/stat) per run. Writes bench/results/timeline-evidence-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/timeline-evidence-ab.ts --before <file> [--rounds 20]
 *
 * <file>: the before text, e.g. tests/integration/fixtures/timeline-walked.cypher.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { REPO_ROOT } from '../src/config';
import { cypherFile } from '../src/cypher';
import { scopeParams } from '../src/graph/scope';
import { measuredNeo4j } from './lib/neo4j';
import { cpuMs } from './lib/proc';
import { median, round, writeAbResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[timeline-evidence-ab] ${line}\n`);

/** JSON with each map's keys sorted. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { before: { type: 'string' }, rounds: { type: 'string', default: '20' } },
  });
  if (!values.before) throw new Error('--before <the before timeline .cypher> is required');
  const { driver, pid } = measuredNeo4j();
  const int = (n: number) => neo4j.int(n);
  const page = {
    to: null,
    lower: null,
    afterDate: null,
    afterKind: null,
    afterKey: null,
    first: int(20),
    eventEvidence: int(10),
    ...scopeParams(),
  };
  const cases: { name: string; params: Record<string, unknown> }[] = [
    { name: 'first page (the API default: no from)', params: page },
    { name: 'first page, eventEvidence 3', params: { ...page, eventEvidence: int(3) } },
    { name: 'from 2025-03-01', params: { ...page, lower: '2025-03-01' } },
    {
      name: 'narrowed to 3 documents',
      params: { ...page, scopeDocuments: ['syn-000001', 'syn-000002', 'syn-000003'] },
    },
  ];
  const texts = {
    before: cypherFile(path.resolve(values.before)),
    after: cypherFile(path.join(REPO_ROOT, 'cypher/queries/timeline.cypher')),
  };
  const names = Object.keys(texts) as (keyof typeof texts)[];
  const rounds = Number(values.rounds);
  const results = [];
  try {
    for (const c of cases) {
      const answers: Record<string, string> = {};
      const measured: Record<string, Record<string, number>> = {};
      for (const name of names) {
        for (let i = 0; i < 2; i++) await driver.executeQuery(texts[name], c.params); // planned and warm
        const result = await driver.executeQuery(texts[name], c.params);
        answers[name] = canonical(result.records.map((r) => r.toObject()));
        const { summary } = await driver.executeQuery(`PROFILE ${texts[name]}`, c.params);
        let dbHits = 0;
        const walk = (op: { dbHits: number; children: unknown[] }) => {
          dbHits += op.dbHits;
          op.children.forEach((child) => walk(child as typeof op));
        };
        walk(summary.profile as unknown as { dbHits: number; children: unknown[] });
        measured[name] = { dbHits, bytes: answers[name].length };
      }
      const runs = Object.fromEntries(names.map((n) => [n, { ms: [] as number[], cpu: [] as number[] }]));
      for (let r = 0; r < rounds; r++) {
        for (const name of r % 2 ? [...names].reverse() : names) {
          const neo0 = cpuMs(pid);
          const t0 = performance.now();
          await driver.executeQuery(texts[name], c.params);
          runs[name].ms.push(performance.now() - t0);
          const neo1 = cpuMs(pid);
          if (neo0 !== undefined && neo1 !== undefined) runs[name].cpu.push(neo1 - neo0);
        }
      }
      const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
      for (const name of names)
        Object.assign(measured[name], {
          p50Ms: round(median(runs[name].ms)),
          neo4jCpuMsPerRun: round(mean(runs[name].cpu), 1),
        });
      const equal = answers.before === answers.after;
      log(`${c.name}: equal ${equal} ${JSON.stringify(measured)}`);
      results.push({ case: c.name, params: c.params, equal, ...measured });
    }
  } finally {
    await driver.close();
  }
  const file = writeAbResult('timeline-evidence-ab', {
    rounds,
    results,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
