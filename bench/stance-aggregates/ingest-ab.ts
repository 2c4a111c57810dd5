// Ingest cost of the stance aggregates, A/B against the large graph: the same documents force-reloaded
// (cleared and written again), 20,000 rows a transaction. A: HEAD's 10-claims (no labels) and no
// 13-stance-aggregates; B: this branch. Neo4j's CPU from /proc, per relationship created.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchDatabase } from '../../bench/lib/neo4j';
import { cpuMs } from '../../bench/lib/proc';
import { QueryRunner } from '../../src/db/database';
import { validateCorpusInThreads } from '../../src/ingest/folders';
import { loadPlans } from '../../src/ingest/loader';

const c = JSON.parse(readFileSync('/tmp/aggr-tmp/neo.json', 'utf8'));
const OLD_CLAIMS = readFileSync('/tmp/aggr-tmp/old-10-claims.cypher', 'utf8');

const stmtMs: Record<string, number> = {};
function timed(db: QueryRunner): QueryRunner {
  return {
    read: (q) => db.read(q),
    write: (name, work, timeoutMs) =>
      db.write(
        name,
        (tx) =>
          work({
            run: async (query) => {
              const t0 = performance.now();
              try {
                return await tx.run(query);
              } finally {
                stmtMs[query.name] = (stmtMs[query.name] ?? 0) + performance.now() - t0;
              }
            },
          }),
        timeoutMs,
      ),
  };
}
function armA(db: QueryRunner): QueryRunner {
  return {
    read: (q) => db.read(q),
    write: (name, work, timeoutMs) =>
      db.write(
        name,
        (tx) =>
          work({
            run: async (query) => {
              if (query.name === 'ingest/13-stance-aggregates') {
                const zero = {
                  nodesCreated: 0,
                  nodesDeleted: 0,
                  relationshipsCreated: 0,
                  relationshipsDeleted: 0,
                  propertiesSet: 0,
                };
                return { rows: [], summary: { counters: { updates: () => zero } } } as never;
              }
              if (query.name === 'ingest/10-claims') return tx.run({ ...query, text: OLD_CLAIMS });
              return tx.run(query);
            },
          }),
        timeoutMs,
      ),
  };
}

async function main() {
  const [from, count, rounds] = process.argv.slice(2).map(Number);
  const dirs = Array.from({ length: count }, (_, i) =>
    path.join('/tmp/aggr-tmp/corpus-3283', `syn-${String(from + i).padStart(6, '0')}`),
  );
  const { plans } = await validateCorpusInThreads(dirs, () => {}, 1);
  const db = benchDatabase({ uri: c.uri, user: c.user, password: c.password, database: 'neo4j' });
  const runs: unknown[] = [];
  const order = Array.from({ length: rounds }, (_, i) => (i % 4 === 0 || i % 4 === 3 ? 'A' : 'B'));
  for (const arm of order) {
    const cpu0 = cpuMs(c.pid)!;
    const t0 = performance.now();
    for (const k of Object.keys(stmtMs)) delete stmtMs[k];
    const s = await loadPlans(arm === 'A' ? armA(timed(db)) : timed(db), plans, {
      force: true,
      rowsPerTransaction: 20_000,
    });
    const ms = performance.now() - t0;
    const neo = cpuMs(c.pid)! - cpu0;
    const rel = s.counters.relationshipsCreated;
    const run = {
      arm,
      documents: plans.length,
      transactions: s.transactions,
      relationships: rel,
      ms: Math.round(ms),
      relPerS: Math.round((rel / ms) * 1000),
      neo4jCpuMs: neo,
      neo4jCpuUsPerRel: Math.round(((neo * 1000) / rel) * 10) / 10,
      statementMs: Object.fromEntries(Object.entries(stmtMs).map(([k, v]) => [k, Math.round(v)])),
    };
    process.stderr.write(JSON.stringify(run) + '\n');
    runs.push(run);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').trim();
  writeFileSync('/tmp/aggr-tmp/ingest-ab.json', JSON.stringify({ loadavg: load, runs }, null, 2));
  await db.close();
}
main();
