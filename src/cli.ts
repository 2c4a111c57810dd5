import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Config, ConfigError, loadConfig } from './config';
import { Database, openDatabase } from './db/database';
import { BackupError, backupExitCode } from './backup/errors';
import { ServiceError } from './domain/errors';
import { ExportIntegrityError, ExportTargetError, checkExportTarget, exportCorpus } from './ingest/export';
import { InvalidDocumentsError, NoDocumentsError, loadDocuments, validateAll } from './ingest/folders';
import { EventBus, createEventBus, publishCommitted } from './events/bus';
import { createLogger } from './logger';
import { RuntimeError } from './runtime/runtime-error';
import { DatabaseTarget, ensureDatabase } from './runtime/local';
import { localNeo4jUri, runningPid } from './runtime/neo4j-server';
import type { Service } from './server';

/**
 * Exit codes: 1 a failure while running, 2 bad configuration or usage, 3 invalid documents, 4 a damaged or
 * partial backup refused by restore (docs/operations.md).
 */
class UsageError extends Error {}

const USAGE = `usage: stancegraph <command>
  serve                 start the local Neo4j if NEO4J_URI is unset, load corpus/, serve GraphQL
  validate [paths...]   check documents (default: corpus/); prints file:line problems
  load [paths...] [--bulk]
                        validate, then load documents into Neo4j (default: corpus/); --bulk: into an
                        empty local Neo4j with neo4j-admin database import (docs/performance.md)
  export <dir> [--force]
                        write every stored document (article.txt + graph.yaml) and entities.yaml to dir
  backup [--out <dir>] [--dump | --no-dump]
                        write a backup folder: the export, the graph checksum, a manifest, and a
                        neo4j-admin dump of the local Neo4j when it is stopped or --dump (docs/operations.md)
  restore <backup> [--replace] [--logical]
                        check the backup, restore it (from its dump on the local Neo4j, else its export),
                        and check the graph checksum
  draft <article.txt> [--date YYYY-MM-DD] [--id <doc-id>] [--title <t>] [--out <dir>] [--nlp corenlp|compromise] [--force]
                        write <dir>/article.txt and a draft graph.yaml for review (docs/draft.md)
  emit-schema           write schema/schema.graphql from the type-graphql classes`;

/**
 * What each command takes after its name: validate and load document paths, export one folder, the others
 * nothing; and the options it knows.
 */
const COMMANDS = new Map<
  string,
  { takes: 'paths' | 'one path' | 'nothing'; options?: string[]; valued?: string[] }
>([
  ['serve', { takes: 'nothing' }],
  ['validate', { takes: 'paths' }],
  ['load', { takes: 'paths', options: ['--bulk'] }],
  ['export', { takes: 'one path', options: ['--force'] }],
  ['emit-schema', { takes: 'nothing' }],
  ['backup', { takes: 'nothing', options: ['--dump', '--no-dump'], valued: ['--out'] }],
  ['restore', { takes: 'one path', options: ['--replace', '--logical'] }],
  [
    'draft',
    { takes: 'one path', options: ['--force'], valued: ['--date', '--id', '--title', '--out', '--nlp'] },
  ],
]);

