import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { readHarnessState } from '../support/harness';
import { TestService, startTestService } from '../support/service';

/**
 * The analyst notebook (examples/analyst.ipynb), executed headless against the service on the seed graph and
 * the harness's Neo4j. The checks read what its cells printed and displayed, not only that they ran.
 */

const EXECUTED = path.join(REPO_ROOT, 'test-artifacts', 'analyst.executed.ipynb');

interface Run {
  code: number | null;
  output: string;
  ms: number;
}

function bash(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const started = Date.now();
  const child = spawn('bash', args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`\`bash ${args.join(' ')}\` still running after ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

/** nbformat writes multi-line strings as lists of lines. */
type MultilineString = string | string[];
const joined = (text: MultilineString | undefined) => (Array.isArray(text) ? text.join('') : (text ?? ''));

interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  text?: MultilineString;
  data?: Record<string, MultilineString>;
  ename?: string;
  evalue?: string;
}

interface Cell {
  id: string;
  cell_type: 'code' | 'markdown' | 'raw';
  outputs?: Output[];
}

let svc: TestService;
let run: Run;
let cells: Cell[];

function outputsOf(id: string): Output[] {
  const cell = cells.find((c) => c.id === id);
  if (!cell) throw new Error(`the executed notebook has no cell "${id}"`);
  return cell.outputs ?? [];
}

/** Everything a cell printed or displayed as text. */
function textOf(id: string): string {
  return outputsOf(id)
    .map((o) => (o.output_type === 'stream' ? joined(o.text) : joined(o.data?.['text/plain'])))
    .join('\n');
}

beforeAll(async () => {
  const setup = await bash(['tools/notebook.sh', 'setup'], process.env, 580_000);
  if (setup.code !== 0)
    throw new Error(`tools/notebook.sh setup failed (exit ${setup.code}):\n${setup.output}`);
}, 600_000);

beforeAll(async () => {
  svc = await startTestService();
  const { uri, password } = readHarnessState();
  rmSync(EXECUTED, { force: true });
  run = await bash(
    ['tools/notebook.sh', 'run', path.relative(REPO_ROOT, EXECUTED)],
    {
      ...process.env,
      STANCEGRAPH_URL: `${svc.url}/graphql`,
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
      NEO4J_DATABASE: process.env.NEO4J_DATABASE ?? 'neo4j',
    },
    280_000,
  );
  if (existsSync(EXECUTED)) cells = (JSON.parse(readFileSync(EXECUTED, 'utf8')) as { cells: Cell[] }).cells;
}, 300_000);

afterAll(async () => svc?.close());

describe('the analyst notebook', () => {
  it('runs to the end with no error output in any cell', () => {
    expect(cells).toBeDefined();
    const errors = cells.flatMap((c) =>
      (c.outputs ?? [])
        .filter((o) => o.output_type === 'error')
        .map((o) => `${c.id}: ${o.ename}: ${o.evalue}`),
    );
    expect(errors).toEqual([]);
    // The runner's own report (exit code and what it printed) when it failed otherwise, e.g. a timeout.
    expect(`exit ${run.code}\n${run.output}`).toMatch(/^exit 0\n/);
    expect(cells.filter((c) => c.cell_type === 'code').every((c) => (c.outputs ?? []).length > 0)).toBe(true);
  });

  it('lists the supporters of the limited ceasefire, Zelensky as CONDITIONAL, with their quotes', () => {
    const table = textOf('supporters');
    expect(table).toContain('Olaf Scholz');
    expect(table).toContain(
      'German Chancellor Olaf Scholz has expressed support for the limited ceasefire plan',
    );
    const zelensky = table.split('\n').filter((line) => line.includes('Volodymyr Zelensky'));
    expect(zelensky.length).toBeGreaterThan(0);
    for (const row of zelensky) expect(row).toMatch(/\bOPEN_TO\s+CONDITIONAL\b/);
  });

  it('names the drone attacks cited as objections', () => {
    const table = textOf('objections');
    expect(table).toContain('Russian drone attacks on civilian infrastructure');
    expect(table).toContain('Volodymyr Zelensky');
    expect(table).toContain('Hospitals in Sumy');
  });

  it('shows the condition Russia set for a full ceasefire and who rejected it', () => {
    expect(textOf('conditions')).toMatch(
      /End of foreign military aid and intelligence sharing with Ukraine: set by .*Vladimir Putin.*; rejected by Ukraine’s European allies/,
    );
  });

  it('checks every evidence row against the document text', () => {
    expect(textOf('verify')).toMatch(/^all \d+ evidence quotes match text\[start:end\] of their documents/m);
  });

  it('draws the neighbourhood of Putin as a PNG', () => {
    const images = outputsOf('neighborhood').filter((o) => o.data?.['image/png']);
    expect(images).toHaveLength(1);
    const png = Buffer.from(joined(images[0].data!['image/png']), 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('pivots the stance matrix into actors × targets', () => {
    const table = textOf('matrix');
    expect(table).toMatch(/^target\s+30-day ceasefire proposal/m);
    // Zelensky: open to the energy ceasefire, for a full one, critical of Putin (columns in name order).
    expect(table).toMatch(/^Volodymyr Zelensky\s+CONDITIONAL\s+SUPPORT\s+OPPOSE\s*$/m);
  });

  it('gets the same supporters from stances.cypher straight to Neo4j as from GraphQL', () => {
    expect(textOf('cypher')).toMatch(/^energy-ceasefire: 4 supporting stances from Neo4j/m);
    expect(textOf('agree')).toContain(
      'GraphQL and Cypher agree: 4 supporters (Donald Trump, Olaf Scholz, Vladimir Putin, Volodymyr Zelensky)',
    );
  });
});
