import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { REPO_ROOT } from '../../src/config';
import { Database } from '../../src/db/database';
import { graphChecksum } from '../../testkit/checksum';
import { Problem } from '../../src/ingest/source';
import { validateDocument } from '../../src/ingest/validate';
import { testDatabase } from '../support/harness';

/**
 * Random mutations of the seed annotation through the validator: it must never throw, must locate every
 * problem it reports, and must never hand out a plan for a file with problems — so nothing invalid could
 * be written. A seeded generator makes every run the same cases (FUZZ_SEED, FUZZ_CASES to explore).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20250318);
const CASES = Number(process.env.FUZZ_CASES ?? 3_000);
const DOC_ID = 'trump-putin-call-energy-ceasefire';
const DIR = path.join(REPO_ROOT, 'corpus', DOC_ID);
const articleBytes = readFileSync(path.join(DIR, 'article.txt'));
const article = articleBytes.toString('utf8');
const original = readFileSync(path.join(DIR, 'graph.yaml'), 'utf8');

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const index = (random: Random, length: number) => Math.floor(random() * Math.max(1, length));

const CHARACTERS = [
  ':',
  '-',
  '"',
  "'",
  ' ',
  '\t',
  '#',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  'x',
  '7',
  '’',
  '\u0000',
  '\n',
];
const WRONG_VALUES = [
  '123',
  '-1',
  '1.5',
  'true',
  'null',
  '~',
  '[]',
  '{}',
  '[a, b]',
  '{a: 1}',
  '""',
  '2025-13-45',
  '- x',
  '&anchor x',
  '*alias',
  '!!binary aGk=',
  '"unterminated',
  'x'.repeat(300),
];

/** Each mutation takes the lines of the file and returns new ones; its name goes into the case label. */
const MUTATIONS: Record<string, (lines: string[], random: Random) => string[]> = {
  'delete a line': (lines, random) => lines.filter((_, i) => i !== index(random, lines.length)),
  'duplicate a line': (lines, random) => {
    const i = index(random, lines.length);
    return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)];
  },
  'swap two lines': (lines, random) => {
    const [i, j] = [index(random, lines.length), index(random, lines.length)];
    const out = [...lines];
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  },
  'change a character': (lines, random) => {
    const i = index(random, lines.length);
    const at = index(random, lines[i].length);
    const out = [...lines];
    out[i] = lines[i].slice(0, at) + pick(random, CHARACTERS) + lines[i].slice(at + 1);
    return out;
  },
  'change the indentation': (lines, random) => {
    const i = index(random, lines.length);
    const out = [...lines];
    out[i] =
      random() < 0.5
        ? `${' '.repeat(1 + index(random, 4))}${lines[i]}`
        : lines[i].replace(/^ {1,4}/, random() < 0.2 ? '\t' : '');
    return out;
  },
  truncate: (lines, random) => {
    const text = lines.join('\n');
    return text.slice(0, index(random, text.length)).split('\n');
  },
  'a value of the wrong type': (lines, random) => {
    const candidates = lines.map((l, i) => (/^\s*-?\s*[\w]+:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!candidates.length) return lines;
    const i = pick(random, candidates);
    const out = [...lines];
    out[i] = lines[i].replace(/^(\s*-?\s*[\w]+:\s*).*$/, `$1${pick(random, WRONG_VALUES)}`);
    return out;
  },
  'drop the quotes': (lines, random) => {
    const quoted = lines.map((l, i) => (l.includes('"') ? i : -1)).filter((i) => i >= 0);
    if (!quoted.length) return lines;
    const i = pick(random, quoted);
    const out = [...lines];
    out[i] = lines[i].replace(/"/g, '');
    return out;
  },
};

function mutate(random: Random): { label: string; annotation: string } {
  let lines = original.split('\n');
  const applied: string[] = [];
  for (let n = 1 + index(random, 3); n > 0; n--) {
    const name = pick(random, Object.keys(MUTATIONS));
    lines = MUTATIONS[name](lines, random);
    applied.push(name);
  }
  return { label: applied.join(' + '), annotation: lines.join('\n') };
}

/** What is wrong with a problem as reported, or undefined when it is well-formed. */
function malformed(p: Problem): string | undefined {
  if (p.file !== 'graph.yaml' && p.file !== 'article.txt') return `file ${JSON.stringify(p.file)}`;
  if (!Number.isInteger(p.line) || p.line < 1) return `line ${p.line}`;
  if (!Number.isInteger(p.column) || p.column < 1) return `column ${p.column}`;
  if (typeof p.field !== 'string') return `field ${JSON.stringify(p.field)}`;
  if (!/^[A-Z][A-Z0-9_]+$/.test(p.code)) return `code ${JSON.stringify(p.code)}`;
  if (!p.message) return 'no message';
  return undefined;
}

const invalid: { label: string; annotation: string; codes: string[] }[] = [];

describe(`the validator under ${CASES} random mutations of the seed annotation (seed ${SEED})`, () => {
  it('never throws, locates every problem, and gives no plan when there is any problem', () => {
    const random = prng(SEED);
    const failures: string[] = [];
    const started = performance.now();
    let valid = 0;
    for (let n = 0; n < CASES && failures.length < 10; n++) {
      const { label, annotation } = mutate(random);
      let result: ReturnType<typeof validateDocument>;
      try {
        result = validateDocument({
          folderId: DOC_ID,
          articleFile: 'article.txt',
          annotationFile: 'graph.yaml',
          article,
          articleBytes,
          annotation,
        });
      } catch (error) {
        failures.push(`case ${n} (${label}) threw ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      for (const p of result.problems) {
        const wrong = malformed(p);
        if (wrong) failures.push(`case ${n} (${label}): ${wrong} in ${JSON.stringify(p)}`);
      }
      if (result.problems.length > 0 && result.plan)
        failures.push(`case ${n} (${label}): a plan despite problems`);
      if (result.problems.length === 0 && !result.plan)
        failures.push(`case ${n} (${label}): neither problems nor plan`);
      if (result.problems.length)
        invalid.push({ label, annotation, codes: [...new Set(result.problems.map((p) => p.code))] });
      else valid++;
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `[fuzz] ${CASES} cases in ${seconds.toFixed(1)} s: ${invalid.length} invalid, ${valid} still valid ` +
        `(mutations that left the data valid, e.g. in a comment); codes seen: ${[...new Set(invalid.flatMap((c) => c.codes))].sort().join(' ')}\n`,
    );
    expect(failures).toEqual([]);
    // The mutations must mostly break the file, or the test would prove little.
    expect(invalid.length).toBeGreaterThan(CASES / 2);
  }, 600_000);
});

describe('cases the fuzz pass found', () => {
  const laughs = (depth: number) =>
    [
      'a: &a [x, x]',
      ...Array.from(
        { length: depth },
        (_, i) =>
          `l${i}: &l${i} [${Array(10)
            .fill(i ? `*l${i - 1}` : '*a')
            .join(', ')}]`,
      ),
    ].join('\n');
  it.each([
    ['an alias whose anchor is missing', `${original}\nextra: *nowhere\n`, /Unresolved alias/],
    ['aliases expanding a billion times ("billion laughs")', laughs(9), /resource exhaustion/],
  ])('%s: a YAML_SYNTAX problem, not an exception', (_case, annotation, message) => {
    const started = performance.now();
    const { problems, plan } = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article,
      annotation,
    });
    expect(plan).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'YAML_SYNTAX', message: expect.stringMatching(message) }),
    ]);
    expect(problems[0].line).toBeGreaterThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('invalid mutations through the CLI loader (loadDocuments) against the database', () => {
  let db: Database;
  let dir: string;
  beforeAll(() => {
    db = testDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-fuzz-'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses 20 of them, each naming its problems, and leaves the graph unchanged', async () => {
    // Twenty cases with different first problems, so the sample covers many kinds of error.
    const byCode = new Map<string, (typeof invalid)[number]>();
    for (const c of invalid) if (!byCode.has(c.codes.join())) byCode.set(c.codes.join(), c);
    const sample = [...byCode.values(), ...invalid].slice(0, 20);
    expect(sample).toHaveLength(20);
    const before = await graphChecksum(db);
    const folder = path.join(dir, DOC_ID);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'article.txt'), articleBytes);
    // validateAll prints each problem on stderr, as the CLI should; the test does not need to see them.
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const c of sample) {
        writeFileSync(path.join(folder, 'graph.yaml'), c.annotation);
        await expect(loadDocuments(db, [folder], () => {})).rejects.toThrow(/nothing was loaded/);
      }
    } finally {
      quiet.mockRestore();
    }
    expect(await graphChecksum(db)).toEqual(before);
  }, 120_000);
});
