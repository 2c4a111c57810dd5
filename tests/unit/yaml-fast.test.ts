/**
 * The fast YAML reader (src/ingest/yaml-fast.ts) against the full parser: wherever the fast reader gives a
 * value, the full parser must give the very same value with no error and no warning; and YamlSource must
 * say the same (syntax problems, value or problem, positions) with the fast reader on or off. Checked on
 * synthetic corpora, every YAML file of the repository (the seed, fixtures, drafted files), hand-written
 * edge cases and thousands of mutated documents.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { YamlSource, yamlReading } from '../../src/ingest/source';
import { readPlainYaml } from '../../src/ingest/yaml-fast';
import { validateDocument } from '../../src/ingest/validate';
import { DEFAULT_SHAPE, generateDocument } from '../../testkit/synthetic/document';
import { EntityPools } from '../../testkit/synthetic/entities';
import { Random } from '../../testkit/synthetic/random';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** What the full parser makes of a text, as YamlSource reads it. */
function full(text: string): { problems: string[]; value?: unknown; error?: string } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${e.code} ${e.pos[0]} ${e.message}`);
  try {
    return { problems, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { problems, error: (error as Error).message };
  }
}

/** Every path to a value of a plain-data tree, and a path under each that does not exist. */
function paths(value: unknown, base: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [base, [...base, 'absent']];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...base, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...base, k]));
  return out;
}

/**
 * Asserts that the fast reader, when it answers, agrees with the full parser, and that YamlSource answers
 * alike with it on and off. Returns whether the fast reader answered.
 */
function agree(text: string, label: string, positions = 400): boolean {
  const fast = readPlainYaml(text);
  if (fast !== undefined) {
    const reference = full(text);
    if (
      reference.problems.length ||
      reference.error !== undefined ||
      !isDeepStrictEqual(fast, reference.value)
    ) {
      throw new Error(
        `${label}: the fast reader read ${JSON.stringify(fast)}, the parser ${JSON.stringify(reference)}\n${text}`,
      );
    }
  }
  const on = new YamlSource('f.yaml', text, { fast: true });
  const off = new YamlSource('f.yaml', text, { fast: false });
  expect(on.readFast).toBe(fast !== undefined);
  expect(off.readFast).toBe(false);
  expect(on.syntaxProblems).toEqual(off.syntaxProblems);
  if (!off.syntaxProblems.length) {
    const a = on.toJSOrProblem();
    const b = off.toJSOrProblem();
    expect(isDeepStrictEqual(a, b)).toBe(true);
    // A second call gives an equal value of its own.
    if ('value' in a && a.value && typeof a.value === 'object') {
      const again = on.toJSOrProblem();
      expect(isDeepStrictEqual(again, a)).toBe(true);
      expect((again as { value: unknown }).value).not.toBe(a.value);
    }
    if ('value' in b) {
      const all = paths(b.value);
      const step = Math.max(1, Math.floor(all.length / positions));
      for (let i = 0; i < all.length; i += step) expect(on.locate(all[i])).toEqual(off.locate(all[i]));
    }
  }
  return fast !== undefined;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (['node_modules', '.git', 'dist', 'tools'].includes(entry)) continue;
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry)) out.push(p);
  }
  return out;
}

function syntheticAnnotations(documents: number, seed: number, shape = DEFAULT_SHAPE): string[] {
  const random = new Random(seed);
  const pools = new EntityPools(documents);
  return Array.from({ length: documents }, (_, i) => generateDocument(i, random, pools, shape).annotation);
}

describe('the fast YAML reader', () => {
  it('reads every synthetic document, to the value the full parser gives', () => {
    const texts = [
      ...syntheticAnnotations(100, 1),
      ...syntheticAnnotations(30, 7, { sentences: 80, claims: 30, facts: 20 }),
    ];
    for (const [i, text] of texts.entries()) expect(agree(text, `synthetic ${i}`)).toBe(true);
  });

  it('reads the seed, its registry and the drafted fixtures fast, and agrees on every YAML file here', () => {
    const files = yamlFiles(REPO_ROOT).filter((f) => !f.includes(`${path.sep}.`));
    expect(files.length).toBeGreaterThan(30);
    const fast = new Set<string>();
    for (const file of files) {
      const rel = path.relative(REPO_ROOT, file);
      if (agree(readFileSync(file, 'utf8'), rel)) fast.add(rel);
    }
    for (const rel of [
      'corpus/entities.yaml',
      'corpus/trump-putin-call-energy-ceasefire/graph.yaml',
      'tests/fixtures/drafted-harbour-levy/graph.yaml',
      'tests/unit/fixtures/valid/graph.yaml',
    ])
      expect(fast).toContain(rel);
    // The fixture with a syntax error goes to the full parser, which reports it.
    expect(fast).not.toContain('tests/unit/fixtures/yaml-syntax/graph.yaml');
  });

  it('reads what `yaml` writes of awkward strings, numbers and lists', () => {
    const values = [
      'no',
      'yes',
      'on',
      'off',
      'y',
      'n',
      '1e3',
      '0x10',
      '0o17',
      '017',
      '-1',
      '+1',
      '.5',
      '1.',
      '.inf',
      '-.Inf',
      '.nan',
      'NaN',
      'null',
      'Null',
      '~',
      '',
      ' ',
      'true',
      'False',
      '2025-03-18',
      '2025-03-18T10:00:00Z',
      '12:30',
      '1_000',
      '123456789012345678901234567890',
      'a: b',
      'a:b',
      'a #b',
      'a#b',
      '#a',
      '- a',
      '-a',
      '? a',
      '[a]',
      '{a: b}',
      '&a',
      '*a',
      '!tag',
      '|',
      '>',
      '%x',
      '@x',
      '`x',
      "it's",
      '"quoted"',
      "'single'",
      'back\\slash',
      'tab\there',
      'new\nline',
      'two\n\nlines',
      'trailing ',
      ' leading',
      'nbsp\u00a0',
      '\u00a0nbsp',
      'Ukraine’s “allies”',
      'emoji 🚀 and 中文',
      '\u2028',
      '\u0085',
      '\ufeffbom',
      '\u0000nul',
      '\ud800',
      'x'.repeat(2000),
    ];
    const numbers = [0, -0, 1, -1, 0.5, 1e21, 1e-7, 123456789012345680000, Number.MAX_SAFE_INTEGER, 0.1];
    const docs: unknown[] = [
      { document: { title: values[0] }, list: values, numbers, bools: [true, false, null] },
      ...values.map((v) => ({ key: v, list: [v, v], nested: { deeper: [{ quote: v, occurrence: 2 }] } })),
      { empty: [], emptyMap: {}, nothing: null, nested: [[1, 2], ['a']], map: { a: { b: { c: 'd' } } } },
    ];
    let fastCount = 0;
    for (const [i, doc] of docs.entries()) {
      for (const options of [{}, { lineWidth: 0 }, { flowCollectionPadding: false }, { indentSeq: false }]) {
        const text = stringify(doc, options);
        if (agree(text, `stringify ${i} ${JSON.stringify(options)}`)) fastCount++;
        const flow = stringify(doc, { ...options, collectionStyle: 'flow' });
        agree(flow, `stringify flow ${i}`);
      }
    }
    expect(fastCount).toBeGreaterThan(docs.length);
  });

  const HOSTILE: [string, string][] = [
    ['anchor and alias', 'a: &x 1\nb: *x\n'],
    ['alias to a mapping', 'a: &x {b: 1}\nc: *x\n'],
    [
      'alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n' +
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
    ],
    ['missing anchor', 'a: *nothing\n'],
    ['merge key', 'base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n'],
    ['js tag', 'a: !!js/function "function () { return 1 }"\n'],
    ['unknown tag', 'a: !evil 1\n'],
    ['str tag', 'a: !!str 1\n'],
    ['binary tag', 'a: !!binary aGVsbG8=\n'],
    ['set tag', 'a: !!set {x, y}\n'],
    ['literal block', 'a: |\n  line one\n  line two\nb: 1\n'],
    ['folded block', 'a: >-\n  line one\n  line two\n'],
    ['block keep', 'a: |+\n  x\n\nb: 1\n'],
    ['multi-line plain', 'a: one\n  two\n  three\nb: 1\n'],
    ['multi-line plain in list', 'a:\n  - one\n    two\n'],
    ['multi-line double quoted', 'a: "one\n  two"\n'],
    ['multi-line single quoted', "a: 'one\n\n  two'\n"],
    ['multi-line flow', 'a: [x,\n  y]\n'],
    ['flow mapping', 'a: {x: 1, y: [2]}\n'],
    ['flow pair in sequence', 'a: [x: 1]\n'],
    ['nested flow', 'a: [[1, 2], [3]]\n'],
    ['empty flow item', 'a: [x, , y]\n'],
    ['trailing comma', 'a: [x, y,]\n'],
    ['duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['duplicate nested key', 'a:\n  x: 1\n  x: 2\n'],
    ['tabs for indent', 'a:\n\tb: 1\n'],
    ['tab in value', 'a: x\ty\n'],
    ['tab after colon', 'a:\tx\n'],
    ['CRLF', 'a: 1\r\nb: two\r\n'],
    ['lone CR', 'a: 1\rb: 2\n'],
    ['BOM', '\ufeffa: 1\n'],
    ['NEL', 'a: x\u0085y\n'],
    ['line separator', 'a: x\u2028y\n'],
    ['NUL', 'a: x\u0000y\n'],
    ['document marker', '---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['document end', 'a: 1\n...\n'],
    ['directive', '%YAML 1.1\n---\na: 1\n'],
    ['yaml 1.1 booleans', '%YAML 1.1\n---\na: yes\nb: no\nc: on\n'],
    ['quoted key', '"a": 1\n\'b\': 2\n'],
    ['numeric key', '1: one\n2: two\n'],
    ['null key', 'null: x\n~: y\n'],
    ['bool key', 'true: x\nFalse: y\n'],
    ['proto key', '__proto__: {polluted: true}\n'],
    ['proto key plain', '__proto__:\n  polluted: true\n'],
    ['constructor key', 'constructor: x\nprototype: y\n'],
    ['explicit key', '? a\n: 1\n'],
    ['complex key', '? [a, b]\n: 1\n'],
    ['long key', `${'k'.repeat(1100)}: 1\n`],
    ['key with space', 'a b: 1\n'],
    ['key with dot', 'a.b: 1\n'],
    ['space before colon', 'a : 1\n'],
    ['no space after colon', 'a:1\nb: 2\n'],
    ['nested mapping on one line', 'a: b: c\n'],
    ['colon at end', 'a: b:\n'],
    ['compact nested sequence', 'a:\n  - - x\n    - y\n'],
    ['empty item', 'a:\n  -\n  - x\n'],
    ['empty item with comment', 'a:\n  - # nothing\n  - x\n'],
    ['item then mapping', 'a:\n  - x\n  b: 1\n'],
    ['misaligned key', 'a:\n  - id: x\n     kind: y\n'],
    ['less indented key', 'a:\n    b: 1\n  c: 2\n'],
    ['sequence at top', '- a\n- b\n'],
    ['scalar at top', 'just text\n'],
    ['indented top', '  a: 1\n  b: 2\n'],
    ['empty', ''],
    ['only comments', '# a\n# b\n'],
    ['only a null', '~\n'],
    ['comment without space', 'a: x#y\nb: "x"#y\n'],
    ['comment after quoted', 'a: "x" # y\nb: \'z\' # w\n'],
    ['text after quoted', 'a: "x" y\n'],
    ['unterminated quote', 'a: "x\n'],
    ['bad escape', 'a: "\\q"\n'],
    [
      'escapes',
      'a: "\\\\ \\" \\/ \\n \\t \\r \\0 \\a \\b \\e \\f \\v \\N \\_ \\L \\P \\  \\x41 \\u00e9 \\U0001F680"\n',
    ],
    ['bad unicode escape', 'a: "\\u12"\nb: "\\UFFFFFFFF"\n'],
    ['surrogate escape', 'a: "\\ud800"\n'],
    ['single quote escape', "a: 'it''s'\nb: ''\nc: ''''\n"],
    ['numbers', 'a: 1e3\nb: 0x10\nc: 0o17\nd: -1\ne: +1\nf: .5\ng: 1.\nh: 1_000\ni: 017\nj: 08\n'],
    ['infinities', 'a: .inf\nb: -.inf\nc: .NaN\nd: +.INF\n'],
    ['booleans and nulls', 'a: no\nb: yes\nc: on\nd: True\ne: FALSE\nf: Null\ng: ~\nh:\ni: NULL\n'],
    ['dates', 'a: 2025-03-18\nb: 2025-03-18T10:00:00Z\nc: 2025-3-18\nd: 12:30:00\n'],
    ['digests and digit words', 'a: 35bd17a8\nb: 1e3x\nc: 0x1G\nd: 12ab\ne: 1E5\nf: 1e\ng: 0b101\nh: 9a9\n'],
    ['big numbers', 'a: 123456789012345678901234567890\nb: 0.1000000000000000055511151231257827\n'],
    ['unicode', 'name: Ukraine’s “allies” — 中文 🚀\nalias: [Zürich, "Ω", \'ß\']\n'],
    ['nbsp at end', 'a: x\u00a0\nb: [y\u00a0, z]\n'],
    ['ideographic space', 'a: x\u3000\n'],
    ['nbsp at start', 'a: \u00a0x\nb: [\u00a0y]\n'],
    ['lone surrogate', 'a: x\ud800y\nb: [\udc00]\n'],
    ['trailing spaces', 'a: x   \nb:    \nc: [x ,  y  ]   \n'],
    ['comments between', 'a:\n# c\n  - x\n      # deep comment\n  - y\n# end\nb: 1\n'],
    ['deep comment after scalar', 'a: x\n      # comment\nb: y\n'],
    ['compact sequence', 'a:\n- x\n- y\nb:\n- id: 1\n  k: v\n'],
    ['sequence of mappings, wide dash', 'a:\n  -   id: x\n      kind: y\n  - id: z\n'],
    ['empty values', 'a:\nb:\n  c:\n  d: []\n'],
    ['flow with quotes and spaces', 'a: [ "x, y" , \'z]\' ,w ]\n'],
    ['flow with colon', 'a: [http://x.y]\n'],
    ['flow with hash', 'a: [C#, x]\n'],
    ['flow comment', 'a: [x] # c\nb: [y]# c\n'],
    ['plain with indicators inside', 'a: x [y] {z} , w\nb: say "hi"\nc: 50% off\n'],
    ['value starting with indicator', 'a: ,x\nb: ]x\nc: }x\nd: %x\ne: @x\nf: `x\n'],
    ['url', 'url: https://example.com/a?b=c#frag\n'],
    ['deep nesting', `${Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} x\n`],
    ['very deep nesting', `${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`],
  ];

  it.each(HOSTILE)('agrees with the full parser on %s', (_label, text) => {
    agree(text, _label);
  });

  it('leaves to the full parser what it must not read itself', () => {
    const mustRefuse = [
      'anchor and alias',
      'alias bomb',
      'missing anchor',
      'merge key',
      'js tag',
      'unknown tag',
      'literal block',
      'folded block',
      'multi-line plain',
      'multi-line double quoted',
      'duplicate key',
      'duplicate nested key',
      'tabs for indent',
      'CRLF',
      'BOM',
      'document marker',
      'directive',
      'yaml 1.1 booleans',
      'quoted key',
      'null key',
      'bool key',
      'proto key',
      'long key',
      'nested mapping on one line',
      'unterminated quote',
      'bad escape',
      'numbers',
      'infinities',
      'misaligned key',
      'less indented key',
      'item then mapping',
    ];
    const byLabel = new Map(HOSTILE);
    for (const label of mustRefuse)
      expect([label, readPlainYaml(byLabel.get(label)!)]).toEqual([label, undefined]);
  });

  it('reads the plain cases itself', () => {
    const byLabel = new Map(HOSTILE);
    for (const label of [
      'booleans and nulls',
      'unicode',
      'escapes',
      'single quote escape',
      'comments between',
      'compact sequence',
      'sequence of mappings, wide dash',
      'empty values',
      'trailing spaces',
      'nbsp at end',
      'plain with indicators inside',
      'flow with quotes and spaces',
    ])
      expect([label, readPlainYaml(byLabel.get(label)!) !== undefined]).toEqual([label, true]);
  });

  it('keeps the alias-bomb limit and the syntax errors with their lines', () => {
    const bomb = new YamlSource('bomb.yaml', new Map(HOSTILE).get('alias bomb')!);
    const read = bomb.toJSOrProblem();
    expect('problem' in read && read.problem.code).toBe('YAML_SYNTAX');
    const broken = new YamlSource('broken.yaml', 'document:\n  id: x\n  title: "open\nentities: []\n');
    expect(broken.syntaxProblems.length).toBeGreaterThan(0);
    expect(broken.syntaxProblems[0]).toMatchObject({ file: 'broken.yaml', code: 'YAML_SYNTAX' });
    expect(broken.syntaxProblems[0].line).toBeGreaterThan(1);
  });

  it('gives validateDocument the same problems and plan with the fast reader on and off', () => {
    const random = new Random(3);
    const pools = new EntityPools(20);
    for (let i = 0; i < 20; i++) {
      const doc = generateDocument(i, random, pools);
      const variants = [
        doc.annotation,
        // Invalid in the schema: a field of the wrong type, an unknown field, a missing one.
        doc.annotation.replace('language: en', 'language: 12'),
        doc.annotation.replace('    kind: ', '    colour: blue\n    kind: '),
        doc.annotation.replace(/\n {2}title: [^\n]*/, ''),
        // A syntax error.
        doc.annotation.replace('language: en', 'language: "en'),
      ];
      for (const annotation of variants) {
        const input = {
          folderId: doc.id,
          articleFile: 'article.txt',
          annotationFile: 'graph.yaml',
          article: doc.article,
          annotation,
        };
        const before = yamlReading.fast;
        const results = [true, false].map((fast) => {
          yamlReading.fast = fast;
          try {
            return validateDocument(input);
          } finally {
            yamlReading.fast = before;
          }
        });
        expect(isDeepStrictEqual(results[0], results[1])).toBe(true);
      }
    }
  });

  it('agrees on thousands of mutated documents', () => {
    const random = new Random(11);
    const texts = syntheticAnnotations(40, 5);
    texts.push(
      readFileSync(path.join(REPO_ROOT, 'corpus/trump-putin-call-energy-ceasefire/graph.yaml'), 'utf8'),
    );
    const pieces = [
      ' ',
      '  ',
      '\n',
      '\t',
      '\r',
      ':',
      ': ',
      '-',
      '- ',
      '#',
      ' #',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!',
      '|',
      '>',
      '?',
      '%',
      '@',
      '`',
      '\\',
      '~',
      '0',
      '1e3',
      '0x1',
      '.5',
      'null',
      'true',
      'no',
      '’',
      '\u00a0',
      '\ufeff',
      '\u2028',
      '🚀',
      'x',
    ];
    let fast = 0;
    let total = 0;
    for (let round = 0; round < 400; round++) {
      const text = random.pick(texts);
      const lines = text.split('\n');
      const edits = random.int(1, 3);
      for (let e = 0; e < edits; e++) {
        const at = random.int(0, lines.length - 1);
        const line = lines[at];
        switch (random.int(0, 4)) {
          case 0: {
            const col = random.int(0, line.length);
            lines[at] = line.slice(0, col) + random.pick(pieces) + line.slice(col);
            break;
          }
          case 1: {
            const col = random.int(0, Math.max(0, line.length - 1));
            lines[at] = line.slice(0, col) + line.slice(col + random.int(1, 3));
            break;
          }
          case 2:
            lines.splice(at, 0, line);
            break;
          case 3:
            lines[at] = ' '.repeat(random.int(0, 6)) + line.trimStart();
            break;
          default:
            lines.splice(at, 1);
        }
      }
      total++;
      if (agree(lines.join('\n'), `mutant ${round}`, 12)) fast++;
    }
    // Most mutants stay in the subset (the reader is useful) and many leave it (the refusals are tested).
    expect(fast).toBeGreaterThan(total * 0.2);
    expect(fast).toBeLessThan(total);
  });
});
