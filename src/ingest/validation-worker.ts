/**
 * A validation thread of the ingest pipeline (validation-pool.ts): validates document folders as the
 * main thread would (validateFolder against the registry of the folder each sits in, read once a thread)
 * and posts back their problems and plan. An exception thrown while validating one folder is that folder's
 * answer, not the end of the thread.
 */
import { parentPort } from 'node:worker_threads';
import { validateFolder } from './corpus';
import { RegistryResult, readRegistry, registryFileFor } from './registry';
import type { ValidationAnswer, ValidationTask } from './validation-pool';

const registries = new Map<string, RegistryResult>();

function validate(dir: string): ValidationAnswer['result'] {
  const file = registryFileFor(dir);
  let registry = registries.get(file);
  if (!registry) registries.set(file, (registry = readRegistry(file)));
  return validateFolder(dir, registry);
}

parentPort?.on('message', (task: ValidationTask) => {
  let answer: ValidationAnswer;
  try {
    answer = { id: task.id, result: validate(task.dir) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer = { id: task.id, error: { message, stack: error instanceof Error ? error.stack : undefined } };
  }
  parentPort!.postMessage(answer);
});
