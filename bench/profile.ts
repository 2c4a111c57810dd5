/**
 * npm run bench:profile — PROFILE of every named query (cypher/queries/*.cypher, with the example
 * parameters of its own `// :param` line) on the seed corpus, or on NEO4J_URI's data: db hits, rows, and
 * every label scan, flagged where an index would fit. Writes bench/results/profile-<date>.json.
 *
 *   npm run bench:profile [-- --relationships 100000 [--seed 1]]
 *
 * --relationships adds a synthetic corpus (testkit/synthetic, ~300 relationships a document) to the seed
 * before profiling, so that a plan that scans or sorts the whole graph shows in its db hits.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../testkit/synthetic';
import { graphSize } from './lib/scale-support';
import { loadDocuments } from '../src/ingest/folders';
import { REPO_ROOT } from '../src/config';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { profileNamedQueries, printProfiles } from './lib/profile-queries';
import { machine, stamp } from './lib/proc';
import { writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[profile] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      // A subject of the loaded data for neighborhood.cypher instead of its example's.
      'neighborhood-of': { type: 'string' },
    },
  });
  const relationships = Number(values.relationships);
  const overrides: Record<string, Record<string, unknown>> = values['neighborhood-of']
    ? { neighborhood: { id: values['neighborhood-of'] } }
    : {};
  const when = stamp();
  const neo4j = await benchNeo4j(log);
  const corpusDir = relationships ? mkdtempSync(path.join(os.tmpdir(), 'stancegraph-profile-')) : null;
  try {
    const db = benchDatabase(neo4j);
    if (!process.env.NEO4J_URI) await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], log);
    if (corpusDir) {
      const dirs = generateCorpus({
        documents: Math.ceil(relationships / 300),
        out: corpusDir,
        seed: Number(values.seed),
      });
      log(`loading ${dirs.length} synthetic documents`);
      await loadDocuments(db, dirs, () => {}, { rowsPerTransaction: 20_000 });
    }
    const size = await graphSize(db);
    log(`graph: ${size.nodes} nodes, ${size.relationships} relationships`);
    const profiles = await profileNamedQueries(db, overrides);
    const file = writeResult('profile', when.date, {
      command: `npm run bench:profile -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: machine(),
      neo4j: await neo4jVersion(db),
      data: process.env.NEO4J_URI
        ? `NEO4J_URI ${process.env.NEO4J_URI}`
        : `corpus/ (seed)${relationships ? ` + synthetic (seed ${values.seed})` : ''}`,
      graph: size,
      profiles,
    });
    await db.close();
    printProfiles(profiles);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await neo4j.stop();
    if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
