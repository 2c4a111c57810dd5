/**
 * npm run bench:ingest [-- --relationships 1000000 --minutes 20 --checkpoints 10000,30000,100000,300000
 *                          --sweep 0,2000,20000,100000 --sweep-docs 150]
 *
 * On a throw-away Neo4j (or NEO4J_URI): the seed corpus, traversal latency, every root field's latency and
 * PROFILE at seed size; then a synthetic corpus (testkit/synthetic) through the real validator and loader
 * (the loader's default) up to the target number of relationships or the time budget, stopping at each
 * checkpoint to time every root field again (the scaling curve: `npm run bench:plot` draws it); at the size
 * reached the traversals and PROFILEs again; then documents arriving into the large graph — a sweep of the
 * rows written per transaction (0: one document each) on slices of it (ABBA order) — and the CLI path.
 * Writes bench/results/ingest-<date>.json and bench/results/profile-<date>.json.
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
import { IngestStep, combineSteps, runIngest } from './lib/ingest-run';
import { benchDatabase, benchNeo4j, neo4jVersion } from './lib/neo4j';
import { machine, packageVersions, stamp } from './lib/proc';
import { profileNamedQueries } from './lib/profile-queries';
import { writeResult } from './lib/report';
import { graphSize, representativeSubjects, startInProcessService } from './lib/scale-support';
import { CurvePoint, printScale } from './lib/scale-tables';
import { measureRootFields, measureTraversals } from './lib/traversals';

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
      checkpoints: { type: 'string', default: '10000,30000,100000,300000' },
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

    const seedRoots = await measureRootFields({ serviceUrl: service.url, subjects: SUBJECTS, samples });
    const curve: CurvePoint[] = [{ size: seedSize, rootFields: seedRoots }];

    // ~300 relationships a document (measured below); 20 % spare in case facts repeat more than expected.
    const documents = Math.ceil((target / 300) * 1.2) + sweepDocs * (sweep.length * 2 + 1);
    const generatedAt = Date.now();
    const dirs = generateCorpus({ documents, out: corpusDir, seed: Number(values.seed) });
    const generateMs = Date.now() - generatedAt;
    log(`generated ${dirs.length} documents in ${generateMs} ms (${corpusDir})`);

    const job = { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: neo4j.database };
    let next = 0;
    const slice = (n: number) => dirs.slice(next, (next += n));

    // The bulk: from the seed to the target, the loader's default, stopping at each checkpoint to time
    // every root field (the scaling curve), each stretch in a fresh process.
    const before = await graphSize(db);
    const deadline = Date.now() + Number(values.minutes) * 60_000;
    const checkpoints = [
      ...list(values.checkpoints).filter((c) => c > before.relationships && c < target),
      target,
    ];
    log(
      `bulk: from ${before.relationships} relationships to ${target} (checkpoints ${checkpoints.join(', ')}), until ${new Date(deadline).toISOString()}`,
    );
    const stretches: IngestStep[] = [];
    for (const checkpoint of checkpoints) {
      const now = await graphSize(db);
      if (now.relationships >= checkpoint) continue;
      if (Date.now() > deadline || next >= dirs.length) break;
      const stretch = await runIngest(
        `bulk to ${checkpoint}`,
        {
          ...job,
          dirs: dirs.slice(next),
          mode: 'stream',
          deadline,
          stopAfterRelationships: checkpoint - now.relationships,
          // The loader stops between transactions: smaller ones on the way to a small checkpoint, so that
          // it is not overshot by a whole default transaction (~20,000 rows).
          rowsPerTransaction: Math.max(
            500,
            Math.min(DEFAULT_ROWS_PER_TRANSACTION, Math.floor((checkpoint - now.relationships) / 4)),
          ),
        },
        neo4j.pid,
      );
      next += stretch.documents;
      stretches.push(stretch);
      const size = await graphSize(db);
      log(
        `${stretch.label}: ${stretch.documents} documents, ${stretch.relationshipsPerSecond} rel/s; at ${size.relationships} relationships: timing every root field`,
      );
      service.clearCaches();
      curve.push({
        size,
        rootFields: await measureRootFields({
          serviceUrl: service.url,
          subjects: SUBJECTS,
          samples: Math.min(samples, 100),
        }),
      });
    }
    const bulk = combineSteps(
      `bulk (stream, ${DEFAULT_ROWS_PER_TRANSACTION} rows a transaction: the loader's default)`,
      stretches,
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

    // Documents arriving into the large graph: the rows written per transaction (0: one document each) on
    // fresh slices, each size twice in A B C D D C B A order, so that drift and growth hit all alike.
    const steps = [];
    for (const rowsPerTransaction of [...sweep, ...[...sweep].reverse()]) {
      if (next + sweepDocs > dirs.length) break;
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
    const cli =
      next < dirs.length
        ? await runIngest(
            'cli (loadDocuments: validate all, then load)',
            { ...job, dirs: slice(Math.min(sweepDocs, dirs.length - next)), mode: 'cli' },
            neo4j.pid,
          )
        : null;
    if (cli) log(`${cli.label}: ${cli.relationshipsPerSecond} rel/s, peak RSS ${cli.peakRssMb} MB`);
    const end = await graphSize(db);
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
      sizes: { seed: seedSize, beforeBulk: before, reached: scaleSize, end },
      ingest: { bulk, stretches, sweep: steps, cli },
      traversals: { seed: seedTimings, scale: scaleTimings, representative: representativeTimings },
      curve,
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
