import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RuntimeError } from './runtime-error';

const run = promisify(execFile);

export const NEO4J_VERSION = '5.26.30';
export const MIN_JAVA = 17;
const TOOLS_ROOT = path.resolve(__dirname, '../../tools');

/** A JVM program the project runs from Maven Central jars: its Maven project in tools/<dir>, resolved once. */
export interface MavenTool {
  /** For messages: "Neo4j 5.26.30". */
  name: string;
  /** What Maven fetches, for messages. */
  coordinates: string;
  /** What the local program is, for messages: "the local Neo4j". */
  runs: string;
  /** How to do without it, for messages: "point NEO4J_URI at an existing Neo4j". */
  alternative: string;
  /** The folder of its pom.xml; lib/ beside it receives the jars. */
  toolsDir: string;
  /** The pom property that names the output folder (so that Maven fills a staging folder). */
  libProperty: string;
  /** Maven goals, in order. */
  goals: string[];
  /** Written last by a finished resolution: its presence means every jar is there and no network is needed. */
  marker(): string;
}

export const NEO4J_TOOL: MavenTool = {
  name: `Neo4j ${NEO4J_VERSION}`,
  coordinates: `org.neo4j:neo4j:${NEO4J_VERSION}`,
  runs: 'the local Neo4j',
  alternative: 'point NEO4J_URI at an existing Neo4j',
  toolsDir: path.join(TOOLS_ROOT, 'neo4j'),
  libProperty: 'neo4j.lib',
  goals: ['dependency:copy-dependencies'],
  marker: () => `.resolved-${NEO4J_VERSION}`,
};

export const TOOLS_DIR = NEO4J_TOOL.toolsDir;
export const LIB_DIR = path.join(TOOLS_DIR, 'lib');

/** A marker that changes with the named files too: a lib/ resolved from an older pom.xml is resolved again. */
export function markerOf(version: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return `.resolved-${version}-${hash.digest('hex').slice(0, 12)}`;
}

/** Parses the major version from `java -version` output ("17.0.15", "1.8.0_392", "21"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export async function checkJava(javaBin = javaExecutable(), tool: MavenTool = NEO4J_TOOL): Promise<number> {
  let out: string;
  try {
    const { stderr, stdout } = await run(javaBin, ['-version']);
    out = `${stderr}${stdout}`;
  } catch {
    throw new RuntimeError(
      'JAVA_MISSING',
      `Java ${MIN_JAVA}+ is needed to run ${tool.runs}, and \`${javaBin}\` could not be run. ` +
        'Install it (Debian: `apt-get install -y openjdk-17-jre-headless`), set JAVA_HOME, ' +
        `or ${tool.alternative}.`,
    );
  }
  const major = parseJavaMajor(out);
  if (major === undefined || major < MIN_JAVA) {
    throw new RuntimeError(
      'JAVA_TOO_OLD',
      `Java ${MIN_JAVA}+ is needed to run ${tool.name}; \`${javaBin} -version\` says ` +
        `${out.split('\n')[0].trim() || 'nothing'}. Install Java 17 (Debian: \`apt-get install -y openjdk-17-jre-headless\`) ` +
        `and set JAVA_HOME, or ${tool.alternative}.`,
    );
  }
  return major;
}

export function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

export function jarsResolved(libDir = LIB_DIR, tool: MavenTool = NEO4J_TOOL): boolean {
  return existsSync(path.join(libDir, tool.marker()));
}

export interface ResolveOptions {
  libDir?: string;
  mvn?: string;
}

/**
 * Resolves a tool's jars from Maven Central into its lib/, once. Resolution goes to a private folder that is
 * renamed into place, so two processes resolving at once never see half a lib/.
 */
export async function resolveTool(
  tool: MavenTool,
  log: (line: string) => void = () => {},
  { libDir = path.join(tool.toolsDir, 'lib'), mvn = 'mvn' }: ResolveOptions = {},
): Promise<string> {
  if (jarsResolved(libDir, tool)) return libDir;
  try {
    await run(mvn, ['-v']);
  } catch {
    throw new RuntimeError(
      'MAVEN_MISSING',
      `Maven is needed once to fetch ${tool.name} from Maven Central into ${libDir}, and \`${mvn}\` ` +
        `could not be run. Install it (Debian: \`apt-get install -y maven\`), or ${tool.alternative}.`,
    );
  }
  const staging = `${libDir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  log(`resolving ${tool.name} jars from Maven Central (once) …`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const maven = spawn(
      mvn,
      [
        '-B',
        '-q',
        '-f',
        path.join(tool.toolsDir, 'pom.xml'),
        ...tool.goals,
        `-D${tool.libProperty}=${staging}`,
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
              `Maven could not resolve ${tool.coordinates} (exit ${code}). Check access to Maven ` +
                `Central. Last lines:\n${output.trim().split('\n').slice(-15).join('\n')}`,
            ),
          ),
    );
  });
  const jars = readdirSync(staging).filter((f) => f.endsWith('.jar')).length;
  writeFileSync(path.join(staging, tool.marker()), `${jars} jars\n`);
  if (jarsResolved(libDir, tool)) {
    rmSync(staging, { recursive: true, force: true });
  } else {
    rmSync(libDir, { recursive: true, force: true });
    mkdirSync(path.dirname(libDir), { recursive: true });
    renameSync(staging, libDir);
  }
  log(`resolved ${jars} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libDir;
}

/** The Neo4j jars in tools/neo4j/lib. */
export function resolveJars(
  log: (line: string) => void = () => {},
  options: ResolveOptions = {},
): Promise<string> {
  return resolveTool(NEO4J_TOOL, log, { libDir: LIB_DIR, ...options });
}
