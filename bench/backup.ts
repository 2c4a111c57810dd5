/**
 * Backup and restore times (docs/operations.md): a Neo4j of its own in a temp home, a corpus loaded, then
 * `backup --dump` (the export between its two checksums; stop, neo4j-admin dump, start), the data folder
 * wiped and restored from the dump, wiped again and restored from the export. Each restore's checksum is
 * the backup's or the run fails.
 *
 *   npx tsx bench/backup.ts                      # the seed corpus (corpus/)
 *   npx tsx bench/backup.ts --documents 320      # a synthetic corpus (bench/synthetic.ts, seed 1)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backup } from '../src/backup/backup';
import { LocalServer } from '../src/backup/local';
import { restore } from '../src/backup/restore';
import { REPO_ROOT, loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { loadDocuments } from '../src/ingest/folders';
import { freePort, killAndWait, runningPid } from '../src/runtime/neo4j-server';
import { generateCorpus } from '../testkit/synthetic';
import { writeResult } from './lib/report';

const { values } = parseArgs({
  options: { documents: { type: 'string' }, heap: { type: 'string', default: '1g' } },
});
const log = (line: string) => console.error(`[backup-bench] ${line}`);
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-backup-bench-'));
  const home = path.join(work, 'neo4j');
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    NEO4J_DATA_DIR: home,
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_PASSWORD: 'stancegraph-bench',
    NEO4J_HEAP: values.heap,
    NEO4J_PAGECACHE: '512m',
  });
  const server = new LocalServer(config, log);
  try {
    let corpus = path.join(REPO_ROOT, 'corpus');
    if (values.documents) {
      corpus = path.join(work, 'corpus');
      generateCorpus({ documents: Number(values.documents), out: corpus, seed: 1 });
    }
    let t = performance.now();
    await server.start(true);
    const startSeconds = seconds(t);
    t = performance.now();
    const db = openDatabase(config, server.uri, { queryTimeoutMs: 600_000 });
    try {
      await loadDocuments(db, [corpus], () => {});
    } finally {
      await db.close();
    }
    const loadSeconds = seconds(t);

    t = performance.now();
    const out = path.join(work, 'backup');
    const { manifest } = await backup(config, { out, dump: 'always', log });
    const backupSeconds = seconds(t);

    const wipeAndRestore = async (logical: boolean) => {
      await server.stop();
      rmSync(path.join(home, 'data'), { recursive: true, force: true });
      const started = performance.now();
      const result = await restore(config, { backup: out, logical, log });
      return { method: result.method, seconds: seconds(started) };
    };
    const fromDump = await wipeAndRestore(false);
    const fromExport = await wipeAndRestore(true);
    const bytes = (prefix: string) =>
      manifest.files.filter((f) => f.path.startsWith(prefix)).reduce((n, f) => n + f.bytes, 0);
    const result = {
      command: `npx tsx bench/backup.ts${values.documents ? ` --documents ${values.documents}` : ''}`,
      corpus: values.documents ? `synthetic, ${values.documents} documents, seed 1` : 'seed (corpus/)',
      machine: `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end`,
      neo4j: { heap: config.NEO4J_HEAP, pageCache: config.NEO4J_PAGECACHE },
      counts: manifest.counts,
      bytes: { export: bytes('export/'), dump: bytes('dump/') },
      seconds: {
        neo4jStart: startSeconds,
        load: loadSeconds,
        backup: backupSeconds,
        backupParts: manifest.timings,
        restoreFromDump: fromDump.seconds,
        restoreFromExport: fromExport.seconds,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    const name = values.documents ? `backup-synthetic-${values.documents}` : 'backup-seed';
    log(`wrote ${writeResult(name, new Date().toISOString().slice(0, 10), result)}`);
  } finally {
    const pid = runningPid(home);
    if (pid !== undefined) await killAndWait(pid);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
