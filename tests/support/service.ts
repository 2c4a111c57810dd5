import path from 'node:path';
import { createStores } from '../../src/api/context';
import { loadDocuments } from '../../src/ingest/folders';
import { REPO_ROOT, loadConfig } from '../../src/config';
import { Database, Query } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { Service, startService } from '../../src/server';
import { clearGraph, readHarnessState, testDatabase } from './harness';

export interface TestService {
  url: string;
  db: Database;
  service: Service;
  stores: ReturnType<typeof createStores>;
  /** Every query the service sent since the last reset, in order. */
  sent: { query: Query; mode: 'READ' | 'WRITE' }[];
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }>;
  close(): Promise<void>;
}

/** The service on a free port over the harness's Neo4j, with the seed corpus freshly loaded. */
export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const db = testDatabase(env);
  await clearGraph(db);
  await loadDocuments(db, [path.join(REPO_ROOT, 'corpus')], () => {});
  const { uri, password, corenlpUrl } = readHarnessState();
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_PASSWORD: password,
    CORENLP_URL: corenlpUrl,
    PORT: '0',
    // Off unless a test asks for it: most tests count the Cypher each request sends, which a cached
    // answer does not send (tests/e2e/response-cache*.test.ts turn it on).
    RESPONSE_CACHE: 'false',
    // Polling the graph's stamp would empty a cache on its own schedule; the test that needs it sets it.
    RESPONSE_CACHE_STAMP_POLL_MS: '0',
    ...env,
  });
  const stores = createStores(db);
  const service = await startService({
    config,
    db,
    stores,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  const sent: TestService['sent'] = [];
  db.onQuery((query, mode) => sent.push({ query, mode }));
  return {
    url: service.url,
    db,
    service,
    stores,
    sent,
    async gql(query, variables) {
      const res = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async close() {
      await service.close();
      await db.close();
    },
  };
}
