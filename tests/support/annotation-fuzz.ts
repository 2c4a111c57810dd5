import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { validateDocument } from '../../src/ingest/validate';

/**
 * Random mutations of the seed annotation, for the validator's fuzz test (tests/unit/fuzz.test.ts) and the
 * loader's (tests/integration/fuzz-loader.test.ts). A seeded generator makes every run the same cases
 * (FUZZ_SEED, FUZZ_CASES to explore).
 */
export const SEED = Number(process.env.FUZZ_SEED ?? 20250318);
export const CASES = Number(process.env.FUZZ_CASES ?? 3_000);
export const DOC_ID = 'trump-putin-call-energy-ceasefire';
const DIR = path.join(REPO_ROOT, 'corpus', DOC_ID);
export const articleBytes = readFileSync(path.join(DIR, 'article.txt'));
export const article = articleBytes.toString('utf8');
export const original = readFileSync(path.join(DIR, 'graph.yaml'), 'utf8');

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
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

export function mutate(random: Random): { label: string; annotation: string } {
  let lines = original.split('\n');
  const applied: string[] = [];
  for (let n = 1 + index(random, 3); n > 0; n--) {
    const name = pick(random, Object.keys(MUTATIONS));
    lines = MUTATIONS[name](lines, random);
    applied.push(name);
  }
  return { label: applied.join(' + '), annotation: lines.join('\n') };
}

/** The validator's verdict on a mutated annotation of the seed document. */
export function validateMutation(annotation: string): ReturnType<typeof validateDocument> {
  return validateDocument({
    folderId: DOC_ID,
    articleFile: 'article.txt',
    annotationFile: 'graph.yaml',
    article,
    articleBytes,
    annotation,
  });
}
