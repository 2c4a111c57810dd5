import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { LocalNeo4jOptions, killAndWait, startLocalNeo4j } from '../../src/runtime/neo4j-server';

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
  /** How global-setup started the Neo4j it owns (none with NEO4J_URI): what restartHarnessNeo4j reuses. */
  local?: Pick<LocalNeo4jOptions, 'home' | 'boltPort' | 'httpPort' | 'password' | 'heap' | 'pageCache'>;
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

/** The harness's Neo4j, opened as the service opens its database from its configuration (plus env). */
export function testDatabase(env: Record<string, string> = {}): Database {
  const { uri, password } = readHarnessState();
  return openDatabase(loadConfig({ ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password, ...env }), uri);
}

/**
 * Stops the harness's Neo4j and, once `whileDown` has been started, starts it again on the same ports and
 * data; the state file then names the new JVM, so that global-teardown stops that one. Undefined when the
 * run uses NEO4J_URI (an instance the harness does not own). `whileDown` runs with Neo4j stopped and is not
 * awaited before the restart: what it starts must survive the restart.
 */
export async function restartHarnessNeo4j<T>(
  whileDown: () => T = () => undefined as T,
): Promise<{ duringOutage: T; downMs: number } | undefined> {
  const state = readHarnessState();
  if (!state.pid || !state.local) return undefined;
  const stopped = performance.now();
  await killAndWait(state.pid);
  const duringOutage = whileDown();
  const neo4j = await startLocalNeo4j({ ...state.local, startTimeoutMs: 180_000 });
  writeFileSync(stateFile(), JSON.stringify({ ...state, pid: neo4j.pid, uri: neo4j.uri }));
  return { duringOutage, downMs: performance.now() - stopped };
}

/** Tests share the one user database of Community: each file that writes starts from an empty graph. */
export async function clearGraph(db: Database): Promise<void> {
  await db.write('test/clear', (tx) => tx.run({ name: 'test/clear', text: 'MATCH (n) DETACH DELETE n' }));
}
