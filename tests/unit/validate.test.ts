import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateFolder } from '../../src/ingest/corpus';
import { formatProblem } from '../../src/ingest/source';

const REPO_ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'fixtures');
const SEED_ID = 'trump-putin-call-energy-ceasefire';
const SEED_DIR = path.join(REPO_ROOT, 'corpus', SEED_ID);

const fixture = (name: string) => path.join(FIXTURES, name);

/**
 * Where `needle` stands in a fixture's graph.yaml: its line (1-based) and column. The nth occurrence when
 * the text repeats (a duplicate id); any other ambiguity is a mistake in the test.
 */
function positionOf(name: string, needle: string, nth?: number): { line: number; column: number } {
  const lines = readFileSync(path.join(fixture(name), 'graph.yaml'), 'utf8').split('\n');
  const hits = lines.flatMap((text, i) => (text.includes(needle) ? [{ line: i + 1, text }] : []));
  if (nth === undefined && hits.length !== 1)
    throw new Error(`${name}: "${needle}" is on ${hits.length} lines`);
  const hit = hits[(nth ?? 1) - 1];
  if (!hit) throw new Error(`${name}: no occurrence ${nth} of "${needle}"`);
  return { line: hit.line, column: hit.text.indexOf(needle) + 1 };
}

interface Case {
  fixture: string;
  code: string;
  field: string;
  /** The text the problem must point at (its first character), in graph.yaml; null: line 1 of `file`. */
  at: string | null;
  nth?: number;
  file?: string;
  message?: RegExp;
}

const CASES: Case[] = [
  {
    fixture: 'yaml-syntax',
    code: 'YAML_SYNTAX',
    field: '',
    at: 'Leader: Prime Minister',
    message: /Nested mappings/,
  },
  { fixture: 'unknown-field', code: 'UNKNOWN_FIELD', field: 'entities[1].population', at: 'population:' },
  // A missing field is reported at the item that lacks it.
  {
    fixture: 'missing-field',
    code: 'MISSING_FIELD',
    field: 'entities[4].kind',
    at: 'id: fishing-truce',
    message: /is required/,
  },
  {
    fixture: 'unknown-entity-kind',
    code: 'UNKNOWN_VALUE',
    field: 'entities[4].kind',
    at: 'kind: Proposl',
    message: /must be one of Person, .*Attack/,
  },
  {
    fixture: 'unknown-claim-kind',
    code: 'UNKNOWN_VALUE',
    field: 'claims[1].kind',
    at: 'kind: OPPOSES',
    message: /must be one of AGREES_TO, .*REJECTS/,
  },
  {
    fixture: 'unknown-fact-type',
    code: 'UNKNOWN_VALUE',
    field: 'facts[1].type',
    at: 'type: BELONGS_TO',
    message: /must be one of LEADS, .*PART_OF/,
  },
  {
    fixture: 'invalid-date',
    code: 'INVALID_FIELD',
    field: 'document.publishedAt',
    at: 'publishedAt: 2025-06-31',
    message: /not a real calendar date/,
  },
  {
    fixture: 'invalid-quote-and-evidence',
    code: 'INVALID_FIELD',
    field: 'claims[1].evidence',
    at: 'evidence:',
    message: /either quote .* or evidence, not both/,
  },
  {
    fixture: 'duplicate-id',
    code: 'DUPLICATE_ID',
    field: 'entities[6].id',
    at: 'id: eastvale',
    nth: 2,
    message: /"eastvale" is used more than once/,
  },
  {
    fixture: 'unknown-reference',
    code: 'UNKNOWN_REFERENCE',
    field: 'claims[1].cites[0]',
    at: 'trawler-seizur]',
    message: /no entity has id "trawler-seizur" \(did you mean "trawler-seizure"\?\)/,
  },
  {
    fixture: 'unknown-claim-reference',
    code: 'UNKNOWN_REFERENCE',
    field: 'claims[1].respondsTo',
    at: 'respondsTo: lund-proposes-peace',
    message: /no claim has id "lund-proposes-peace"/,
  },
  {
    fixture: 'kind-mismatch-actor',
    code: 'KIND_MISMATCH',
    field: 'claims[1].by',
    at: 'by: fishing-truce',
    message:
      /actor \(by\) must be Person or Country or Organization or Group, but "fishing-truce" is a Proposal/,
  },
  {
    fixture: 'kind-mismatch-demands',
    code: 'KIND_MISMATCH',
    field: 'claims[0].on',
    at: 'on: fishing-truce',
    nth: 1,
    message: /target \(on\) of DEMANDS must be Condition/,
  },
  {
    fixture: 'kind-mismatch-fact-end',
    code: 'KIND_MISMATCH',
    field: 'facts[0].to',
    at: 'to: trawler-seizure',
    nth: 1,
    message: /end \(to\) of LEADS must be Country or Organization or Group/,
  },
  // "Westmárk" folds to the name of another entity (case and diacritics do not count).
  {
    fixture: 'ambiguous-alias',
    code: 'AMBIGUOUS_ALIAS',
    field: 'entities[3].aliases[1]',
    at: 'Westmárk]',
    message: /also names entity "westmark"/,
  },
  {
    fixture: 'date-text-missing',
    code: 'DATE_TEXT_MISSING',
    field: 'entities[5].dateText',
    at: 'id: trawler-seizure',
  },
  {
    fixture: 'date-text-missing-claim',
    code: 'DATE_TEXT_MISSING',
    field: 'claims[0].dateText',
    at: 'id: lund-proposes-truce',
  },
  {
    fixture: 'sha256-mismatch',
    code: 'SHA256_MISMATCH',
    field: 'document.sha256',
    at: 'sha256:',
    message: /does not match .*article\.txt \(its sha256 is [0-9a-f]{64}\)/,
  },
  {
    fixture: 'document-id-mismatch',
    code: 'DOCUMENT_ID_MISMATCH',
    field: 'document.id',
    at: 'id: another-document',
    message: /must equal the folder name "document-id-mismatch"/,
  },
  { fixture: 'missing-quote', code: 'MISSING_QUOTE', field: 'facts[3].quote', at: 'from: fishing-truce' },
  {
    fixture: 'quote-not-found',
    code: 'QUOTE_NOT_FOUND',
    field: 'claims[0].quote',
    at: 'quote: "Westmark\'s',
    message: /typographic quotes and apostrophes/,
  },
  {
    fixture: 'quote-ambiguous',
    code: 'QUOTE_AMBIGUOUS',
    field: 'facts[3].quote',
    at: 'quote: "truce"',
    message: /occurs 2 times .* add occurrence: 1\.\.2/,
  },
  {
    fixture: 'occurrence-out-of-range',
    code: 'OCCURRENCE_OUT_OF_RANGE',
    field: 'claims[1].evidence[0].occurrence',
    at: 'occurrence: 2',
    message: /occurrence 2 asked, but the quote occurs 1 time/,
  },
  {
    fixture: 'quote-spans-sentences',
    code: 'QUOTE_SPANS_SENTENCES',
    field: 'claims[1].evidence[0].quote',
    at: 'quote: "Eastvale rejected the truce. It cited"',
    message: /spans sentences 2, 3/,
  },
  {
    fixture: 'quote-in-heading',
    code: 'QUOTE_IN_HEADING',
    field: 'facts[3].quote',
    at: 'quote: "Truce Talks"',
    message: /heading "Truce Talks in Port Grey 🎣"/,
  },
  { fixture: 'file-missing-article', code: 'FILE_MISSING', field: '', at: null, file: 'article.txt' },
  { fixture: 'file-missing-annotation', code: 'FILE_MISSING', field: '', at: null, file: 'graph.yaml' },
];

