/**
 * The graph root field's query (cypher/queries/overview.cypher) against the text that sorted every edge among
 * the entities kept (tests/integration/fixtures/overview/sort-every-edge.cypher, or --before <file>), side by
 * side on one running Neo4j (a bulk-loaded 10⁶ graph, say). For each case: whether the answers are equal (the
 * rows as JSON, byte for byte) and that the query asked without sentences ($sentences false, as the service
 * asks it for a question that selects none) answers the same with none; PROFILE db hits, answer bytes; then,
 * in rounds alternating the order, wall time and Neo4j's CPU (from /proc/NEO4J_PID/stat) per run. Writes bench/results/overview-edges-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/overview-edges-ab.ts [--rounds 10] [--before <file>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { cypherFile } from '../src/cypher';
import { REPO_ROOT } from '../src/config';
import { scopeParams } from '../src/graph/scope';
import { measuredNeo4j } from './lib/neo4j';
import { cpuMs } from './lib/proc';
import { median, round, writeAbResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[overview-edges-ab] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: {
        type: 'string',
        default: path.join(REPO_ROOT, 'tests/integration/fixtures/overview/sort-every-edge.cypher'),
      },
      rounds: { type: 'string', default: '10' },
    },
  });
  const { driver, pid } = measuredNeo4j();
  const int = (n: number) => neo4j.int(n);
  // The service's own parameters for `graph` (first 200, 4 edges an entity; evidence as selected).
  const graph = (first: number) => ({
    first: int(first),
    edgeLimit: int(first * 4),
    kinds: null,
    sentences: true,
  });
  const cases = [
    { name: 'graph, evidence { … } (5 a edge)', params: { ...graph(200), evidenceFirst: int(5) } },
    { name: 'graph, no evidence', params: { ...graph(200), evidenceFirst: int(0) } },
    { name: 'graph(first: 500)', params: { ...graph(500), evidenceFirst: int(5) } },
    {
      name: 'graph(kinds: [Person, Country])',
      params: { ...graph(200), kinds: ['Person', 'Country'], evidenceFirst: int(5) },
    },
    {
      name: 'graph(minConfidence: 0) (the walk)',
      params: { ...graph(200), evidenceFirst: int(5), scopeMinConfidence: 0 },
    },
  ];
  const after = cypherFile(path.join(REPO_ROOT, 'cypher/queries/overview.cypher'));
  // afterNoSentences: the query as the service sends it for a question that asks neither `sentences` nor
  // `evidence { sentence }` (the scaling bench's `graph`): its answer must be after's with no sentences.
  const variants = {
    before: { text: cypherFile(path.resolve(values.before)), sentences: true },
    after: { text: after, sentences: true },
    afterNoSentences: { text: after, sentences: false },
  };
  const names = Object.keys(variants) as (keyof typeof variants)[];
  const rounds = Number(values.rounds);
  const results = [];
  try {
    for (const c of cases) {
      const paramsOf = (name: keyof typeof variants) => ({
        ...scopeParams(),
        ...c.params,
        sentences: variants[name].sentences,
      });
      const answers: Record<string, string> = {};
      const rows: Record<string, Record<string, unknown> | undefined> = {};
      const measured: Record<string, Record<string, unknown>> = {};
      for (const name of names) {
        const { text } = variants[name];
        const params = paramsOf(name);
        for (let i = 0; i < 2; i++) await driver.executeQuery(text, params); // planned and warm
        const result = await driver.executeQuery(text, params);
        answers[name] = JSON.stringify(result.records.map((r) => r.toObject()));
        rows[name] = result.records[0]?.toObject();
        const { summary } = await driver.executeQuery(`PROFILE ${text}`, params);
        let dbHits = 0;
        const walk = (op: { dbHits: number; children: unknown[] }) => {
          dbHits += op.dbHits;
          op.children.forEach((child) => walk(child as typeof op));
        };
        walk(summary.profile as unknown as { dbHits: number; children: unknown[] });
        const edges = (result.records[0]?.get('edges') as unknown[] | undefined)?.length ?? 0;
        measured[name] = { dbHits, bytes: answers[name].length, edges };
      }
      const runs = Object.fromEntries(names.map((n) => [n, { ms: [] as number[], cpu: [] as number[] }]));
      for (let r = 0; r < rounds; r++) {
        for (const name of r % 2 ? [...names].reverse() : names) {
          const neo0 = cpuMs(pid);
          const t0 = performance.now();
          await driver.executeQuery(variants[name].text, paramsOf(name));
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
      const sameAnswer = answers.before === answers.after;
      const withoutSentences =
        JSON.stringify(rows.afterNoSentences) ===
        JSON.stringify(rows.after && { ...rows.after, sentences: [] });
      log(
        `${c.name}: same answer ${sameAnswer}, without sentences ${withoutSentences} ${JSON.stringify(measured)}`,
      );
      results.push({ case: c.name, params: c.params, sameAnswer, withoutSentences, ...measured });
    }
  } finally {
    await driver.close();
  }
  const file = writeAbResult('overview-edges-ab', {
    rounds,
    results,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
