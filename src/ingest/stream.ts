import path from 'node:path';
import { QueryRunner } from '../db/database';
import { ServiceError } from '../domain/errors';
import { validateFolder } from './corpus';
import { InvalidDocumentsError } from './load-errors';
import {
  BatchSummary,
  DEFAULT_ROWS_PER_TRANSACTION,
  LoadCounters,
  LoadOptions,
  loadPlans,
  planRows,
} from './loader';
import { DocumentPlan } from './plan';
import { RegistryResult, readRegistry, registryFileFor } from './registry';
import { formatProblem, isError } from './source';
import type { ValidationResult } from './validate';
import { ValidationPool, defaultValidationThreads } from './validation-pool';

export interface StreamOptions extends Omit<LoadOptions, 'onCommitted'> {
  /** Validation threads; 0 validates each document in this thread when the loader takes it. */
  threads?: number;
  /** A pool of the caller's to validate on instead (threads is then ignored); left open. */
  pool?: ValidationPool;
  /**
   * Documents validated ahead of the one the loader takes: the bounded queue between the threads and the
   * loader, which with the transaction being filled and the one in flight is all the stream holds.
   */
  ahead?: number;
  /** Problems of every document (errors, warnings, notices), as formatted lines; stderr by default. */
  report?: (line: string) => void;
  /** Asked before each document is taken: true ends the stream there, the documents before it loaded. */
  stop?: () => boolean;
  onCommitted?: LoadOptions['onCommitted'];
}

/** What a stream did, beside the loader's summary. */
export interface StreamSummary extends BatchSummary {
  /** Time spent in transactions (loadPlans), ms: the loader's share of `ms`. */
  loadMs: number;
  /** Time the loader waited for a validation with no transaction in flight, ms. */
  validationWaitMs: number;
  threads: number;
}

const toStderr = (line: string) => process.stderr.write(`${line}\n`);

const zero = (): LoadCounters => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

type Outcome = { dir: string; result: ValidationResult } | { dir: string; error: unknown };

/**
 * Loads documents as they come, in the order given: worker threads validate the next documents (up to
 * `ahead` of them) while the transaction of the ones before is in flight, and each transaction is the
 * group loadPlans would have made (documents until their rows reach rowsPerTransaction), so the graph,
 * the transactions and the onCommitted calls are those of loadPlans over the same documents.
 *
 * A document with errors is refused as validateCorpus refuses it (its problems reported, an
 * InvalidDocumentsError): the documents before it are loaded, nothing of it or after it is written. Any
 * other failure (a transaction's, a validation thread's) is thrown once the transaction in flight has
 * settled, so nothing is written after this returns or throws.
 */
export async function streamDocuments(
  db: QueryRunner,
  dirs: string[],
  options: StreamOptions = {},
): Promise<StreamSummary> {
  const started = Date.now();
  const report = options.report ?? toStderr;
  const limit = options.rowsPerTransaction ?? DEFAULT_ROWS_PER_TRANSACTION;
  const threads = options.threads ?? defaultValidationThreads();
  const pool = options.pool ?? (threads > 0 ? new ValidationPool({ threads }) : undefined);
  const ahead = pool ? Math.max(1, options.ahead ?? 16 * threads) : 0;
  const summary: StreamSummary = {
    documents: [],
    counters: zero(),
    transactions: 0,
    ms: 0,
    loadMs: 0,
    validationWaitMs: 0,
    threads: pool?.threads ?? 0,
  };

  // In this thread (threads: 0) each folder's registry is read once, as the threads do.
  const registries = new Map<string, RegistryResult>();
  const validateHere = (dir: string) => {
    const file = registryFileFor(dir);
    let registry = registries.get(file);
    if (!registry) registries.set(file, (registry = readRegistry(file)));
    return validateFolder(dir, registry);
  };
  const queue: Promise<Outcome>[] = [];
  let submitted = 0;
  const fill = () => {
    while (pool && queue.length < ahead && submitted < dirs.length) {
      const dir = dirs[submitted++];
      queue.push(
        pool.validate(dir).then(
          (result) => ({ dir, result }),
          (error: unknown) => ({ dir, error }),
        ),
      );
    }
  };
  const take = async (index: number): Promise<Outcome> => {
    if (!pool) {
      try {
        return { dir: dirs[index], result: validateHere(dirs[index]) };
      } catch (error) {
        return { dir: dirs[index], error };
      }
    }
    fill();
    const outcome = queue.shift()!;
    fill();
    return outcome;
  };

  // One transaction in flight at a time; its failure is kept until the loop looks.
  let inFlight: Promise<void> | undefined;
  let loading = false;
  let failure: { error: unknown } | undefined;
  const settle = async () => {
    await inFlight;
    inFlight = undefined;
    if (failure) throw failure.error;
  };
  const send = async (plans: DocumentPlan[]) => {
    await settle();
    if (!plans.length) return;
    const t0 = Date.now();
    loading = true;
    inFlight = loadPlans(db, plans, {
      ...options,
      // The group is one transaction's already (or one document larger than the limit).
      rowsPerTransaction: limit,
      onCommitted: (documents, counters, ms) => {
        summary.documents.push(...documents);
        for (const key of Object.keys(counters) as (keyof LoadCounters)[])
          summary.counters[key] += counters[key];
        summary.transactions += 1;
        options.onCommitted?.(documents, counters, ms);
      },
    }).then(
      () => {
        summary.loadMs += Date.now() - t0;
        loading = false;
      },
      (error: unknown) => {
        failure ??= { error };
        loading = false;
      },
    );
  };

  const ids = new Set<string>();
  let group: DocumentPlan[] = [];
  let rows = 0;
  try {
    for (let index = 0; index < dirs.length; index++) {
      if (failure) break;
      if (options.stop?.()) break;
      const waitFrom = loading ? undefined : Date.now();
      const outcome = await take(index);
      if (waitFrom !== undefined) summary.validationWaitMs += Date.now() - waitFrom;
      if ('error' in outcome) throw outcome.error;
      const { problems, plan } = outcome.result;
      for (const problem of problems) report(formatProblem(problem));
      if (!plan || problems.some(isError)) {
        // What came before it is loaded, as it would have been had the stream ended there.
        await send(group);
        await settle();
        const errors = problems.filter(isError).length;
        throw new InvalidDocumentsError(
          `${errors} problem(s) in ${path.relative(process.cwd(), outcome.dir) || outcome.dir}; the ${index} document(s) before it were loaded, ` +
            `none after it`,
        );
      }
      if (ids.has(plan.document.id)) {
        await send(group);
        await settle();
        throw new ServiceError('BAD_USER_INPUT', `document ${plan.document.id} is given twice`);
      }
      ids.add(plan.document.id);
      // loadPlans's grouping: a document that would take the group past the limit starts the next one.
      if (group.length && rows + planRows(plan) > limit) {
        await send(group);
        group = [];
        rows = 0;
      }
      group.push(plan);
      rows += planRows(plan);
    }
    await send(group);
    await settle();
  } finally {
    // Never return or throw with a transaction still running.
    await inFlight;
    if (pool !== options.pool) await pool?.close();
  }
  summary.ms = Date.now() - started;
  return summary;
}