describe('validateFolder: one problem per malformed fixture', () => {
  it('has a fixture for every code the validator emits', () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(
      new Set([
        'YAML_SYNTAX',
        'UNKNOWN_FIELD',
        'MISSING_FIELD',
        'UNKNOWN_VALUE',
        'INVALID_FIELD',
        'DUPLICATE_ID',
        'UNKNOWN_REFERENCE',
        'KIND_MISMATCH',
        'AMBIGUOUS_ALIAS',
        'DATE_TEXT_MISSING',
        'SHA256_MISMATCH',
        'DOCUMENT_ID_MISMATCH',
        'MISSING_QUOTE',
        'QUOTE_NOT_FOUND',
        'QUOTE_AMBIGUOUS',
        'OCCURRENCE_OUT_OF_RANGE',
        'QUOTE_SPANS_SENTENCES',
        'QUOTE_IN_HEADING',
        'FILE_MISSING',
      ]),
    );
  });

  it.each(CASES)('$fixture → $code $field', (c) => {
    const { problems, plan } = validateFolder(fixture(c.fixture));
    expect(plan).toBeUndefined();
    const where = c.at === null ? { line: 1, column: 1 } : positionOf(c.fixture, c.at, c.nth);
    expect(problems.map((p) => ({ ...p, file: path.resolve(p.file), message: undefined }))).toEqual([
      {
        file: path.join(fixture(c.fixture), c.file ?? 'graph.yaml'),
        line: where.line,
        column: where.column,
        field: c.field,
        code: c.code,
        message: undefined,
      },
    ]);
    if (c.message) expect(problems[0].message).toMatch(c.message);
  });
});

describe('validateFolder: several problems', () => {
  it('reports every problem of a file at once, in line order', () => {
    const name = 'multiple-errors';
    const { problems, plan } = validateFolder(fixture(name));
    expect(plan).toBeUndefined();
    const at = (needle: string) => positionOf(name, needle).line;
    expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [at('author: A. Writer'), 'document.author', 'UNKNOWN_FIELD'],
      [at('kind: Persn'), 'entities[0].kind', 'UNKNOWN_VALUE'],
      [at('by: eastvail'), 'claims[1].by', 'UNKNOWN_REFERENCE'],
      [at('quote: "the seizure of boats'), 'facts[2].quote', 'QUOTE_NOT_FOUND'],
    ]);
  });

  it('does not report references to an entity whose own entry is invalid as unknown', () => {
    // entities[0] (ida-lund) has an unknown kind; claims and facts that name ida-lund add no problems.
    const { problems } = validateFolder(fixture('multiple-errors'));
    expect(problems.filter((p) => p.message.includes('ida-lund'))).toEqual([]);
  });

  it('formats each problem as file:line:col field: message [CODE]', () => {
    const [first] = validateFolder(fixture('multiple-errors')).problems;
    expect(formatProblem(first)).toBe(
      `${first.file}:${first.line}:${first.column} document.author: unknown field "author" [UNKNOWN_FIELD]`,
    );
  });
});

