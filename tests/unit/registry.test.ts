import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateFolder } from '../../src/ingest/corpus';
import { validateCorpus } from '../../src/ingest/folders';
import { parseRegistry } from '../../src/ingest/registry';
import { DUPLICATE_THRESHOLD, nameKey, similarity } from '../../src/ingest/similarity';
import { formatProblem, isError, severityOf } from '../../src/ingest/source';
import { validateDocument } from '../../src/ingest/validate';

/** The corpus registry (docs/corpus.md): its own checks, and linking a document's entities to it. */

const REGISTRY = `entities:
  - id: putin
    kind: Person
    name: Vladimir Putin
    aliases: [Putin]
    wikidata: Q7747
  - id: russia
    kind: Country
    name: Russia
    iso3166: RU
  - id: zelensky
    kind: Person
    name: Volodymyr Zelensky
`;

/** Line of the first line of text holding needle (1-based). */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('similarity: Dice over word bigrams of normalised names', () => {
  it.each([
    ['Volodymyr Zelensky', 'Volodymyr Zelenskyy'],
    ['Emmanuel Macron', 'Emanuel Macron'],
    ['Keir Starmer', 'Sir Keir Starmer'],
    ['Jeddah talks', 'Jeddah talk'],
  ])('%s ~ %s: a probable duplicate', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it.each([
    ['Austria', 'Australia'],
    ['Slovakia', 'Slovenia'],
    ['Niger', 'Nigeria'],
    ['Russian drone attacks', 'Ukrainian drone attacks'],
    ['full ceasefire', 'energy ceasefire'],
    ['North Korea', 'South Korea'],
  ])('%s / %s: different things', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('equal names after normalisation and without a leading "the" have one key', () => {
    expect(nameKey('The Kremlin')).toBe(nameKey('kremlin'));
    expect(similarity('the Kremlin', 'Kremlin')).toBe(1);
    expect(similarity('Kremlin', 'Kremlin')).toBe(1);
  });
});

describe('parseRegistry: entities.yaml', () => {
  it('accepts a valid registry', () => {
    const { registry, problems } = parseRegistry('corpus/entities.yaml', REGISTRY);
    expect(problems).toEqual([]);
    expect([...registry.byId.keys()]).toEqual(['putin', 'russia', 'zelensky']);
    expect(registry.byId.get('russia')).toMatchObject({ iso3166: 'RU', where: 'corpus/entities.yaml:7' });
  });

  it('reports ISO codes, Wikidata ids, duplicate ids and shared aliases with file:line', () => {
    const text = `entities:
  - id: russia
    kind: Country
    name: Russia
  - id: ukraine
    kind: Country
    name: Ukraine
    iso3166: XX
  - id: putin
    kind: Person
    name: Vladimir Putin
    iso3166: RU
  - id: trump
    kind: Person
    name: Donald Trump
    wikidata: "Q-76"
  - id: putin
    kind: Person
    name: President Putin
    aliases: [Vladimir Putin]
`;
    const { problems } = parseRegistry('entities.yaml', text);
    expect(problems.map((p) => [p.line, p.field, p.code, severityOf(p)])).toEqual([
      [lineOf(text, 'id: russia'), 'entities[0]', 'MISSING_FIELD', 'error'],
      [lineOf(text, 'iso3166: XX'), 'entities[1].iso3166', 'UNKNOWN_VALUE', 'error'],
      [lineOf(text, 'iso3166: RU'), 'entities[2].iso3166', 'INVALID_FIELD', 'error'],
      [lineOf(text, 'wikidata'), 'entities[3].wikidata', 'INVALID_FIELD', 'error'],
      [lineOf(text, 'name: President Putin') - 2, 'entities[4].id', 'DUPLICATE_ID', 'error'],
    ]);
    expect(problems[0].message).toMatch(
      /iso3166 is required on a Country \(for "Russia" it is probably RU\)/,
    );
    expect(problems[1].message).toMatch(
      /"XX" is not an ISO 3166-1 alpha-2 code \(for "Ukraine" it is probably UA\)/,
    );
  });

  it('an alias of two entities is an error; close names of one kind are a warning with the similarity', () => {
    const text = `entities:
  - id: zelensky
    kind: Person
    name: Volodymyr Zelensky
  - id: zelenskyy
    kind: Person
    name: Volodymyr Zelenskyy
  - id: kyiv
    kind: Place
    name: Kyiv
  - id: kyiv-city
    kind: Place
    name: Kyiv City
    aliases: [Kyiv]
`;
    const { problems } = parseRegistry('entities.yaml', text);
    expect(problems.map((p) => [p.line, p.field, p.code, severityOf(p)])).toEqual([
      [lineOf(text, 'name: Volodymyr Zelenskyy'), 'entities[1].name', 'PROBABLE_DUPLICATE', 'warning'],
      [lineOf(text, 'name: Kyiv City'), 'entities[3].name', 'PROBABLE_DUPLICATE', 'warning'],
      [lineOf(text, 'aliases: [Kyiv]'), 'entities[3].aliases[0]', 'AMBIGUOUS_ALIAS', 'error'],
    ]);
    expect(problems[0].message).toMatch(
      /close to "Volodymyr Zelensky" \(zelensky, entities.yaml:2\), similarity 0\.97/,
    );
  });
});

const ARTICLE =
  'Russian President Vladimir Putin rejected the energy truce proposed by Volodymyr Zelenskyy.\n' +
  'Russia said it would not stop.\n';

const document = (entities: string, rest = '') => `document:
  id: toy-linking
  title: Linking
  source: test text (invented)
  publishedAt: 2025-03-18
  language: en
  sha256: ${createHash('sha256').update(ARTICLE).digest('hex')}
entities:
${entities}${rest}`;

const validate = (annotation: string, registryText = REGISTRY) =>
  validateDocument({
    articleFile: 'article.txt',
    annotationFile: 'graph.yaml',
    article: ARTICLE,
    annotation,
    registry: parseRegistry('entities.yaml', registryText).registry,
  });

describe('validateDocument: entities of the registry', () => {
  const annotation = document(
    `  - id: putin
    aliases: ["Russian President Vladimir Putin"]
  - id: rus
    kind: Country
    name: Russia
    description: A country that said it would not stop.
  - id: volodymyr-zelenskyy
    kind: Person
    name: Volodymyr Zelenskyy
    description: Proposed an energy truce.
  - id: energy-truce
    kind: Proposal
    name: energy truce
    description: A truce.
`,
    `claims:
  - id: putin-rejects-truce
    by: putin
    kind: REJECTS
    on: energy-truce
    quote: "Vladimir Putin rejected the energy truce"
    date: 2025-03-17
    dateText: rejected
    dateInferred: true
facts:
  - from: putin
    type: LEADS
    to: rus
    quote: "Russian President Vladimir Putin"
    confidence: 0.8
`,
  );

  it('links a local entity with a registry name (notice), warns of a probable duplicate, and plans the load', () => {
    const { problems, plan } = validate(annotation);
    expect(problems.map((p) => [p.line, p.field, p.code, severityOf(p)])).toEqual([
      [lineOf(annotation, 'id: rus'), 'entities[1].id', 'LINKED_TO_REGISTRY', 'notice'],
      [lineOf(annotation, 'name: Volodymyr Zelenskyy'), 'entities[2].name', 'PROBABLE_DUPLICATE', 'warning'],
    ]);
    expect(problems.some(isError)).toBe(false);
    expect(problems[1].message).toMatch(/registry entity "zelensky" .*entities\.yaml:11\), similarity 0\.97/);
    expect(formatProblem(problems[1])).toMatch(/^graph\.yaml:\d+:\d+ warning: entities\[2\]\.name: /);
    expect(plan).toBeDefined();
    // The reference to the local id is rewritten to the registry entity.
    expect(plan!.facts.map((f) => [f.from, f.type, f.to, f.confidence])).toEqual([
      ['putin', 'LEADS', 'russia', 0.8],
    ]);
    expect(plan!.entities.map((e) => [e.id, e.registered, e.aliases])).toEqual([
      ['putin', true, ['Russian President Vladimir Putin']],
      ['russia', true, ['Russia']],
      ['volodymyr-zelenskyy', false, []],
      ['energy-truce', false, []],
    ]);
    expect(plan!.registry.map((r) => r.id)).toEqual(['putin', 'russia']);
    expect(plan!.claims[0]).toMatchObject({ date: '2025-03-17', dateInferred: true });
    // Mentions use the registry's names and this document's: "Russia" on line 2 is the registry's Russia.
    expect(plan!.mentions.map((m) => [m.surface, m.entityId])).toEqual([
      ['Russian President Vladimir Putin', 'putin'],
      ['energy truce', 'energy-truce'],
      ['Volodymyr Zelenskyy', 'volodymyr-zelenskyy'],
      ['Russia', 'russia'],
    ]);
  });

  it('refuses name, description or dates on a reference, and a kind other than the registry’s', () => {
    const bad = document(`  - id: putin
    kind: Country
    name: Putin
    description: The Russian leader.
  - id: russia
`);
    const { problems, plan } = validate(bad);
    expect(plan).toBeUndefined();
    expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [lineOf(bad, 'kind: Country'), 'entities[0].kind', 'KIND_MISMATCH'],
      [lineOf(bad, 'name: Putin'), 'entities[0].name', 'REGISTRY_FIELD'],
      [lineOf(bad, 'description: The Russian'), 'entities[0].description', 'REGISTRY_FIELD'],
    ]);
    expect(problems[0].message).toMatch(
      /registry entity "putin" is a Person \(entities\.yaml:2\), not a Country/,
    );
  });

  it('dateInferred goes with a date', () => {
    const bad = document(
      `  - id: russia
`,
      `facts: []
claims:
  - id: c
    by: russia
    kind: REJECTS
    on: russia
    quote: "Russia said"
    dateInferred: true
`,
    );
    expect(validate(bad).problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([['claims[0].dateInferred', 'INVALID_FIELD']]),
    );
  });

  it('without a registry, the same document is all local (existing documents are unchanged)', () => {
    const local = document(`  - id: rus
    kind: Country
    name: Russia
`);
    const { problems, plan } = validate(local, 'entities: []\n');
    expect(problems).toEqual([]);
    expect(plan!.entities[0]).toMatchObject({ id: 'rus', registered: false, aliases: [] });
  });
});

