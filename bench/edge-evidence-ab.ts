/**
 * The subgraph queries (overview for `graph`, neighborhood, path) before and after the cut of each edge's
 * evidence in the Cypher ($evidenceFirst), side by side on one running Neo4j (a bulk-loaded 10⁶ graph, say):
 * the before text (every place of every edge, and every sentence they quote), the after text asked for the
 * default 5 (evidence selected without `first`) and for 0 (evidence not selected). For each case: PROFILE db
 * hits, answer bytes (the rows as JSON), evidence items and sentences sent; whether the after answers are the
 * before answer cut (each edge's first places in document-id then text order, its count the before list's
 * length, the sentences those places quote); then, in rounds alternating the order, wall time and Neo4j's CPU
 * (from /proc/NEO4J_PID/stat) per run. Writes bench/results/edge-evidence-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/edge-evidence-ab.ts --before <dir> \
 *     [--rounds 8] [--subject putin --subject …]
 *
 * <dir> holds the before texts: `git show <commit>:cypher/queries/<name>.cypher > <dir>/<name>.cypher` for
 * overview, neighborhood and path.
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

const log = (line: string) => process.stderr.write(`[edge-evidence-ab] ${line}\n`);

type Place = { docId: string; start: number; sentenceId?: string };
type Edge = { id: string; evidence: Place[]; evidenceCount?: number; [key: string]: unknown };
type Row = { nodes: unknown[]; edges: Edge[]; sentences?: { id: string }[] };
const byPlace = (a: Place, b: Place) => a.docId.localeCompare(b.docId) || a.start - b.start;
const json = (v: unknown) => JSON.stringify(v);

/** What is wrong with `after` as `before` cut to `first` places an edge (nothing: []). */
function cutProblems(before: Row, after: Row, first: number): string[] {
  const problems: string[] = [];
  if (json(before.nodes) !== json(after.nodes)) problems.push('nodes differ');
  if (before.edges.length !== after.edges.length) problems.push('edges differ');
  before.edges.forEach((edge, i) => {
    const { evidence, ...rest } = edge;
    const { evidence: cut, evidenceCount, ...restAfter } = after.edges[i] ?? { evidence: [] };
    if (json(rest) !== json(restAfter)) problems.push(`edge ${edge.id}: fields`);
    if (evidenceCount !== evidence.length) problems.push(`edge ${edge.id}: count`);
    if (json([...evidence].sort(byPlace).slice(0, first)) !== json([...cut].sort(byPlace)))
      problems.push(`edge ${edge.id}: evidence`);
  });
  if (before.sentences && after.sentences) {
    const quoted = new Set(after.edges.flatMap((e) => e.evidence.map((p) => p.sentenceId)));
    if (json(before.sentences.filter((s) => quoted.has(s.id))) !== json(after.sentences))
      problems.push('sentences are not those of the places sent');
  }
  return problems;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      rounds: { type: 'string', default: '8' },
      subject: { type: 'string', multiple: true, default: ['putin'] },
    },
  });
  if (!values.before) throw new Error('--before <dir with the before .cypher texts> is required');
  const { driver, pid } = measuredNeo4j();
  const int = (n: number) => neo4j.int(n);
  const cases = [
    {
      name: 'graph (default: first 200)',
      query: 'overview',
      params: { first: int(200), edgeLimit: int(800), kinds: null, sentences: true },
    },
    ...values.subject.map((id) => ({
      name: `neighborhood ${id} @ 2`,
      query: 'neighborhood',
      params: { id, depth: int(2), limit: int(50), edgeLimit: int(200) },
    })),
    { name: 'path scholz → sumy', query: 'path', params: { from: 'scholz', to: 'sumy', maxHops: int(6) } },
  ];
  const rounds = Number(values.rounds);
  const results = [];
  try {
    for (const c of cases) {
      const base = { ...scopeParams(), ...c.params };
      const variants: Record<string, { text: string; params: Record<string, unknown> }> = {
        before: { text: cypherFile(path.resolve(values.before, `${c.query}.cypher`)), params: base },
        after5: {
          text: cypherFile(path.join(REPO_ROOT, 'cypher/queries', `${c.query}.cypher`)),
          params: { ...base, evidenceFirst: int(5) },
        },
        after0: {
          text: cypherFile(path.join(REPO_ROOT, 'cypher/queries', `${c.query}.cypher`)),
          params: { ...base, evidenceFirst: int(0) },
        },
      };
      const names = Object.keys(variants);
      const rows: Record<string, Row> = {};
      const measured: Record<string, Record<string, unknown>> = {};
      for (const name of names) {
        const { text, params } = variants[name];
        for (let i = 0; i < 2; i++) await driver.executeQuery(text, params); // planned and warm
        const result = await driver.executeQuery(text, params);
        rows[name] = result.records[0]?.toObject() as Row;
        const { summary } = await driver.executeQuery(`PROFILE ${text}`, params);
        let dbHits = 0;
        const walk = (op: { dbHits: number; children: unknown[] }) => {
          dbHits += op.dbHits;
          op.children.forEach((child) => walk(child as typeof op));
        };
        walk(summary.profile as unknown as { dbHits: number; children: unknown[] });
        measured[name] = {
          dbHits,
          bytes: json(result.records.map((r) => r.toObject())).length,
          edges: rows[name]?.edges.length ?? 0,
          evidence: rows[name]?.edges.reduce((n, e) => n + e.evidence.length, 0) ?? 0,
          sentences: rows[name]?.sentences?.length ?? null,
        };
      }
      const checks = rows.before
        ? {
            after5: cutProblems(rows.before, rows.after5, 5),
            after0: cutProblems(rows.before, rows.after0, 0),
          }
        : { after5: ['no answer'], after0: ['no answer'] };
      const runs = Object.fromEntries(
        names.map((n) => [n, { ms: [] as number[], neo4jCpuMs: [] as number[] }]),
      );
      for (let r = 0; r < rounds; r++) {
        for (const name of r % 2 ? [...names].reverse() : names) {
          const neo0 = cpuMs(pid);
          const t0 = performance.now();
          await driver.executeQuery(variants[name].text, variants[name].params);
          runs[name].ms.push(performance.now() - t0);
          const neo1 = cpuMs(pid);
          if (neo0 !== undefined && neo1 !== undefined) runs[name].neo4jCpuMs.push(neo1 - neo0);
        }
      }
      const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
      for (const name of names)
        Object.assign(measured[name], {
          p50Ms: round(median(runs[name].ms)),
          neo4jCpuMsPerRun: round(mean(runs[name].neo4jCpuMs), 1),
        });
      log(`${c.name}: ${json(measured)} cut problems ${json(checks)}`);
      results.push({ case: c.name, query: c.query, params: c.params, cutProblems: checks, ...measured });
    }
  } finally {
    await driver.close();
  }
  const file = writeAbResult('edge-evidence-ab', {
    rounds,
    results,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
