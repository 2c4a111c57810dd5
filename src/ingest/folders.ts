import path from 'node:path';
import { REPO_ROOT } from '../config';
import { Database } from '../db/database';
import { findDocumentDirs, validateFolder } from './corpus';
import { BatchSummary, DocumentLoad, LoadCounters, LoadOptions, applySchema, loadPlans } from './loader';
import { DocumentPlan } from './plan';
import { Registry, RegistryResult, readRegistry, registryFileFor } from './registry';
import { writeRegistry } from './registry-store';
import { formatProblem, isError } from './source';

import { InvalidDocumentsError, NoDocumentsError } from './load-errors';
import type { ValidationResult } from './validate';
import { ValidationPool, defaultValidationThreads } from './validation-pool';

export { InvalidDocumentsError, NoDocumentsError };

/** Problems and progress go to stderr by default, where a terminal shows them and a pipe keeps stdout clean. */
function toStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** What a load needs: the plans of valid documents and the registries they were checked against. */
export interface ValidCorpus {
  plans: DocumentPlan[];
  registries: Registry[];
}

/** The document folders under paths (corpus/ by default) and their registries, each read once. */
function corpusFolders(
  paths: string[],
  report: (line: string) => void,
): { dirs: string[]; registries: Map<string, RegistryResult> } {
  const dirs = findDocumentDirs(paths.length ? paths : [path.join(REPO_ROOT, 'corpus')]);
  if (!dirs.length)
    throw new NoDocumentsError(
      `no document folders (with article.txt and graph.yaml) under ${paths.join(', ') || 'corpus/'}`,
    );
  const registries = new Map<string, RegistryResult>();
  for (const dir of dirs) {
    const file = registryFileFor(dir);
    if (!registries.has(file)) registries.set(file, readRegistry(file));
  }
  const registryProblems = [...registries.values()].flatMap((r) => r.problems);
  for (const problem of registryProblems) report(formatProblem(problem));
  const registryErrors = registryProblems.filter(isError).length;
  if (registryErrors) {
    throw new InvalidDocumentsError(
      `${registryErrors} error(s) in the corpus registry; nothing was validated or loaded`,
    );
  }
  return { dirs, registries };
}

/** Every document's problems reported, in folder order; any error refuses them all. */
function validCorpus(
  dirs: string[],
  registries: Map<string, RegistryResult>,
  results: ValidationResult[],
  report: (line: string) => void,
): ValidCorpus {
  const problems = results.flatMap((r) => r.problems);
  for (const problem of problems) report(formatProblem(problem));
  const errors = problems.filter(isError).length;
  if (errors) {
    const bad = results.filter((r) => r.problems.some(isError)).length;
    throw new InvalidDocumentsError(
      `${errors} problem(s) in ${bad} of ${dirs.length} document(s); nothing was loaded`,
    );
  }
  return {
    plans: results.map((r) => r.plan!),
    registries: [...registries.values()].map((r) => r.registry).filter((r) => r.size),
  };
}

/**
 * Validates every document first, each against the registry of the folder it sits in (read once a folder):
 * one error stops the load before anything is written. Warnings and notices are reported too.
 */
export function validateCorpus(paths: string[], report: (line: string) => void = toStderr): ValidCorpus {
  const { dirs, registries } = corpusFolders(paths, report);
  const results = dirs.map((dir) => validateFolder(dir, registries.get(registryFileFor(dir))));
  return validCorpus(dirs, registries, results, report);
}

/** Below this many documents a corpus is validated in the calling thread: starting threads costs more. */
export const THREADS_FROM_DOCUMENTS = 32;

/**
 * validateCorpus on worker threads (validation-pool.ts): the same problems, reported in the same order,
 * the same plans and the same error. threads: 0, or a corpus under THREADS_FROM_DOCUMENTS documents when
 * threads is not given, is validated in this thread.
 */
export async function validateCorpusInThreads(
  paths: string[],
  report: (line: string) => void = toStderr,
  threads?: number,
): Promise<ValidCorpus> {
  const { dirs, registries } = corpusFolders(paths, report);
  const count = threads ?? (dirs.length >= THREADS_FROM_DOCUMENTS ? defaultValidationThreads() : 0);
  if (count <= 0) {
    const results = dirs.map((dir) => validateFolder(dir, registries.get(registryFileFor(dir))));
    return validCorpus(dirs, registries, results, report);
  }
  const pool = new ValidationPool({ threads: count });
  try {
    const results = await Promise.all(dirs.map((dir) => pool.validate(dir)));
    return validCorpus(dirs, registries, results, report);
  } finally {
    await pool.close();
  }
}

/** validateCorpus, for callers that need the plans only. */
export function validateAll(paths: string[], report: (line: string) => void = toStderr): DocumentPlan[] {
  return validateCorpus(paths, report).plans;
}

function describeLoad(load: DocumentLoad): string {
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
 * many — so a long load shows its progress, and then passed to options.onCommitted (the service publishes
 * its events from there). Validation problems go to stderr whatever `log` is: they are
 * the user's to fix, not progress.
 */
export async function loadDocuments(
  db: Database,
  paths: string[],
  log: (line: string) => void = toStderr,
  options: Pick<LoadOptions, 'rowsPerTransaction' | 'batchSize' | 'onCommitted'> & {
    /** Validation threads (validateCorpusInThreads); by default threads only for a large corpus. */
    threads?: number;
  } = {},
): Promise<BatchSummary> {
  const { plans, registries } = await validateCorpusInThreads(paths, toStderr, options.threads);
  await applySchema(db);
  for (const registry of registries) await writeRegistry(db, registry);
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
      if (plans.length <= 20) for (const d of documents) log(`${where} ${describeLoad(d)}`);
      else {
        const first = documents[0].docId;
        const last = documents[documents.length - 1].docId;
        log(`${where} ${documents.length} document(s) ${first} … ${last}`);
      }
      log(`  committed in ${ms} ms: ${describeCounters(counters)}`);
      options.onCommitted?.(documents, counters, ms);
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
