import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
}

/**
 * Runs the CLI as users do. NEO4J_URI is cleared so that a `serve` that got past its config check would try
 * to start the local Neo4j and run for many seconds; the timeout below would then fail the test.
 */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const child = spawn('npx', ['tsx', 'src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEO4J_URI: '', LOAD_CORPUS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`\`stancegraph ${args.join(' ')}\` still running after 45 s; stderr:\n${stderr}`));
    }, 45_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('stancegraph CLI', () => {
  it('refuses PORT=abc with exit 2, naming PORT, before starting anything', async () => {
    const { code, stderr } = await cli(['serve'], { PORT: 'abc' });
    expect(stderr).toMatch(/PORT="abc" must be a port number/);
    expect(stderr).not.toMatch(/Neo4j|NEO4J_URI is unset/);
    expect(code).toBe(2);
  }, 60_000);

  it('refuses NEO4J_URI=http://nope with exit 2, naming NEO4J_URI', async () => {
    const { code, stderr } = await cli(['serve'], { NEO4J_URI: 'http://nope' });
    expect(stderr).toMatch(/NEO4J_URI="http:\/\/nope" must be a bolt:\/\/ or neo4j:\/\/ URI/);
    expect(code).toBe(2);
  }, 60_000);

  it('answers an unknown command with exit 2 and the usage', async () => {
    const { code, stderr } = await cli(['bogus'], {});
    expect(stderr).toMatch(/^usage: stancegraph <command>/m);
    expect(stderr).toMatch(/^ {2}serve /m);
    expect(code).toBe(2);
  }, 60_000);

  it('refuses to export into a folder that is not empty with exit 2, before starting Neo4j', async () => {
    const { code, stderr } = await cli(['export', 'corpus'], {});
    expect(stderr).toMatch(/^corpus: not empty .*--force/m);
    expect(stderr).not.toMatch(/NEO4J_URI is unset: starting/);
    expect(code).toBe(2);
  }, 60_000);

  it.each([
    [['serve', '--bogus'], /^serve: unknown option --bogus$/m],
    [['serve', 'corpus'], /^serve takes no arguments, got "corpus"$/m],
    [['emit-schema', '--out', 'x'], /^emit-schema: unknown option --out$/m],
    [['validate', '--strict', 'corpus'], /^validate: unknown option --strict$/m],
    [['export'], /^export takes one folder, got 0$/m],
    [['export', '--forced', 'backup'], /^export: unknown option --forced$/m],
  ])(
    'refuses `%s` (an argument the command does not take) with exit 2 and the usage',
    async (args, said) => {
      const { code, stderr } = await cli(args, {});
      expect(stderr).toMatch(said);
      expect(stderr).toMatch(/^usage: stancegraph <command>/m);
      // Nothing ran: no document validated, no schema written, no local Neo4j started (a serve that got that
      // far would also outlast cli()'s timeout).
      expect(stderr).not.toMatch(/NEO4J_URI is unset: starting|document\(s\) valid|^wrote /m);
      expect(code).toBe(2);
    },
    60_000,
  );

  it('still takes document paths after --, for folders whose names start with a dash', async () => {
    const { code, stderr } = await cli(['validate', '--', 'corpus'], {});
    expect(stderr).toMatch(/^1 document\(s\) valid: /m);
    expect(code).toBe(0);
  }, 60_000);

  describe('draft', () => {
    // A short article written by the stancegraph team for this test.
    const ARTICLE =
      'Northland President Ada Vale rejected the border fee plan on Monday.\n' +
      'The Harbour Council supported the border fee plan.\n';

    it('writes article.txt verbatim and a graph.yaml that validate accepts, linked against the corpus files', async () => {
      const { mkdtempSync, writeFileSync, readFileSync, copyFileSync } = await import('node:fs');
      const os = await import('node:os');
      const corpus = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-draft-cli-'));
      copyFileSync(path.join(REPO_ROOT, 'corpus/entities.yaml'), path.join(corpus, 'entities.yaml'));
      const article = path.join(corpus, 'incoming.txt');
      writeFileSync(article, ARTICLE);
      const run = await cli(
        ['draft', article, '--date', '2026-03-02', '--id', 'vale-fee-plan', '--nlp', 'compromise'],
        {
          CORPUS_DIR: corpus,
          NEO4J_DATA_DIR: path.join(corpus, 'no-neo4j'),
        },
      );
      expect(run.stderr).toMatch(/wrote .*vale-fee-plan\/graph.yaml: \d+ entities, \d+ claims/);
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(corpus, 'vale-fee-plan/article.txt'), 'utf8')).toBe(ARTICLE);
      const check = await cli(['validate', path.join(corpus, 'vale-fee-plan')], {});
      expect(check.stderr).toMatch(/1 document\(s\) valid: vale-fee-plan/);
      expect(check.code).toBe(0);
      // A second draft into the same folder is refused without --force, and leaves the first as it was.
      const before = readFileSync(path.join(corpus, 'vale-fee-plan/graph.yaml'), 'utf8');
      const again = await cli(
        ['draft', article, '--date', '2026-03-02', '--id', 'vale-fee-plan', '--nlp', 'compromise'],
        {
          CORPUS_DIR: corpus,
          NEO4J_DATA_DIR: path.join(corpus, 'no-neo4j'),
        },
      );
      expect(again.stderr).toMatch(/graph.yaml exists; pass --force/);
      expect(again.code).not.toBe(0);
      expect(readFileSync(path.join(corpus, 'vale-fee-plan/graph.yaml'), 'utf8')).toBe(before);
    }, 120_000);

    it('refuses a date that is not a date, and a value-less option, before drafting', async () => {
      const bad = await cli(
        [
          'draft',
          'corpus/trump-putin-call-energy-ceasefire/article.txt',
          '--date',
          '2025-02-30',
          '--nlp',
          'compromise',
        ],
        {},
      );
      expect(bad.stderr).toMatch(/--date must be a date YYYY-MM-DD/);
      expect(bad.code).not.toBe(0);
      const missing = await cli(
        ['draft', 'corpus/trump-putin-call-energy-ceasefire/article.txt', '--date'],
        {},
      );
      expect(missing.stderr).toMatch(/--date needs a value/);
      expect(missing.code).toBe(2);
    }, 120_000);
  });
});