interface CommandArguments {
  paths: string[];
  options: Set<string>;
  values: Map<string, string>;
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The command's arguments. An option no command has (`serve --port 5000`) or a path given to a command
 * that takes none is refused, not ignored: the user expected it to change something, and it would not.
 */
function commandArguments(command: string, args: string[]): CommandArguments {
  const spec = COMMANDS.get(command);
  if (!spec) throw new UsageError(USAGE);
  // Not strict: the tokens name the offending argument, which parseArgs' own errors bury in advice.
  const { tokens } = parseArgs({ args, strict: false, allowPositionals: true, tokens: true });
  const consumed = new Set<number>();
  const options = new Set<string>();
  const values = new Map<string, string>();
  for (const [k, token] of tokens.entries()) {
    if (token.kind !== 'option') continue;
    if (spec.valued?.includes(token.rawName)) {
      // "--date 2025-03-18" or "--date=2025-03-18".
      const next = tokens[k + 1];
      const value = token.value ?? (next?.kind === 'positional' ? next.value : undefined);
      if (value === undefined) throw new UsageError(`${command}: ${token.rawName} needs a value\n${USAGE}`);
      if (token.value === undefined) consumed.add(k + 1);
      values.set(token.rawName, value);
      continue;
    }
    if (!spec.options?.includes(token.rawName))
      throw new UsageError(`${command}: unknown option ${token.rawName}\n${USAGE}`);
    if (token.value !== undefined)
      throw new UsageError(`${command}: ${token.rawName} takes no value\n${USAGE}`);
    options.add(token.rawName);
  }
  const paths = tokens.flatMap((token, k) =>
    token.kind === 'positional' && !consumed.has(k) ? [token.value] : [],
  );
  if (spec.takes === 'nothing' && paths.length)
    throw new UsageError(`${command} takes no arguments, got "${paths[0]}"\n${USAGE}`);
  if (spec.takes === 'one path' && paths.length !== 1)
    throw new UsageError(
      `${command} takes one ${command === 'draft' ? 'article file' : 'folder'}, got ${paths.length}\n${USAGE}`,
    );
  return { paths, options, values };
}

/**
 * With REDIS_URL set, what `load` stores is announced to the subscribers of every running instance; without
 * it there is no one to tell (the in-process bus of this process has no subscribers).
 */
async function load(config: Config, paths: string[]): Promise<void> {
  const target = await ensureDatabase(config, say);
  const db = openDatabase(config, target.uri);
  const logger = createLogger(config.LOG_LEVEL);
  const events = config.REDIS_URL ? createEventBus({ redisUrl: config.REDIS_URL, log: logger }) : undefined;
  try {
    await loadDocuments(db, paths, undefined, {
      onCommitted: events && publishCommitted(events, logger),
    });
  } finally {
    await events?.close();
    await db.close();
    await target.release();
  }
}

async function exportTo(config: Config, dir: string, force: boolean): Promise<void> {
  // Before the database: a wrong folder should not cost a Neo4j start.
  checkExportTarget(dir, force);
  const target = await ensureDatabase(config, say);
  const db = openDatabase(config, target.uri);
  try {
    await exportCorpus(db, dir, { force, log: say });
  } finally {
    await db.close();
    await target.release();
  }
}

/**
 * Drafts an article's annotation. Names are linked against the graph when one is running (NEO4J_URI, or the
 * local Neo4j left running by `npm run neo4j:start`), else against the corpus files: a draft never waits
 * for a Neo4j start. The NLP is CoreNLP (CORENLP_URL, else started for this draft) or, with `--nlp compromise`
 * or DRAFT_NLP=compromise, the in-process compromise.
 */
async function draft(
  config: Config,
  articleFile: string,
  values: Map<string, string>,
  force: boolean,
): Promise<void> {
  const { draftFolder } = await import('./draft/folder');
  const nlpName = values.get('--nlp') ?? config.DRAFT_NLP;
  if (nlpName !== 'corenlp' && nlpName !== 'compromise')
    throw new UsageError(`draft: --nlp must be corenlp or compromise, got "${nlpName}"\n${USAGE}`);
  let nlp;
  let corenlp: { release(): Promise<void> } | undefined;
  if (nlpName === 'compromise') {
    const { CompromiseBackend } = await import('./draft/nlp/compromise');
    nlp = new CompromiseBackend();
  } else {
    // CORENLP_URL, else the project's own CoreNLP for this draft (its first parse loads the models: ~30 s).
    const { ensureCoreNlp } = await import('./runtime/corenlp-server');
    const server = await ensureCoreNlp(config, say);
    corenlp = server;
    const { CoreNlpBackend } = await import('./draft/nlp/corenlp');
    nlp = new CoreNlpBackend({ url: server.url });
  }
  const running = config.NEO4J_URI || runningPid(config.NEO4J_DATA_DIR) !== undefined;
  const db = running
    ? openDatabase(config, config.NEO4J_URI || localNeo4jUri(config.NEO4J_BOLT_PORT))
    : undefined;
  try {
    const { graphLinker } = await import('./draft/link');
    if (db) say('linking names against the graph');
    await draftFolder({
      articleFile,
      date: values.get('--date'),
      id: values.get('--id'),
      title: values.get('--title'),
      out: values.get('--out'),
      force,
      corpusDir: config.CORPUS_DIR,
      nlp,
      linker: db ? graphLinker(db) : undefined,
      log: say,
    });
  } finally {
    await db?.close();
    await corenlp?.release();
  }
}

/**
 * This process owns the database (and the local Neo4j, when it started one): it opens it before the service
 * exists, to load the corpus, and closes it after the service has stopped taking and answering requests.
 */
async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  let target: DatabaseTarget | undefined;
  let db: Database | undefined;
  let events: EventBus | undefined;
  let service: Service | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await service?.close().catch(() => {});
    await events?.close().catch(() => {});
    await db?.close().catch(() => {});
    await target?.release().catch(() => {});
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));
  try {
    target = await ensureDatabase(config, (line) => logger.info(line));
    db = openDatabase(config, target.uri);
    // Before the corpus load, which it announces: to other instances' subscribers when REDIS_URL is set.
    events = createEventBus({ redisUrl: config.REDIS_URL, log: logger });
    if (config.LOAD_CORPUS === 'true') {
      await loadDocuments(db, [config.CORPUS_DIR], (line) => logger.info(line), {
        onCommitted: publishCommitted(events, logger),
      });
    }
    // Loaded here, not at the top: validate and load need none of Apollo, Express or the resolvers.
    const { startService } = await import('./server');
    service = await startService({ config, db, logger, events });
  } catch (error) {
    await events?.close().catch(() => {});
    await db?.close().catch(() => {});
    await target?.release().catch(() => {});
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = '', ...rest] = argv;
  const { paths: args, options, values } = commandArguments(command, rest);
  switch (command) {
    case 'validate': {
      const plans = validateAll(args);
      say(`${plans.length} document(s) valid: ${plans.map((p) => p.document.id).join(', ')}`);
      return;
    }
    case 'load':
      if (options.has('--bulk')) {
        const { bulkLoad } = await import('./bulk-load');
        await bulkLoad(loadConfig(), args, { log: say });
        return;
      }
      return load(loadConfig(), args);
    case 'export':
      return exportTo(loadConfig(), args[0], options.has('--force'));
    case 'serve':
      return serve(loadConfig());
    case 'draft':
      return draft(loadConfig(), args[0], values, options.has('--force'));
    case 'backup': {
      if (options.has('--dump') && options.has('--no-dump'))
        throw new UsageError(`backup: --dump and --no-dump exclude each other\n${USAGE}`);
      const { backup, defaultBackupDir } = await import('./backup/backup');
      const config = loadConfig();
      await backup(config, {
        out: values.get('--out') ?? defaultBackupDir(config),
        dump: options.has('--dump') ? 'always' : options.has('--no-dump') ? 'never' : 'auto',
        log: say,
      });
      return;
    }
    case 'restore': {
      const { restore } = await import('./backup/restore');
      const result = await restore(loadConfig(), {
        backup: args[0],
        replace: options.has('--replace'),
        logical: options.has('--logical'),
        log: say,
      });
      say(
        `restored from the ${result.method === 'dump' ? 'dump' : 'export'} in ${result.seconds.toFixed(1)} s: ` +
          `${result.checksum.nodes} nodes, ${result.checksum.relationships} relationships, the checksum matches`,
      );
      return;
    }
    case 'emit-schema': {
      const { emitSchemaFile } = await import('./api/schema');
      const file = await emitSchemaFile();
      say(`wrote ${path.relative(process.cwd(), file)}`);
      return;
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof NoDocumentsError ||
      error instanceof ExportTargetError
    ) {
      say(error.message);
      process.exit(2);
    }
    if (error instanceof BackupError) {
      say(`${error.code}: ${error.message}`);
      process.exit(backupExitCode(error.code));
    }
    if (error instanceof InvalidDocumentsError) {
      say(error.message);
      process.exit(3);
    }
    if (error instanceof Error && error.name === 'BulkLoadError') {
      const { code } = error as Error & { code: string };
      say(`${code}: ${error.message}`);
      process.exit(code === 'BULK_NOT_LOCAL' ? 2 : 1);
    }
    if (error instanceof ExportIntegrityError) say(`export: ${error.message}`);
    else if (error instanceof RuntimeError) say(`${error.code}: ${error.message}`);
    else if (error instanceof ServiceError) say(`${error.code}: ${error.message}`);
    else say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
