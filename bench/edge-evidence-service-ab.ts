/**
 * The stancegraph arm of this checkout against the same arm of another checkout (before the edge evidence
 * was cut in the Cypher, say), on one running Neo4j: for `graph` and some depth-2 neighbourhoods, the
 * GraphQL answer's bytes, then, in rounds alternating the order, wall time, the service's CPU and Neo4j's
 * CPU per request (/proc). Writes bench/results/edge-evidence-service-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/edge-evidence-service-ab.ts --before <checkout> \
 *     [--rounds 8] [--subject putin --subject …]
 *
 * <checkout>: `git archive <commit> | tar -x -C <dir>` with node_modules linked in.
 */
import { parseArgs } from 'node:util';
import { startArm } from './lib/children';
import { benchNeo4j } from './lib/neo4j';
import { cpuMs } from './lib/proc';
import { median, round, writeAbResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[edge-evidence-service-ab] ${line}\n`);

/** bench/lib/root-fields.ts's and bench/workloads.ts's subgraph selection: evidence without `first`. */
const SUBGRAPH = `truncated omittedNodes omittedEdges nodes { id kind name } sentences { id text }
  edges { id kind type polarity from { id } to { id } evidence { quote start end sentenceId } }`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      rounds: { type: 'string', default: '8' },
      subject: { type: 'string', multiple: true, default: ['putin'] },
    },
  });
  if (!values.before) throw new Error('--before <checkout> is required');
  if (!process.env.NEO4J_URI) throw new Error('NEO4J_URI (and NEO4J_PASSWORD, NEO4J_PID) name the Neo4j');
  const rounds = Number(values.rounds);
  const cases: [string, string][] = [
    ['graph (default selection)', `{ graph { ${SUBGRAPH} } }`],
    ['graph (counts, no evidence)', '{ graph { nodes { id } edges { id evidenceCount } } }'],
    // bench/lib/root-fields.ts's `graph`: evidence by sentenceId, no sentences.
    [
      'graph (the scaling bench: no sentences)',
      `{ graph { truncated omittedNodes omittedEdges nodes { id kind name }
        edges { id kind type polarity from { id } to { id } evidence { quote start end sentenceId } } } }`,
    ],
    ...values.subject.map((id): [string, string] => [
      `neighborhood ${id} @ 2 (default selection)`,
      `{ neighborhood(of: ${JSON.stringify(id)}, depth: 2) { ${SUBGRAPH} } }`,
    ]),
  ];
  const neo4j = await benchNeo4j(log);
  const arms = {
    after: await startArm('stancegraph', neo4j),
    before: await startArm(`stancegraph@${values.before}`, neo4j),
  };
  const results = [];
  try {
    for (const [name, query] of cases) {
      const ask = async (url: string) => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const text = await res.text();
        if (res.status !== 200 || text.includes('"errors"'))
          throw new Error(`${name}: ${text.slice(0, 300)}`);
        return text;
      };
      const runs = {
        after: { bytes: 0, ms: [] as number[], serviceCpuMs: [] as number[], neo4jCpuMs: [] as number[] },
        before: { bytes: 0, ms: [] as number[], serviceCpuMs: [] as number[], neo4jCpuMs: [] as number[] },
      };
      const names = ['after', 'before'] as const;
      for (const n of names)
        for (let i = 0; i < 2; i++) runs[n].bytes = Buffer.byteLength(await ask(arms[n].url));
      for (let r = 0; r < rounds; r++)
        for (const n of r % 2 ? [...names].reverse() : names) {
          const [s0, n0, t0] = [cpuMs(arms[n].pid), cpuMs(neo4j.pid), performance.now()];
          await ask(arms[n].url);
          runs[n].ms.push(performance.now() - t0);
          const [s1, n1] = [cpuMs(arms[n].pid), cpuMs(neo4j.pid)];
          if (s0 !== undefined && s1 !== undefined) runs[n].serviceCpuMs.push(s1 - s0);
          if (n0 !== undefined && n1 !== undefined) runs[n].neo4jCpuMs.push(n1 - n0);
        }
      const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
      const row = Object.fromEntries(
        names.map((n) => [
          n,
          {
            bytes: runs[n].bytes,
            p50Ms: round(median(runs[n].ms)),
            serviceCpuMsPerRequest: round(mean(runs[n].serviceCpuMs), 1),
            neo4jCpuMsPerRequest: round(mean(runs[n].neo4jCpuMs), 1),
          },
        ]),
      );
      log(`${name}: ${JSON.stringify(row)}`);
      results.push({ case: name, query, ...row });
    }
  } finally {
    await arms.after.close();
    await arms.before.close();
  }
  const file = writeAbResult('edge-evidence-service-ab', {
    rounds,
    note: 'CPU read from /proc at 10 ms resolution around each request; compare after with before, not machines',
    results,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
