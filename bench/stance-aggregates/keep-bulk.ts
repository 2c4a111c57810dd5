// Scratch tool of issue 17 (part aggr): a Neo4j bulk-loaded with the seed and N synthetic documents, kept
// running; its address in $KEEP_DIR/neo.json (default /tmp/aggr-tmp) for ab.ts ($NEO_JSON) and ingest-ab.ts.
import 'reflect-metadata';
import { writeFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus } from '../../testkit/synthetic';
import { bulkLoad } from '../../src/bulk-load';
import { loadConfig, REPO_ROOT } from '../../src/config';
import { freePort } from '../../src/runtime/neo4j-server';

async function main() {
  const log = (l: string) => process.stderr.write(l + '\n');
  const n = Number(process.argv[2] ?? 330);
  const keep = process.env.KEEP_DIR ?? '/tmp/aggr-tmp';
  const home = mkdtempSync(`${keep}/neo-`);
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_DATABASE: 'neo4j',
    NEO4J_DATA_DIR: home,
    NEO4J_PASSWORD: 'aggr-pass',
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_HEAP: '1g',
    NEO4J_PAGECACHE: '512m',
  });
  const out = `${keep}/corpus-${n}`;
  const dirs = generateCorpus({ documents: n, out, seed: 1 });
  const t0 = Date.now();
  const summary = await bulkLoad(
    config,
    [path.join(REPO_ROOT, 'corpus'), ...(Array.isArray(dirs) ? dirs : [out])],
    { log, report: () => {}, workers: 1, keepRunning: true },
  );
  log(`bulk ${Date.now() - t0} ms nodes ${summary.nodes} rels ${summary.relationships}`);
  writeFileSync(
    `${keep}/neo.json`,
    JSON.stringify({ uri: summary.uri, user: 'neo4j', password: 'aggr-pass', pid: summary.neo4j?.pid, home }),
  );
  log('ready ' + summary.uri);
  const stop = async () => {
    await summary.neo4j?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => {}, 1 << 30);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
