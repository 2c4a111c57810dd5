import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/database';

/**
 * Written by global-setup, read by every test file (jest loads them in other module registries). The
 * name travels in the environment, which workers inherit, so parallel jest runs never share a file.
 */
export function stateFile(): string {
  if (!process.env.STANCEGRAPH_TEST_STATE) {
    process.env.STANCEGRAPH_TEST_STATE = path.join(os.tmpdir(), `stancegraph-jest-${process.pid}.json`);
  }
  return process.env.STANCEGRAPH_TEST_STATE;
}

export interface HarnessState {
  uri: string;
  password: string;
  pid?: number;
  home?: string;
}

export function readHarnessState(): HarnessState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as HarnessState;
}

export function testDatabase(): Database {
  const { uri, password } = readHarnessState();
  return new Database({
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password,
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
}

/** Tests share the one user database of Community: each file that writes starts from an empty graph. */
export async function clearGraph(db: Database): Promise<void> {
  await db.write('test/clear', (tx) => tx.run({ name: 'test/clear', text: 'MATCH (n) DETACH DELETE n' }));
}
