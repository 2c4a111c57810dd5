import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RuntimeError } from './runtime-error';

const run = promisify(execFile);

export const NEO4J_VERSION = '5.26.30';
export const MIN_JAVA = 17;
export const TOOLS_DIR = path.resolve(__dirname, '../../tools/neo4j');
export const LIB_DIR = path.join(TOOLS_DIR, 'lib');
/** Written last by a finished resolution: its presence means every jar is there and no network is needed. */
const MARKER = `.resolved-${NEO4J_VERSION}`;

/** Parses the major version from `java -version` output ("17.0.15", "1.8.0_392", "21"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export async function checkJava(javaBin = javaExecutable()): Promise<number> {
  let out: string;
  try {
    const { stderr, stdout } = await run(javaBin, ['-version']);
    out = `${stderr}${stdout}`;
  } catch {
    throw new RuntimeError(
      'JAVA_MISSING',
      `Java ${MIN_JAVA}+ is needed to run the local Neo4j, and \`${javaBin}\` could not be run. ` +
        'Install it (Debian: `apt-get install -y openjdk-17-jre-headless`), set JAVA_HOME, ' +
        'or point NEO4J_URI at an existing Neo4j.',
    );
  }
  const major = parseJavaMajor(out);
  if (major === undefined || major < MIN_JAVA) {
    throw new RuntimeError(
      'JAVA_TOO_OLD',
      `Java ${MIN_JAVA}+ is needed to run Neo4j ${NEO4J_VERSION}; \`${javaBin} -version\` says ` +
        `${out.split('\n')[0].trim() || 'nothing'}. Install Java 17 (Debian: \`apt-get install -y openjdk-17-jre-headless\`) ` +
        'and set JAVA_HOME, or point NEO4J_URI at an existing Neo4j.',
    );
  }
  return major;
}

export function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

export function jarsResolved(libDir = LIB_DIR): boolean {
  return existsSync(path.join(libDir, MARKER));
}

/**
 * Resolves the Neo4j jars from Maven Central into tools/neo4j/lib, once. Resolution goes to a private
 * folder that is renamed into place, so two processes starting at once never see half a lib/.
 */
export async function resolveJars(
  log: (line: string) => void = () => {},
  { libDir = LIB_DIR, mvn = 'mvn' }: { libDir?: string; mvn?: string } = {},
): Promise<string> {
  if (jarsResolved(libDir)) return libDir;
  try {
    await run(mvn, ['-v']);
  } catch {
    throw new RuntimeError(
      'MAVEN_MISSING',
      `Maven is needed once to fetch Neo4j ${NEO4J_VERSION} from Maven Central into ${libDir}, and \`${mvn}\` ` +
        'could not be run. Install it (Debian: `apt-get install -y maven`), or point NEO4J_URI at an existing Neo4j.',
    );
  }
  const staging = `${libDir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  log(`resolving Neo4j ${NEO4J_VERSION} jars from Maven Central (once) …`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const maven = spawn(
      mvn,
      [
        '-B',
        '-q',
        '-f',
        path.join(TOOLS_DIR, 'pom.xml'),
        'dependency:copy-dependencies',
        `-Dneo4j.lib=${staging}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    maven.stdout.on('data', (d: Buffer) => (output += d.toString()));
    maven.stderr.on('data', (d: Buffer) => (output += d.toString()));
    maven.on('error', reject);
    maven.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new RuntimeError(
              'MAVEN_FAILED',
              `Maven could not resolve org.neo4j:neo4j:${NEO4J_VERSION} (exit ${code}). Check access to Maven ` +
                `Central. Last lines:\n${output.trim().split('\n').slice(-15).join('\n')}`,
            ),
          ),
    );
  });
  const jars = readdirSync(staging).filter((f) => f.endsWith('.jar')).length;
  writeFileSync(path.join(staging, MARKER), `${jars} jars\n`);
  if (jarsResolved(libDir)) {
    rmSync(staging, { recursive: true, force: true });
  } else {
    rmSync(libDir, { recursive: true, force: true });
    mkdirSync(path.dirname(libDir), { recursive: true });
    renameSync(staging, libDir);
  }
  log(`resolved ${jars} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libDir;
}
