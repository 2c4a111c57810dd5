import { parentPort, workerData } from 'node:worker_threads';
import { validateFolder } from '../corpus';
import { RegistryResult, readRegistry, registryFileFor } from '../registry';

/** One of validate-parallel.ts's workers: validates its share of the folders, each against its registry. */
const { dirs } = workerData as { dirs: string[] };
const registries = new Map<string, RegistryResult>();
const results = dirs.map((dir) => {
  const file = registryFileFor(dir);
  let registry = registries.get(file);
  if (!registry) registries.set(file, (registry = readRegistry(file)));
  return validateFolder(dir, registry);
});
parentPort!.postMessage(results);
