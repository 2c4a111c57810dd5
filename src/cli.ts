import 'reflect-metadata';
import path from 'node:path';
import { Config, ConfigError, REPO_ROOT, loadConfig } from './config';
import { Database, openDatabase } from './db/database';
import { ServiceError } from './db/errors';
import { findDocumentDirs, validateFolder } from './ingest/corpus';
import {
  BatchSummary,
  DocumentLoad,
  LoadCounters,
  LoadOptions,
  applySchema,
  loadPlans,
} from './ingest/loader';
import { formatProblem } from './ingest/source';
import { createLogger } from './logger';
import { RuntimeError } from './runtime/errors';
import { DatabaseTarget, ensureDatabase } from './runtime/local';

/** Exit codes: 1 a failure while running, 2 bad configuration or usage, 3 invalid documents. */
class UsageError extends Error {}
class InvalidDocumentsError extends Error {}

const USAGE = `usage: stancegraph <command>
  serve                 start the local Neo4j if NEO4J_URI is unset, load corpus/, serve GraphQL
  validate [paths...]   check documents (default: corpus/); prints file:line problems
  load [paths...]       validate, then load documents into Neo4j (default: corpus/)
  emit-schema           write schema/schema.graphql from the type-graphql classes`;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Validates every document first: one bad document stops the load before anything is written. */
export function validateAll(paths: string[]) {
  const dirs = findDocumentDirs(paths.length ? paths : [path.join(REPO_ROOT, 'corpus')]);
  if (!dirs.length)
    throw new UsageError(
      `no document folders (with article.txt and graph.yaml) under ${paths.join(', ') || 'corpus/'}`,
    );
  const results = dirs.map((dir) => ({ dir, ...validateFolder(dir) }));
  const problems = results.flatMap((r) => r.problems);
  for (const problem of problems) say(formatProblem(problem));
  if (problems.length) {
    const bad = results.filter((r) => r.problems.length).length;
    throw new InvalidDocumentsError(
      `${problems.length} problem(s) in ${bad} of ${dirs.length} document(s); nothing was loaded`,
    );
  }
  return results.map((r) => r.plan!);
}

function describe(load: DocumentLoad): string {
  const r = load.rows;
  return (
    `${load.docId}: ${load.status} — ${r.sentences} sentences, ${r.entities} entities, ` +
    `${r.mentions} mentions, ${r.claims} claims, ${r.facts} facts`
  );
}

function describeCounters(c: LoadCounters): string {
  return (
    `nodes +${c.nodesCreated} -${c.nodesDeleted}, relationships +${c.relationshipsCreated} ` +
    `-${c.relationshipsDeleted}, properties set ${c.propertiesSet}`
  );
}

/**
 * Validates every document, then loads them several to a transaction (loader.ts loadPlans). Each document is
 * reported once its transaction commits — one line each for a few documents, one line per transaction for
 * many — so a long load shows its progress.
 */
export async function loadDocuments(
  db: Database,
  paths: string[],
  log: (line: string) => void = say,
  options: Pick<LoadOptions, 'rowsPerTransaction' | 'batchSize'> = {},
): Promise<BatchSummary> {
  const plans = validateAll(paths);
  await applySchema(db);
  let stored = 0;
  let lastShown = 0;
  const summary = await loadPlans(db, plans, {
    ...options,
    onProgress: (step, done, total) => {
      // Progress inside a transaction only for large ones, at most every half second.
      if (total > 5_000 && Date.now() - lastShown > 500) {
        lastShown = Date.now();
        log(`  ${step} ${Math.round((done / total) * 100)}%`);
      }
    },
    onCommitted: (documents, counters, ms) => {
      stored += documents.length;
      const where = `[${stored}/${plans.length}]`;
      if (plans.length <= 20) for (const d of documents) log(`${where} ${describe(d)}`);
      else {
        const first = documents[0].docId;
        const last = documents[documents.length - 1].docId;
        log(`${where} ${documents.length} document(s) ${first} … ${last}`);
      }
      log(`  committed in ${ms} ms: ${describeCounters(counters)}`);
    },
  });
  const by = (status: DocumentLoad['status']) => summary.documents.filter((s) => s.status === status).length;
  log(
    `loaded ${summary.documents.length} document(s) in ${summary.transactions} transaction(s), ${summary.ms} ms: ` +
      `${by('created')} created, ${by('replaced')} replaced, ${by('unchanged')} unchanged; ` +
      `${summary.counters.nodesCreated} nodes and ${summary.counters.relationshipsCreated} relationships created`,
  );
  return summary;
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  let target: DatabaseTarget | undefined;
  let db: Database | undefined;
  let closing = false;
  const shutdown = async (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await service?.close().catch(() => {});
    await db?.close().catch(() => {});
    await target?.release().catch(() => {});
    process.exit(code);
  };
  let service: Awaited<ReturnType<typeof import('./server').startService>> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));
  try {
    target = await ensureDatabase(config, (line) => logger.info(line));
    db = openDatabase(config, target.uri);
    if (config.LOAD_CORPUS === 'true') {
      await loadDocuments(db, [config.CORPUS_DIR], (line) => logger.info(line));
    }
    const { startService } = await import('./server');
    service = await startService({ config, db, logger });
  } catch (error) {
    await db?.close().catch(() => {});
    await target?.release().catch(() => {});
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'validate': {
      const plans = validateAll(args);
      say(`${plans.length} document(s) valid: ${plans.map((p) => p.document.id).join(', ')}`);
      return;
    }
    case 'load': {
      const config = loadConfig();
      const target = await ensureDatabase(config, say);
      const db = openDatabase(config, target.uri);
      try {
        await loadDocuments(db, args);
      } finally {
        await db.close();
        await target.release();
      }
      return;
    }
    case 'serve':
      return serve(loadConfig());
    case 'emit-schema': {
      const { emitSchemaFile } = await import('./api/schema');
      const file = await emitSchemaFile();
      say(`wrote ${path.relative(process.cwd(), file)}`);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      say(error.message);
      process.exit(2);
    }
    if (error instanceof InvalidDocumentsError) {
      say(error.message);
      process.exit(3);
    }
    if (error instanceof RuntimeError) say(`${error.code}: ${error.message}`);
    else if (error instanceof ServiceError) say(`${error.code}: ${error.message}`);
    else say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
