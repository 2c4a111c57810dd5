import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEV_PASSWORD, loadConfig } from '../../src/config';
import { startLocalCoreNlp } from '../../src/runtime/corenlp-server';
import { freePort, killAndWait, startLocalNeo4j } from '../../src/runtime/neo4j-server';
import { playgroundAssetsBuilt } from '../../src/web/playground/playground.router';
import { dashboardAssetsBuilt } from '../../src/web/dashboard/dashboard.router';
import { reviewAssetsBuilt } from '../../src/web/review/review.router';
import { HarnessState, stateFile } from './harness';

type Neo4jState = Pick<HarnessState, 'uri' | 'password' | 'pid' | 'home' | 'local'>;
type CoreNlpState = Pick<HarnessState, 'corenlpUrl' | 'corenlpPid'>;

/** NEO4J_URI when given, else a throw-away instance in a temp folder on free ports. */
async function neo4jForTests(): Promise<Neo4jState> {
  if (process.env.NEO4J_URI) {
    return { uri: process.env.NEO4J_URI, password: process.env.NEO4J_PASSWORD ?? DEV_PASSWORD };
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-test-neo4j-'));
  const local = {
    home,
    boltPort: await freePort(),
    httpPort: await freePort(),
    password: 'stancegraph-test',
    heap: '512m',
    pageCache: '128m',
  };
  const neo4j = await startLocalNeo4j({
    ...local,
    log: (line) => process.stderr.write(`[test neo4j] ${line}\n`),
  });
  return { uri: neo4j.uri, password: local.password, pid: neo4j.pid, home, local };
}

/**
 * CORENLP_URL when given, else the project's own CoreNLP (jars fetched if missing, as for Neo4j). Started
 * for every live run, not only when a selected file parses: it answers /ready in under a second with
 * ~60 MB and almost no CPU, and loads its models (~30 s, ~4 GB) only on the first parse, so a run without
 * NLP tests pays nearly nothing, and there is no test-selection logic to get wrong.
 */
async function coreNlpForTests(): Promise<CoreNlpState> {
  if (process.env.CORENLP_URL) return { corenlpUrl: process.env.CORENLP_URL };
  const corenlp = await startLocalCoreNlp({
    heap: loadConfig().CORENLP_HEAP,
    resolve: true,
    log: (line) => process.stderr.write(`[test corenlp] ${line}\n`),
  });
  return { corenlpUrl: corenlp.url, corenlpPid: corenlp.pid };
}

/**
 * One Neo4j and one CoreNLP for the whole run, started side by side and stopped by global-teardown (and by
 * a watcher each if jest dies first). Tests find them in the state file (tests/support/harness.ts).
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
  const [neo4j, corenlp] = await Promise.allSettled([neo4jForTests(), coreNlpForTests()]);
  if (neo4j.status === 'rejected' || corenlp.status === 'rejected') {
    // Jest runs no globalTeardown after a failed globalSetup: stop here whichever did start.
    if (neo4j.status === 'fulfilled' && neo4j.value.pid) {
      await killAndWait(neo4j.value.pid);
      if (neo4j.value.home) rmSync(neo4j.value.home, { recursive: true, force: true });
    }
    if (corenlp.status === 'fulfilled' && corenlp.value.corenlpPid)
      await killAndWait(corenlp.value.corenlpPid);
    throw [neo4j, corenlp].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))[0];
  }
  writeFileSync(stateFile(), JSON.stringify({ ...neo4j.value, ...corenlp.value }));
}
