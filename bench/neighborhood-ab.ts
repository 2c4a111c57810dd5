/**
 * Two texts of neighborhood.cypher side by side on one running Neo4j (a bulk-loaded 10⁶ graph, say): for
 * each subject, whether both answer exactly the same, PROFILE db hits, answer bytes, and then, in rounds
 * alternating their order, wall time, Neo4j's CPU (from /proc/NEO4J_PID/stat) and this client's CPU (the
 * driver decoding the answer) per run. Writes bench/results/neighborhood-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/neighborhood-ab.ts --before <file.cypher> \
 *     [--after cypher/queries/neighborhood.cypher] [--rounds 10] [--subject putin:2:50 --subject …]
 *
 * `git show <commit>:cypher/queries/neighborhood.cypher > /tmp/before.cypher` gives a before text.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { cypherFile } from '../src/cypher';
import { REPO_ROOT } from '../src/config';
import { measuredNeo4j } from './lib/neo4j';
import { cpuMs } from './lib/proc';
import { median, round, writeAbResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[neighborhood-ab] ${line}\n`);

interface Run {
  ms: number[];
  neo4jCpuMs: number[];
  clientCpuMs: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      after: { type: 'string', default: path.join(REPO_ROOT, 'cypher/queries/neighborhood.cypher') },
      rounds: { type: 'string', default: '10' },
      subject: { type: 'string', multiple: true, default: ['putin:2:50'] },
    },
  });
  if (!values.before) throw new Error('--before <file.cypher> is required');
  const { driver, pid } = measuredNeo4j();
  const variants = {
    before: cypherFile(path.resolve(values.before)),
    after: cypherFile(path.resolve(values.after)),
  };
  const names = Object.keys(variants) as (keyof typeof variants)[];
  const rounds = Number(values.rounds);
  const subjects = [];
  try {
    for (const subject of values.subject) {
      const [id, depth = '2', limit = '50'] = subject.split(':');
      const params = {
        id,
        depth: neo4j.int(Number(depth)),
        limit: neo4j.int(Number(limit)),
        edgeLimit: neo4j.int(Number(limit) * 4),
        // What the service passes for evidence selected without `first` (an older text ignores it).
        evidenceFirst: neo4j.int(5),
        scopeDocuments: null,
        scopeFrom: null,
        scopeTo: null,
        scopeMinConfidence: null,
        scopeMethods: null,
      };
      const answers: Record<string, unknown> = {};
      const profile: Record<string, { dbHits: number; bytes: number; items: number; evidence: number }> = {};
      for (const name of names) {
        for (let i = 0; i < 3; i++) await driver.executeQuery(variants[name], params); // planned and warm
        const rows = (await driver.executeQuery(variants[name], params)).records.map((r) => r.toObject());
        answers[name] = rows;
        const { summary } = await driver.executeQuery(`PROFILE ${variants[name]}`, params);
        let dbHits = 0;
        const walk = (op: { dbHits: number; children: unknown[] }) => {
          dbHits += op.dbHits;
          op.children.forEach((c) => walk(c as typeof op));
        };
        walk(summary.profile as unknown as { dbHits: number; children: unknown[] });
        const row = rows[0] as { nodes: unknown[]; edges: { evidence: unknown[] }[] };
        profile[name] = {
          dbHits,
          bytes: JSON.stringify(rows).length,
          items: row.nodes.length + row.edges.length,
          evidence: row.edges.reduce((n, e) => n + e.evidence.length, 0),
        };
      }
      const runs: Record<string, Run> = Object.fromEntries(
        names.map((n) => [n, { ms: [], neo4jCpuMs: [], clientCpuMs: [] }]),
      );
      for (let r = 0; r < rounds; r++) {
        for (const name of r % 2 ? [...names].reverse() : names) {
          const neo0 = cpuMs(pid);
          const client0 = process.cpuUsage();
          const t0 = performance.now();
          await driver.executeQuery(variants[name], params);
          runs[name].ms.push(performance.now() - t0);
          const client = process.cpuUsage(client0);
          runs[name].clientCpuMs.push((client.user + client.system) / 1000);
          const neo1 = cpuMs(pid);
          if (neo0 !== undefined && neo1 !== undefined) runs[name].neo4jCpuMs.push(neo1 - neo0);
        }
      }
      const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
      const measured = Object.fromEntries(
        names.map((n) => [
          n,
          {
            ...profile[n],
            p50Ms: round(median(runs[n].ms)),
            minMs: round(Math.min(...runs[n].ms)),
            neo4jCpuMsPerRun: round(mean(runs[n].neo4jCpuMs), 1),
            clientCpuMsPerRun: round(mean(runs[n].clientCpuMs), 1),
          },
        ]),
      );
      const sameAnswer = isDeepStrictEqual(answers.before, answers.after);
      log(`${subject}: same answer ${sameAnswer} ${JSON.stringify(measured)}`);
      subjects.push({ subject: { id, depth: Number(depth), limit: Number(limit) }, sameAnswer, ...measured });
    }
  } finally {
    await driver.close();
  }
  const file = writeAbResult('neighborhood-ab', {
    rounds,
    note: 'Neo4j CPU read from /proc at 10 ms resolution around each run; compare the two texts, not machines',
    subjects,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
