import { existsSync, rmSync } from 'node:fs';
import { killAndWait } from '../../src/runtime/neo4j-server';
import { readHarnessState, stateFile } from './harness';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(stateFile())) return;
  const state = readHarnessState();
  await Promise.all([
    (async () => {
      if (!state.pid) return;
      await killAndWait(state.pid);
      if (state.home) rmSync(state.home, { recursive: true, force: true });
    })(),
    // Its watcher removes its temp folder once it is gone.
    state.corenlpPid ? killAndWait(state.corenlpPid) : undefined,
  ]);
  rmSync(stateFile(), { force: true });
}
