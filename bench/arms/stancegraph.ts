/**
 * Arm "stancegraph": the service itself (startService), as deployed
 * (NODE_ENV=production with its request limits, silent logs) but without the persisted-query allow-list,
 * which would refuse the benchmark's ad-hoc queries; in a process of its own so that its CPU can be read
 * from /proc.
 * Driver instrumentation (Database.onQuery) counts the Cypher round trips of every request.
 */
import 'reflect-metadata';
import { openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { startService } from '../../src/server';
import { armEnv, failArm, serveArm } from './arm';
import { benchServiceConfig } from '../lib/neo4j';

async function main(): Promise<void> {
  const env = armEnv();
  const config = benchServiceConfig(env);
  const db = openDatabase(config, env.uri);
  let queries = 0;
  const byName: Record<string, number> = {};
  db.onQuery((query) => {
    queries++;
    byName[query.name] = (byName[query.name] ?? 0) + 1;
  });
  const service = await startService({
    config,
    db,
    logger: createLogger('silent'),
  });
  let requests = 0;
  service.server.on('request', () => requests++);
  await serveArm(service.server, {
    stats: () => ({ requests, queries, byName: { ...byName } }),
    close: async () => {
      await service.close();
      await db.close();
    },
  });
}

main().catch(failArm);
