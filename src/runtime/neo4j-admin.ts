import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkJava, javaExecutable, resolveJars } from './java';
import { RuntimeError } from './runtime-error';

/**
 * neo4j-admin from the same jars as the local Neo4j (org.neo4j.cli.AdminTool), run against its home
 * (NEO4J_DATA_DIR): `database dump`, `database load`, `dbms set-initial-password`. Dump and load need the
 * database stopped: the caller stops the local Neo4j first.
 */
export interface AdminOptions {
  /** NEO4J_HOME of the local Neo4j. */
  home: string;
  /** Where the jars are (default tools/neo4j/lib, resolved on first use). */
  libDir?: string;
  log?: (line: string) => void;
}

async function admin(options: AdminOptions, args: string[]): Promise<string> {
  await checkJava();
  const lib = await resolveJars(options.log, { libDir: options.libDir });
  const home = path.resolve(options.home);
  try {
    const { stdout, stderr } = await promisify(execFile)(
      javaExecutable(),
      ['-cp', `${lib}/*`, 'org.neo4j.cli.AdminTool', ...args],
      {
        env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new RuntimeError(
      'ADMIN_FAILED',
      `neo4j-admin ${args.slice(0, 2).join(' ')} failed in ${home}:\n${output || (error as Error).message}`,
    );
  }
}

/** Writes <toDir>/<database>.dump (toDir must exist); the database must not be running. */
export async function dumpDatabase(options: AdminOptions, database: string, toDir: string): Promise<string> {
  await admin(options, ['database', 'dump', database, `--to-path=${path.resolve(toDir)}`]);
  const file = path.join(toDir, `${database}.dump`);
  if (!existsSync(file)) throw new RuntimeError('ADMIN_FAILED', `neo4j-admin database dump wrote no ${file}`);
  return file;
}

/** Replaces the database with <fromDir>/<database>.dump; the database must not be running. */
export async function loadDatabase(options: AdminOptions, database: string, fromDir: string): Promise<void> {
  await admin(options, [
    'database',
    'load',
    database,
    `--from-path=${path.resolve(fromDir)}`,
    '--overwrite-destination=true',
  ]);
}

/** The password of user neo4j, effective only while the home has no system database (its first start). */
export async function setInitialPassword(options: AdminOptions, password: string): Promise<void> {
  await admin(options, ['dbms', 'set-initial-password', password]);
}
