/**
 * Runtime start-up figures: a cold start (jars resolved from Maven Central into an empty Maven cache, then
 * Neo4j started) to the first answered `RETURN 1`, a warm start from the resolved jars, and the JVM's
 * resident memory after start. Writes bench/results/startup-<date>.json.
 *
 *   npm run bench:startup
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NEO4J_VERSION, resolveJars } from '../src/runtime/java';
import { freePort, startLocalNeo4j } from '../src/runtime/neo4j-server';
import { writeResult } from './lib/report';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startOnce(libDir: string, home: string) {
  const started = Date.now();
  const neo4j = await startLocalNeo4j({
    home,
    libDir,
    boltPort: await freePort(),
    httpPort: await freePort(),
    password: 'stancegraph-bench',
  });
  const ms = Date.now() - started;
  // Let the JVM settle after its first query before reading its footprint.
  await new Promise((r) => setTimeout(r, 2_000));
  const rss = rssMiB(neo4j.pid);
  await neo4j.stop();
  return { ms, rssMiB: Math.round(rss) };
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-startup-'));
  try {
    // An empty local Maven repository stands for a machine that never fetched anything.
    const repo = path.join(work, 'm2');
    const mvn = path.join(work, 'mvn-empty-cache');
    writeFileSync(mvn, `#!/bin/sh\nexec mvn -Dmaven.repo.local=${repo} "$@"\n`);
    chmodSync(mvn, 0o755);
    const libDir = path.join(work, 'lib');
    const t0 = Date.now();
    await resolveJars(() => {}, { libDir, mvn });
    const resolveMs = Date.now() - t0;
    const cold = await startOnce(libDir, path.join(work, 'home'));
    const warm = await startOnce(libDir, path.join(work, 'home'));
    const result = {
      command: 'npm run bench:startup',
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      },
      versions: {
        node: process.version,
        neo4j: NEO4J_VERSION,
        java: spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0],
      },
      coldStartMs: resolveMs + cold.ms,
      coldResolveMs: resolveMs,
      coldFirstStartMs: cold.ms,
      warmStartMs: warm.ms,
      jvmRssAfterStartMiB: warm.rssMiB,
      heap: '512m',
      pageCache: '256m',
    };
    const file = writeResult('startup', result.date.slice(0, 10), result);
    console.table({
      'cold start (resolve + start) ms': result.coldStartMs,
      '  of which Maven resolution ms': resolveMs,
      'warm start ms': warm.ms,
      'JVM RSS after start MiB': warm.rssMiB,
    });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