describe('validateFolder: a valid document', () => {
  const { problems, plan } = validateFolder(fixture('valid'));
  const article = readFileSync(path.join(fixture('valid'), 'article.txt'), 'utf8');
  const slice = (start: number, end: number) => Array.from(article).slice(start, end).join('');

  it('has no problems and produces a plan with what the annotation and the text hold', () => {
    expect(problems).toEqual([]);
    expect(plan).toBeDefined();
    expect({
      headings: plan!.headings.length,
      sentences: plan!.sentences.length,
      entities: plan!.entities.length,
      mentions: plan!.mentions.length,
      claims: plan!.claims.length,
      claimEvidence: plan!.claims.flatMap((c) => c.evidence).length,
      facts: plan!.facts.length,
    }).toEqual({
      headings: 1,
      sentences: 3,
      entities: 6,
      mentions: 6,
      claims: 2,
      claimEvidence: 3,
      facts: 4,
    });
  });

  it('prefixes claim and sentence ids with the document id and maps claim kinds to polarity and CAMEO', () => {
    expect(plan!.sentences.map((s) => s.id)).toEqual(['valid#s1', 'valid#s2', 'valid#s3']);
    expect(plan!.claims.map((c) => [c.id, c.polarity, c.cameo, c.respondsTo])).toEqual([
      ['valid:lund-proposes-truce', 'SUPPORT', '020', null],
      ['valid:eastvale-rejects-truce', 'OPPOSE', '120', 'valid:lund-proposes-truce'],
    ]);
  });

  it('finds mentions longest first: "Westmark’s Prime Minister Ida Lund" is Ida Lund, not Westmark', () => {
    expect(plan!.mentions.map((m) => [m.surface, m.entityId])).toEqual([
      ['Westmark’s Prime Minister Ida Lund', 'ida-lund'],
      ['fishing truce', 'fishing-truce'],
      ['Eastvale', 'eastvale'],
      ['Eastvale', 'eastvale'],
      ['seizure of trawlers', 'trawler-seizure'],
      ['Westmark’s navy', 'westmark-navy'],
    ]);
  });

  it('stores code-point offsets that slice every quote and mention out of the text', () => {
    const evidence = [...plan!.claims, ...plan!.facts].flatMap((x) => x.evidence);
    for (const e of evidence) expect(slice(e.start, e.end)).toBe(e.quote);
    for (const m of plan!.mentions) expect(slice(m.start, m.end)).toBe(m.surface);
    for (const s of plan!.sentences) expect(slice(s.start, s.end)).toBe(s.text);
    // The heading's emoji is two UTF-16 units: UTF-16 offsets would be one further on.
    expect(evidence.every((e) => article.slice(e.start, e.end) !== e.quote)).toBe(true);
  });

  it('gives the same plan for the same input, and a different plan hash when the annotation changes', () => {
    expect(validateFolder(fixture('valid')).plan).toEqual(plan);
    // toy-fishing-truce differs from this fixture only in its id, source and comment.
    const other = validateFolder(
      path.join(REPO_ROOT, 'tests/integration/fixtures/ingest/toy-fishing-truce'),
    ).plan;
    expect(other?.document.planSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(other?.document.planSha256).not.toBe(plan!.document.planSha256);
  });
});

describe('the seed corpus', () => {
  it(`${SEED_ID} validates with zero problems and every annotated claim and fact reaches the plan`, () => {
    const { problems, plan } = validateFolder(SEED_DIR);
    expect(problems.map(formatProblem)).toEqual([]);
    const annotation = parse(readFileSync(path.join(SEED_DIR, 'graph.yaml'), 'utf8')) as {
      entities: unknown[];
      claims: unknown[];
      facts: unknown[];
    };
    expect(plan!.entities).toHaveLength(annotation.entities.length);
    expect(plan!.claims).toHaveLength(annotation.claims.length);
    expect(plan!.facts).toHaveLength(annotation.facts.length);
  });

  it('keeps article.txt byte-identical to the shared source text', () => {
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    const shared = path.resolve(REPO_ROOT, `../shared/corpus/${SEED_ID}.txt`);
    // CI checks out shared/ beside the repo; elsewhere the sha256 recorded at annotation time stands in.
    const expected = existsSync(shared)
      ? sha256(shared)
      : (parse(readFileSync(path.join(SEED_DIR, 'graph.yaml'), 'utf8')) as { document: { sha256: string } })
          .document.sha256;
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(path.join(SEED_DIR, 'article.txt'))).toBe(expected);
  });
});
