/**
 * npm run bench:ingest [-- --relationships 1000000 --minutes 20 --sweep 0,2000,20000,100000 --sweep-docs 150]
 *
 * On a throw-away Neo4j (or NEO4J_URI): the seed corpus, traversal latency and PROFILE at seed size; then
 * a synthetic corpus (testkit/synthetic) through the real validator and loader — a sweep of the rows
 * written per transaction (0: one document each) on slices of it (ABBA order), then the bulk (the loader's
 * default) up to the target number of relationships or the time budget —
 * and the same traversals and PROFILEs at the size reached. Writes bench/results/ingest-<date>.json and
 * bench/results/profile-<date>.json.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDocuments } from '../src/ingest/folders';
import { DEFAULT_ROWS_PER_TRANSACTION } from '../src/ingest/loader';
import { REPO_ROOT } from '../src/config';
import { generateCorpus } from '../testkit/synthetic';
import { SUBJECTS, WORKLOADS } from './workloads';
import { runIngest } from './lib/ingest-run';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { machine, packageVersions, stamp } from './lib/proc';
import { profileNamedQueries } from './lib/profile-queries';
import { writeResult } from './lib/report';
import { graphSize, representativeSubjects, startInProcessService } from './lib/scale-support';
import { printScale } from './lib/scale-tables';
import { measureTraversals } from './lib/traversals';

const log = (line: string) => process.stderr.write(`[ingest] ${line}\n`);
const list = (v: string) => v.split(',').map(Number).filter(Number.isFinite);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string', default: '1000000' },
      minutes: { type: 'string', default: '20' },
      sweep: { type: 'string', default: '0,2000,20000,100000' },
      'sweep-docs': { type: 'string', default: '150' },
      seed: { type: 'string', default: '1' },
      samples: { type: 'string', default: '200' },
    },
  });
  const target = Number(values.relationships);
  const sweep = list(values.sweep);
  const sweepDocs = Number(values['sweep-docs']);
  const samples = Number(values.samples);
  const when = stamp();
  const host = machine();
  const neo4j = await benchNeo4j(log, { heap: '1g', pageCache: '512m' });
  const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-synthetic-'));
  const db = benchDatabase(neo4j);
  const service = await startInProcessService(neo4j);
  try {
    await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], log);
    const seedSize = await graphSize(db);
    const connection = { ...neo4j, serviceUrl: service.url, samples };
    log(`seed: ${seedSize.relationships} relationships; timing traversals`);
    // The first pass only warms a cold JVM, service and page cache up; the second is the measurement.
    await measureTraversals({ ...connection, subjects: SUBJECTS, samples: 20 });
    const seedTimings = await measureTraversals({ ...connection, subjects: SUBJECTS });
    const seedProfiles = await profileNamedQueries(db, {});

    // ~300 relationships a document (measured below); 20 % spare in case facts repeat more than expected.
    const documents = Math.ceil((target / 300) * 1.2) + sweepDocs * (sweep.length * 2 + 1);
    const generatedAt = Date.now();
    const dirs = generateCorpus({ documents, out: corpusDir, seed: Number(values.seed) });
    const generateMs = Date.now() - generatedAt;
    log(`generated ${dirs.length} documents in ${generateMs} ms (${corpusDir})`);

    const job = { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: neo4j.database };
    const steps = [];
    let next = 0;
    const slice = (n: number) => dirs.slice(next, (next += n));
    // Each size twice, in A B C D D C B A order, on fresh slices: drift and graph growth hit all alike.
    for (const rowsPerTransaction of [...sweep, ...[...sweep].reverse()]) {
      const step = await runIngest(
        rowsPerTransaction
          ? `stream, ${rowsPerTransaction} rows a transaction`
          : 'stream, one document a transaction',
        { ...job, dirs: slice(sweepDocs), mode: 'stream', rowsPerTransaction },
        neo4j.pid,
      );
      log(`${step.label}: ${step.relationshipsPerSecond} rel/s, peak RSS ${step.peakRssMb} MB`);
      steps.push(step);
    }
    const cli = await runIngest(
      'cli (loadDocuments: validate all, then load)',
      { ...job, dirs: slice(sweepDocs), mode: 'cli' },
      neo4j.pid,
    );
    log(`${cli.label}: ${cli.relationshipsPerSecond} rel/s, peak RSS ${cli.peakRssMb} MB`);
    steps.push(cli);

    const before = await graphSize(db);
    const deadline = Date.now() + Number(values.minutes) * 60_000;
    log(
      `bulk: from ${before.relationships} relationships to ${target}, until ${new Date(deadline).toISOString()}`,
    );
    const bulk = await runIngest(
      `bulk (stream, ${DEFAULT_ROWS_PER_TRANSACTION} rows a transaction: the loader's default)`,
      {
        ...job,
        dirs: dirs.slice(next),
        mode: 'stream',
        deadline,
        stopAfterRelationships: target - before.relationships,
      },
      neo4j.pid,
    );
    log(
      `${bulk.label}: ${bulk.documents} documents, ${bulk.relationshipsPerSecond} rel/s, peak RSS ${bulk.peakRssMb} MB`,
    );
    const scaleSize = await graphSize(db);

    service.clearCaches();
    const representative = await representativeSubjects(db, seedTimings);
    log(
      `at ${scaleSize.relationships} relationships; timing traversals (seed subjects, then ${JSON.stringify(representative)})`,
    );
    const scaleTimings = await measureTraversals({ ...connection, subjects: SUBJECTS });
    const representativeTimings = await measureTraversals({
      ...connection,
      subjects: representative,
      workloads: WORKLOADS.filter((w) => w === 'supporters' || w === 'nested' || w === 'neighborhood'),
    });
    const scaleProfiles = await profileNamedQueries(db, {});
    const representativeProfiles = await profileNamedQueries(db, {
      stances: { keys: [representative.supportersOf] },
      neighborhood: { id: representative.entity, depth: representative.neighborhoodDepth },
      'entities-by-ids': { ids: [representative.entity] },
    });
    const version = await neo4jVersion(db);
    const result = {
      command: `npm run bench:ingest -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...host, loadAverageAfter: machine().loadAverage },
      versions: {
        ...packageVersions(['neo4j-driver', 'graphql', '@apollo/server', 'type-graphql']),
        neo4j: version,
      },
      neo4j: {
        heap: neo4j.heap ?? null,
        pageCache: neo4j.pageCache ?? null,
        external: neo4j.pid === undefined,
      },
      target: { relationships: target, minutes: Number(values.minutes) },
      corpus: { documents: dirs.length, generateMs, seed: Number(values.seed) },
      sizes: { seed: seedSize, beforeBulk: before, reached: scaleSize },
      ingest: { sweep: steps.slice(0, -1), cli, bulk },
      traversals: { seed: seedTimings, scale: scaleTimings, representative: representativeTimings },
    };
    const file = writeResult('ingest', when.date, result);
    const profileFile = writeResult('profile', when.date, {
      command: result.command,
      date: when.time,
      machine: host,
      neo4j: version,
      seed: { size: seedSize, profiles: seedProfiles },
      scale: { size: scaleSize, profiles: scaleProfiles },
      representative: { subjects: representative, profiles: representativeProfiles },
    });
    printScale(result);
    log(`wrote ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), profileFile)}`);
  } finally {
    await service.close();
    await db.close();
    await neo4j.stop();
    rmSync(corpusDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