describe('folders: a document finds the registry of the corpus folder it sits in', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-registry-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const docDir = path.join(root, 'toy-linking');
  mkdirSync(docDir);
  writeFileSync(path.join(docDir, 'article.txt'), ARTICLE);
  writeFileSync(
    path.join(docDir, 'graph.yaml'),
    document(`  - id: putin
  - id: zelenskyy
    kind: Person
    name: Volodymyr Zelenskyy
`),
  );

  it('validateFolder reads ../entities.yaml; warnings do not stop validateCorpus, and are reported', () => {
    writeFileSync(path.join(root, 'entities.yaml'), REGISTRY);
    const { problems, plan } = validateFolder(docDir);
    expect(problems.map((p) => p.code)).toEqual(['PROBABLE_DUPLICATE']);
    expect(plan?.registry.map((r) => r.id)).toEqual(['putin']);
    const lines: string[] = [];
    const { plans, registries } = validateCorpus([root], (l) => lines.push(l));
    expect(plans).toHaveLength(1);
    expect(registries[0].size).toBe(3);
    expect(lines).toEqual([expect.stringMatching(/graph\.yaml:\d+:\d+ warning: .*\[PROBABLE_DUPLICATE\]$/)]);
  });

  it('a registry with errors stops validation before any document', () => {
    writeFileSync(
      path.join(root, 'entities.yaml'),
      'entities:\n  - id: russia\n    kind: Country\n    name: Russia\n',
    );
    const lines: string[] = [];
    expect(() => validateCorpus([root], (l) => lines.push(l))).toThrow(/1 error\(s\) in the corpus registry/);
    expect(lines).toEqual([expect.stringMatching(/entities\.yaml:2:5 entities\[0\]: iso3166 is required/)]);
    expect(validateFolder(docDir).problems.map((p) => p.code)).toEqual(['MISSING_FIELD']);
  });
});
