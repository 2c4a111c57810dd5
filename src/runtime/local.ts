import { Config } from '../config';
import { localNeo4jUri, runningPid, startLocalNeo4j } from './neo4j-server';

export interface DatabaseTarget {
  uri: string;
  /** Stops the instance this process started; a no-op for one it found or was pointed at. */
  release(): Promise<void>;
}

/**
 * Where the service's database is: NEO4J_URI when set; otherwise the development instance in
 * NEO4J_DATA_DIR, reused if `npm run neo4j:start` left it running, else started for this process only.
 */
export async function ensureDatabase(config: Config, log: (line: string) => void): Promise<DatabaseTarget> {
  if (config.NEO4J_URI) return { uri: config.NEO4J_URI, release: async () => {} };
  const uri = localNeo4jUri(config.NEO4J_BOLT_PORT);
  const pid = runningPid(config.NEO4J_DATA_DIR);
  if (pid !== undefined) {
    log(`using the running development Neo4j (pid ${pid}) at ${uri}`);
    return { uri, release: async () => {} };
  }
  log(`NEO4J_URI is unset: starting the local Neo4j in ${config.NEO4J_DATA_DIR}`);
  const neo4j = await startLocalNeo4j({
    home: config.NEO4J_DATA_DIR,
    boltPort: config.NEO4J_BOLT_PORT,
    httpPort: config.NEO4J_HTTP_PORT,
    password: config.NEO4J_PASSWORD,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    log,
  });
  return { uri: neo4j.uri, release: () => neo4j.stop() };
}
