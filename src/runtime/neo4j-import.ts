import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RuntimeError } from './runtime-error';
import { javaExecutable, resolveJars } from './java';

/**
 * `neo4j-admin database import full` from the jars in tools/neo4j/lib, into the local Neo4j's home, and the
 * moves around it that let a failed import leave the home as it was. The DBMS must be stopped: Community
 * cannot stop one database of a running DBMS (STOP DATABASE is refused as an unsupported administration
 * command), and the import tool needs the store to itself.
 */

export interface ImportToolOptions {
  /** NEO4J_HOME of the local Neo4j. */
  home: string;
  /** The arguments after `database import full` (files, options, database name). */
  args: string[];
  /** Where the tool writes its report of bad entries. */
  reportFile: string;
  /** JVM heap of the tool; its large structures are off-heap, bounded by offHeap. */
  heap?: string;
  offHeap?: string;
  libDir?: string;
  log?: (line: string) => void;
}

export interface ImportToolRun {
  /** What the tool says it took ("IMPORT DONE in 9s 700ms"), ms. */
  toolMs: number;
  /** From starting the JVM to its exit, ms. */
  wallMs: number;
  output: string;
}

/** "IMPORT DONE in 1m 2s 345ms." → 62345. */
export function parseImportDone(output: string): number | undefined {
  const m = /IMPORT DONE in ([^.\n]+)\./.exec(output);
  if (!m) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  let total = 0;
  for (const part of m[1].trim().split(/\s+/)) {
    const p = /^(\d+)(ms|h|m|s)$/.exec(part);
    if (!p) return undefined;
    total += Number(p[1]) * units[p[2]];
  }
  return total;
}

export async function runImportTool(options: ImportToolOptions): Promise<ImportToolRun> {
  const lib = await resolveJars(options.log, { libDir: options.libDir });
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '-cp',
    `${lib}/*`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    `--report-file=${options.reportFile}`,
    `--max-off-heap-memory=${options.offHeap ?? '2g'}`,
    // Only its failure messages change: they name the file, line, field and value at fault.
    '--verbose',
    ...options.args,
  ];
  const started = Date.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(javaExecutable(), args, {
      env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: path.join(options.home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  const wallMs = Date.now() - started;
  const toolMs = parseImportDone(output);
  if (code !== 0 || toolMs === undefined) {
    // With --verbose the cause (file, line, field, raw value) is in a "Caused by" chain among stack frames.
    const all = output
      .split('\n')
      .filter((l) => l.trim() && !/^\s*at |^[. ]+\d+%|^\s*\.\.\. \d+ more/.test(l));
    const cause = all.filter((l) =>
      /Caused by|ERROR in input|data source:|in field:|for header:|raw field value:|Exception/.test(l),
    );
    const lines = [...all.slice(-8), ...cause.slice(0, 12)].join('\n');
    throw new RuntimeError('IMPORT_FAILED', `the import tool failed (exit ${code}):\n${lines}`);
  }
  return { toolMs, wallMs, output };
}

/** True when the JVM leads a session of its own: the detached instance of `npm run neo4j:start`. */
export function isDetachedInstance(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state, ppid, pgrp, session.
    return Number(fields[3]) === pid;
  } catch {
    return false;
  }
}

/** What a home held before a bulk import touched it: what a failure must get back to. */
export interface HomeBefore {
  /** Its top-level entries (conf, logs, data …); undefined when the home did not exist. */
  entries?: string[];
  hadDatabases: boolean;
}

/**
 * A database's store and transaction logs, moved aside before an import and moved back if it fails. A home
 * that had no database at all gets back to having none, and loses what the import's preparation added.
 */
export class StoreBackup {
  private readonly aside: string;
  private readonly moved: { from: string; to: string }[] = [];

  private constructor(
    private readonly home: string,
    private readonly database: string,
    private readonly before: HomeBefore,
  ) {
    this.aside = path.join(home, `bulk-import-backup-${process.pid}`);
  }

  /** Call it where no Neo4j runs in home, before anything is written there. */
  static inspect(home: string): HomeBefore {
    return {
      entries: existsSync(home) ? readdirSync(home) : undefined,
      hadDatabases: existsSync(path.join(home, 'data', 'databases')),
    };
  }

  private stores(): string[] {
    return ['databases', 'transactions'].map((d) => path.join(this.home, 'data', d, this.database));
  }

  /** Moves the database's folders aside (renames within the home: instant, whatever their size). */
  static take(home: string, database: string, before: HomeBefore): StoreBackup {
    const backup = new StoreBackup(home, database, before);
    rmSync(backup.aside, { recursive: true, force: true });
    for (const store of backup.stores()) {
      if (!existsSync(store)) continue;
      const to = path.join(backup.aside, path.basename(path.dirname(store)));
      mkdirSync(backup.aside, { recursive: true });
      renameSync(store, to);
      backup.moved.push({ from: store, to });
    }
    return backup;
  }

  /** The import failed: what it wrote goes, what was there comes back. */
  restore(): void {
    for (const store of this.stores()) rmSync(store, { recursive: true, force: true });
    for (const { from, to } of this.moved) renameSync(to, from);
    rmSync(this.aside, { recursive: true, force: true });
    if (this.before.hadDatabases) return;
    // A home without a database: the server's first start (system database), the initial password and
    // the import are undone alike, and so are the folders made for them.
    const { entries } = this.before;
    if (entries === undefined) {
      rmSync(this.home, { recursive: true, force: true });
      return;
    }
    for (const dir of ['databases', 'transactions', 'dbms', 'cluster-state', 'server_id'])
      rmSync(path.join(this.home, 'data', dir), { recursive: true, force: true });
    for (const entry of readdirSync(this.home))
      if (!entries.includes(entry)) rmSync(path.join(this.home, entry), { recursive: true, force: true });
  }

  /** The import succeeded: the old store is not needed. */
  discard(): void {
    rmSync(this.aside, { recursive: true, force: true });
  }
}
