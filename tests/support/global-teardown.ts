import { rmSync } from 'node:fs';
import { killAndWait } from '../../src/runtime/neo4j-server';
import { readHarnessState, stateFile } from './harness';

export default async function globalTeardown(): Promise<void> {
  const state = readHarnessState();
  if (state.pid) {
    await killAndWait(state.pid);
    if (state.home) rmSync(state.home, { recursive: true, force: true });
  }
  rmSync(stateFile(), { force: true });
}
