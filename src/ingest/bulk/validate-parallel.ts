import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../../config';
import { findDocumentDirs, validateFolder } from '../corpus';
import { InvalidDocumentsError, NoDocumentsError, ValidCorpus } from '../folders';
import { RegistryResult, readRegistry, registryFileFor } from '../registry';
import { formatProblem, isError } from '../source';
import { ValidationResult } from '../validate';

/**
 * validateCorpus (folders.ts) with the documents shared among worker threads: the same checks, reports,
 * errors and plans, in the same order. Validation is CPU-bound (YAML, quotes, mentions), so on a large
 * corpus it scales with the cores; a few documents are not worth a thread's start.
 */

const MIN_DOCUMENTS_PER_WORKER = 50;

function runWorker(dirs: string[]): Promise<ValidationResult[]> {
  // From dist/ the worker is JavaScript; from src/ (tsx, ts-jest) it is TypeScript, which tsx compiles.
  const file = path.join(__dirname, `validate-worker${path.extname(__filename)}`);
  const worker = file.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
        eval: true,
        workerData: { dirs },
      })
    : new Worker(file, { workerData: { dirs } });
  return new Promise((resolve, reject) => {
    worker.once('message', (results: ValidationResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`validation worker exited with ${code}`)));
  });
}

export async function validateCorpusParallel(
  paths: string[],
  report: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  workers = os.availableParallelism(),
): Promise<ValidCorpus> {
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
  const threads = Math.max(1, Math.min(workers, Math.floor(dirs.length / MIN_DOCUMENTS_PER_WORKER)));
  let validated: ValidationResult[];
  if (threads === 1) {
    validated = dirs.map((dir) => validateFolder(dir, registries.get(registryFileFor(dir))));
  } else {
    // Interleaved shares: neighbouring documents are alike in size, so each thread gets as much work.
    const shares = Array.from({ length: threads }, (_, t) => dirs.filter((_, i) => i % threads === t));
    const outcomes = await Promise.all(shares.map(runWorker));
    validated = dirs.map((_, i) => outcomes[i % threads][Math.floor(i / threads)]);
  }
  const results = dirs.map((dir, i) => ({ dir, ...validated[i] }));
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
