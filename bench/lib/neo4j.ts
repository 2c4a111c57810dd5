import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { Driver } from 'neo4j-driver';
import { Config, DEV_PASSWORD, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { freePort, startLocalNeo4j } from '../../src/runtime/neo4j-server';

/** The Neo4j a benchmark runs against: a throw-away one of its own, or NEO4J_URI when given. */
export interface BenchNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** The JVM's pid when this process started it (its CPU is then read from /proc); else undefined. */
  pid?: number;
  heap?: string;
  pageCache?: string;
  stop(): Promise<void>;
}

export interface Neo4jSizing {
  heap?: string;
  pageCache?: string;
}

export async function benchNeo4j(log: (line: string) => void, sizing: Neo4jSizing = {}): Promise<BenchNeo4j> {
  const user = process.env.NEO4J_USER ?? 'neo4j';
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';
  if (process.env.NEO4J_URI) {
    // NEO4J_PID (optional) names the JVM of a local instance so that its CPU can still be read.
    const pid = process.env.NEO4J_PID ? Number(process.env.NEO4J_PID) : undefined;
    log(
      `using NEO4J_URI=${process.env.NEO4J_URI}${pid ? ` (JVM pid ${pid})` : ' (no JVM CPU figures: set NEO4J_PID)'}`,
    );
    return {
      uri: process.env.NEO4J_URI,
      user,
      password: process.env.NEO4J_PASSWORD ?? DEV_PASSWORD,
      database,
      pid,
      stop: async () => {},
    };
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-bench-neo4j-'));
  const password = 'stancegraph-bench';
  const heap = sizing.heap ?? '1g';
  const pageCache = sizing.pageCache ?? '512m';
  const running = await startLocalNeo4j({
    home,
    boltPort: await freePort(),
    httpPort: await freePort(),
    password,
    heap,
    pageCache,
    // A loaded 2-core machine may take minutes to start a JVM.
    startTimeoutMs: 300_000,
    log,
  }).catch((error: unknown) => {
    rmSync(home, { recursive: true, force: true });
    throw error;
  });
  return {
    uri: running.uri,
    user,
    password,
    database,
    pid: running.pid,
    heap,
    pageCache,
    async stop() {
      await running.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * A benchmark's own connection (loading, profiling, counting), opened as the service opens its own, with
 * timeouts for statements and bursts that a request never meets.
 */
export function benchDatabase(
  target: Pick<BenchNeo4j, 'uri' | 'user' | 'password' | 'database'>,
  queryTimeoutMs = 120_000,
): Database {
  const connection = {
    NEO4J_USER: target.user,
    NEO4J_PASSWORD: target.password,
    NEO4J_DATABASE: target.database,
    NEO4J_QUERY_TIMEOUT_MS: queryTimeoutMs,
  };
  return openDatabase(connection, target.uri, { connectionAcquisitionTimeoutMs: 60_000 });
}

/**
 * The service's configuration in a benchmark: as deployed (production limits, silent logs), on a free port of
 * 127.0.0.1, without the persisted-query allow-list (it would refuse the benchmark's queries) and without
 * loading the corpus (the benchmark loads what it measures).
 */
export function benchServiceConfig(target: { uri: string; password: string }): Config {
  return loadConfig({
    ...process.env,
    NEO4J_URI: target.uri,
    NEO4J_PASSWORD: target.password,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    PERSISTED_QUERIES_ONLY: 'false',
    LOG_LEVEL: 'silent',
    LOAD_CORPUS: 'false',
    // The stancegraph arm measures the service's own work; stancegraph-cached and -uncached the cache's.
    RESPONSE_CACHE: process.env.BENCH_ARM?.startsWith('stancegraph-') ? 'true' : 'false',
  });
}

/** The server's version string, e.g. "5.26.30". */
export async function neo4jVersion(db: Database): Promise<string> {
  const rows = await db.read({
    name: 'bench/version',
    text: "CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN versions[0] + ' ' + edition AS v",
  });
  return String(rows[0]?.v ?? 'unknown');
}

/** Empties the graph in chunks; CALL … IN TRANSACTIONS needs an auto-commit transaction. */
export async function clearGraph(db: Database): Promise<void> {
  await db.writeAutoCommit({
    name: 'bench/clear',
    text: 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
  });
}

/**
 * A driver for the A/B scripts that measure an already running, loaded Neo4j: NEO4J_URI (required),
 * NEO4J_USER, NEO4J_PASSWORD, and NEO4J_PID (its JVM, whose CPU they read from /proc; optional).
 */
export function measuredNeo4j(): { driver: Driver; pid: number | undefined } {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI (and NEO4J_PASSWORD, NEO4J_PID) name the Neo4j to measure');
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
    { disableLosslessIntegers: true },
  );
  return { driver, pid: process.env.NEO4J_PID ? Number(process.env.NEO4J_PID) : undefined };
}
