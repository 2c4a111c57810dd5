/**
 * npm run bench:profile — PROFILE of every named query (cypher/queries/*.cypher, with the example
 * parameters of its own `// :param` line) on the seed corpus, or on NEO4J_URI's data: db hits, rows, and
 * every label scan, flagged where an index would fit. Writes bench/results/profile-<date>.json.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDocuments } from '../src/ingest/folders';
import { REPO_ROOT } from '../src/config';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { profileNamedQueries, printProfiles } from './lib/profile-queries';
import { machine, stamp } from './lib/proc';
import { writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[profile] ${line}\n`);

async function main(): Promise<void> {
  // --neighborhood-of <id>: a subject of NEO4J_URI's data for neighborhood.cypher instead of its example's.
  const { values } = parseArgs({ options: { 'neighborhood-of': { type: 'string' } } });
  const overrides: Record<string, Record<string, unknown>> = values['neighborhood-of']
    ? { neighborhood: { id: values['neighborhood-of'] } }
    : {};
  const when = stamp();
  const neo4j = await benchNeo4j(log);
  try {
    const db = benchDatabase(neo4j);
    if (!process.env.NEO4J_URI) await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], log);
    const profiles = await profileNamedQueries(db, overrides);
    const file = writeResult('profile', when.date, {
      command: `npm run bench:profile -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: machine(),
      neo4j: await neo4jVersion(db),
      data: process.env.NEO4J_URI ? `NEO4J_URI ${process.env.NEO4J_URI}` : 'corpus/ (seed)',
      profiles,
    });
    await db.close();
    printProfiles(profiles);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
