import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';

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
  /** The run's CoreNLP: CORENLP_URL, or the one global-setup started (then its pid). */
  corenlpUrl: string;
  corenlpPid?: number;
}

export function readHarnessState(): HarnessState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as HarnessState;
}

/** The URL of the harness's CoreNLP, for a CoreNlpBackend or a service's CORENLP_URL. */
export function coreNlpUrl(): string {
  return readHarnessState().corenlpUrl;
}

/** The harness's Neo4j, opened as the service opens its database from its configuration. */
export function testDatabase(): Database {
  const { uri, password } = readHarnessState();
  return openDatabase(loadConfig({ ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password }), uri);
}

/** Tests share the one user database of Community: each file that writes starts from an empty graph. */
export async function clearGraph(db: Database): Promise<void> {
  await db.write('test/clear', (tx) => tx.run({ name: 'test/clear', text: 'MATCH (n) DETACH DELETE n' }));
}
