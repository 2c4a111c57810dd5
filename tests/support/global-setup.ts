import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEV_PASSWORD } from '../../src/config';
import { freePort, startLocalNeo4j } from '../../src/runtime/neo4j-server';
import { playgroundAssetsBuilt } from '../../src/web/playground/playground.router';
import { dashboardAssetsBuilt } from '../../src/web/dashboard/dashboard.router';
import { reviewAssetsBuilt } from '../../src/web/review/review.router';
import { stateFile } from './harness';

/**
 * One Neo4j for the whole run: NEO4J_URI when given, else a throw-away instance in a temp folder on free
 * ports, stopped by global-teardown (and by a watcher if jest dies first).
 */
export default async function globalSetup(): Promise<void> {
  if (!playgroundAssetsBuilt()) {
    const build = spawnSync(process.execPath, ['tools/build-playground.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the playground assets failed');
  }
  if (!dashboardAssetsBuilt()) {
    const build = spawnSync(process.execPath, ['tools/build-dashboard.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the dashboard assets failed');
  }
  if (!reviewAssetsBuilt()) {
    const build = spawnSync(process.execPath, ['tools/build-review.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the review assets failed');
  }
  if (process.env.NEO4J_URI) {
    writeFileSync(
      stateFile(),
      JSON.stringify({ uri: process.env.NEO4J_URI, password: process.env.NEO4J_PASSWORD ?? DEV_PASSWORD }),
    );
    return;
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-'));
  const password = 'stancegraph-test';
  const neo4j = await startLocalNeo4j({
    home,
    boltPort: await freePort(),
    httpPort: await freePort(),
    password,
    heap: '512m',
    pageCache: '128m',
    log: (line) => process.stderr.write(`[test neo4j] ${line}\n`),
  });
  writeFileSync(
    stateFile(),
    JSON.stringify({
      uri: neo4j.uri,
      password,
      pid: neo4j.pid,
      home,
    }),
  );
}
