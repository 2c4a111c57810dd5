import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { validateDocument } from '../../src/ingest/validate';
import { isError } from '../../src/ingest/source';
import { buildAnnotation, problemKey } from '../../src/web/review/app/annotation';
import { Review, itemKey, readDraft } from '../../src/web/review/app/review-state';
import { openSession, placeProblems } from '../../src/web/review/app/session';
import { inUtf16, segments } from '../../src/web/review/app/spans';
import type { Draft, DraftItem, KnownEntity, Problem } from '../../src/web/review/app/types';

// The review page's YAML editing (src/web/review/app), checked under Node against the real validator: what
// the page loads must be what `npm run validate` accepts. Also its DOM-free parts around it: items on the text
// and the session a draft opens. Article and draft written by the stancegraph team for tests.
const ARTICLE =
  'The mayor of Eastport, Ana Lind, rejected the harbour toll on Monday. The fishing council supports the ' +
  'toll, citing the storm damage. Lind said she would accept a smaller toll only if the council repairs the pier.\n';

const DRAFT = `# Drafted (method: draft); every item waits for a reviewer.
document:
  id: toy-harbour-toll
  title: Eastport mayor rejects the harbour toll
  source: stancegraph tests
  publishedAt: 2025-03-18
  language: en
  sha256: ${createHash('sha256').update(ARTICLE, 'utf8').digest('hex')}
entities:
  - id: lind
    kind: Person
    name: Ana Lind
    aliases: [Lind]
    method: draft
    confidence: 0.9
  - id: harbour-toll
    kind: Proposal
    name: harbour toll
    method: draft
    confidence: 0.8
  - id: fishing-council
    kind: Organization
    name: fishing council
    aliases: [the council]
    method: draft
    confidence: 0.7
  - id: storm-damage
    kind: Event
    name: storm damage
    method: draft
    confidence: 0.6
  - id: eastport
    kind: Place
    name: Eastport
    method: draft
    confidence: 0.95
claims:
  - id: lind-rejects-toll
    by: lind
    kind: REJECTS
    on: harbour-toll
    quote: "Ana Lind, rejected the harbour toll"
    method: draft
    confidence: 0.85
  - id: council-supports-toll
    by: fishing-council
    kind: SUPPORTS
    on: harbour-toll
    cites: [storm-damage]
    respondsTo: lind-rejects-toll
    quote: "The fishing council supports the toll"
    method: draft
    confidence: 0.75
facts:
  # The council is Eastport's.
  - from: fishing-council
    type: PART_OF
    to: eastport
    quote: "The fishing council"
    method: draft
    confidence: 0.5
`;

const NO_KNOWN = new Map<string, KnownEntity>();

function build(review: Review, known = NO_KNOWN, withName = new Set<string>()) {
  return buildAnnotation(review, { article: ARTICLE, known, withName });
}

function problems(yaml: string) {
  return validateDocument({
    articleFile: 'article',
    annotationFile: 'annotation',
    article: ARTICLE,
    annotation: yaml,
  }).problems;
}

const claim = (id: string) => itemKey('CLAIM', id);
const entity = (id: string) => itemKey('ENTITY', id);

describe('the review page writes the decisions into the draft YAML', () => {
  it('reads the draft as rows: entities and claims by id, facts as fact-<n>', () => {
    const model = readDraft(DRAFT);
    expect(model.rows.map((r) => r.key)).toEqual([
      'ENTITY:lind',
      'ENTITY:harbour-toll',
      'ENTITY:fishing-council',
      'ENTITY:storm-damage',
      'ENTITY:eastport',
      'CLAIM:lind-rejects-toll',
      'CLAIM:council-supports-toll',
      'FACT:fact-1',
    ]);
    expect(model.byKey.get('FACT:fact-1')!.values).toEqual({
      from: 'fishing-council',
      type: 'PART_OF',
      to: 'eastport',
    });
    // The draft itself is valid: the test's premise.
    expect(problems(DRAFT).filter(isError)).toEqual([]);
  });

  it('rejects, accepts and edits: rejected items leave, reviewed ones say so, untouched ones stay draft', () => {
    const review = new Review(readDraft(DRAFT));
    review.setVerdict(claim('lind-rejects-toll'), 'rejected');
    review.edit(claim('council-supports-toll'), 'on', 'storm-damage');
    review.edit(claim('council-supports-toll'), 'kind', 'CRITICIZES');
    review.setVerdict(entity('eastport'), 'accepted');
    const built = build(review);
    const out = parse(built.yaml);
    expect(out.claims).toEqual([
      expect.objectContaining({
        id: 'council-supports-toll',
        kind: 'CRITICIZES',
        on: 'storm-damage',
        method: 'reviewed',
      }),
    ]);
    // It responded to the rejected claim, which is gone.
    expect(out.claims[0].respondsTo).toBeUndefined();
    const methods = Object.fromEntries(
      out.entities.map((e: { id: string; method: string }) => [e.id, e.method]),
    );
    expect(methods).toEqual({
      lind: 'draft',
      'harbour-toll': 'draft',
      'fishing-council': 'draft',
      'storm-damage': 'draft',
      eastport: 'reviewed',
    });
    expect(out.facts[0].method).toBe('draft');
    expect(built.yaml).toContain('# Drafted (method: draft)');
    expect(built.yaml).toContain("# The council is Eastport's.");
    expect(review.counts()).toEqual({ untouched: 5, accepted: 1, edited: 1, rejected: 1, removed: 0 });
    expect(problems(built.yaml).filter(isError)).toEqual([]);
  });

  it('a rejected entity takes its claims and facts with it, and leaves what cites it', () => {
    const review = new Review(readDraft(DRAFT));
    review.setVerdict(entity('fishing-council'), 'rejected');
    review.setVerdict(entity('storm-damage'), 'rejected');
    expect(review.status(claim('council-supports-toll'))).toBe('removed');
    expect(review.removedBy(claim('council-supports-toll'))).toBe('fishing-council');
    expect(review.status('FACT:fact-1')).toBe('removed');
    const built = build(review);
    const out = parse(built.yaml);
    expect(out.entities.map((e: { id: string }) => e.id)).toEqual(['lind', 'harbour-toll', 'eastport']);
    expect(out.claims.map((c: { id: string }) => c.id)).toEqual(['lind-rejects-toll']);
    expect(out.facts).toEqual([]);
    expect(built.rows).toEqual({
      entities: ['ENTITY:lind', 'ENTITY:harbour-toll', 'ENTITY:eastport'],
      claims: ['CLAIM:lind-rejects-toll'],
      facts: [],
    });
    expect(review.counts()).toEqual({ untouched: 4, accepted: 0, edited: 0, rejected: 2, removed: 2 });
    expect(problems(built.yaml).filter(isError)).toEqual([]);

    // Only the cited entity rejected: the claim stays, citing nothing.
    const citing = new Review(readDraft(DRAFT));
    citing.setVerdict(entity('storm-damage'), 'rejected');
    const kept = parse(build(citing).yaml).claims.find(
      (c: { id: string }) => c.id === 'council-supports-toll',
    );
    expect(kept.cites).toBeUndefined();
  });

  it('a target from the graph is added as a reference, with its name once validation asks for it', () => {
    const review = new Review(readDraft(DRAFT));
    review.edit(claim('lind-rejects-toll'), 'on', 'pier-repair');
    const known = new Map([['pier-repair', { id: 'pier-repair', kind: 'PROPOSAL', name: 'Pier repair' }]]);
    const asReference = build(review, known);
    expect(asReference.added).toEqual(['pier-repair']);
    expect(parse(asReference.yaml).entities.at(-1)).toEqual({
      id: 'pier-repair',
      kind: 'Proposal',
      method: 'reviewed',
    });
    // Not a registry entity here: the validator wants its name, at the row the page added.
    const missing = problems(asReference.yaml).filter(isError);
    expect(missing.map((p) => [p.code, problemKey(asReference, p.field)])).toEqual([
      ['MISSING_FIELD', 'added:pier-repair'],
    ]);
    const named = build(review, known, new Set(['pier-repair']));
    expect(parse(named.yaml).entities.at(-1)).toEqual({
      id: 'pier-repair',
      kind: 'Proposal',
      name: 'Pier repair',
      method: 'reviewed',
    });
    expect(problems(named.yaml).filter(isError)).toEqual([]);
  });

  it('a renamed entity keeps the name the text uses as an alias; editing back undoes the edit', () => {
    const review = new Review(readDraft(DRAFT));
    review.edit(entity('harbour-toll'), 'name', 'Eastport harbour toll');
    review.edit(entity('harbour-toll'), 'kind', 'Condition');
    const out = parse(build(review).yaml);
    expect(out.entities[1]).toEqual(
      expect.objectContaining({
        name: 'Eastport harbour toll',
        kind: 'Condition',
        aliases: ['harbour toll'],
        method: 'reviewed',
      }),
    );
    review.edit(entity('harbour-toll'), 'name', 'harbour toll');
    review.edit(entity('harbour-toll'), 'kind', 'Proposal');
    expect(review.status(entity('harbour-toll'))).toBe('untouched');
    expect(parse(build(review).yaml).entities[1].method).toBe('draft');
  });

  it('accepting everything untouched leaves rejected and edited items as they are', () => {
    const review = new Review(readDraft(DRAFT));
    review.setVerdict(claim('lind-rejects-toll'), 'rejected');
    review.edit('FACT:fact-1', 'type', 'LOCATED_IN');
    expect(review.acceptUntouched()).toBe(6);
    expect(review.counts()).toEqual({ untouched: 0, accepted: 6, edited: 1, rejected: 1, removed: 0 });
    const out = parse(build(review).yaml);
    expect(out.facts[0]).toEqual(expect.objectContaining({ type: 'LOCATED_IN', method: 'reviewed' }));
  });

  it('refuses to edit the name of a registry reference', () => {
    const review = new Review(
      readDraft('document: {id: x}\nentities:\n  - id: putin\n    aliases: [the Russian leader]\n'),
    );
    expect(() => review.edit(entity('putin'), 'name', 'V. Putin')).toThrow(/registry entity/);
  });
});

describe('items on the text', () => {
  it('cuts the text at every edge and lists every item over a piece, the shortest first', () => {
    const pieces = segments(20, [
      { key: 'claim', spans: [{ begin: 0, end: 15 }] },
      {
        key: 'entity',
        spans: [
          { begin: 4, end: 9 },
          { begin: 12, end: 40 },
        ],
      },
    ]);
    expect(pieces).toEqual([
      { begin: 0, end: 4, keys: ['claim'] },
      { begin: 4, end: 9, keys: ['entity', 'claim'] },
      { begin: 9, end: 12, keys: ['claim'] },
      // The entity's second span, cut to the text (12–20), is the shorter one here.
      { begin: 12, end: 15, keys: ['entity', 'claim'] },
      { begin: 15, end: 20, keys: ['entity'] },
    ]);
  });

  it('takes offsets counted in code points to string offsets when the quotes say so', () => {
    const text = 'Crowds 🎉 cheered. Ana Lind rejected the toll.';
    const begin = text.indexOf('Ana Lind');
    const item: DraftItem = {
      type: 'CLAIM',
      id: 'c',
      kind: 'REJECTS',
      confidence: 0.9,
      quote: 'Ana Lind rejected the toll',
      // One code point before the quote is two UTF-16 units.
      begin: begin - 1,
      end: begin - 1 + 'Ana Lind rejected the toll'.length,
      spans: [{ begin: begin - 1, end: begin + 7 }],
      reason: '',
      linkedTo: null,
      from: null,
      to: null,
      polarity: null,
    };
    const [fixed] = inUtf16(text, [item]);
    expect(text.slice(fixed.begin, fixed.end)).toBe(item.quote);
    expect(text.slice(fixed.spans[0].begin, fixed.spans[0].end)).toBe('Ana Lind');
    // Already right: left alone.
    const right = { ...item, begin, end: begin + item.quote.length };
    expect(inUtf16(text, [right])[0]).toBe(right);
  });
});

describe('one draft under review (session.ts)', () => {
  const at = (quote: string, from = 0) => {
    const begin = ARTICLE.indexOf(quote, from);
    return { begin, end: begin + quote.length };
  };
  const item = (type: string, id: string, quote: string, more: Partial<DraftItem> = {}): DraftItem => ({
    type: type as DraftItem['type'],
    id,
    kind: '',
    confidence: 0.9,
    quote,
    ...at(quote),
    spans: [],
    reason: 'a rule',
    linkedTo: null,
    from: null,
    to: null,
    polarity: null,
    ...more,
  });
  const draft: Draft = {
    documentId: 'toy-harbour-toll',
    backend: 'test',
    yaml: DRAFT,
    parseMs: 1,
    extractMs: 1,
    items: [
      item('ENTITY', 'lind', 'Ana Lind', { spans: [at('Ana Lind'), at('Lind', 40)] }),
      item('CLAIM', 'council-supports-toll', 'The fishing council supports the toll'),
      // Another id than fact-<n>: its ends and type find its entry.
      item('FACT', 'council-part-of-eastport', 'The fishing council', {
        kind: 'PART_OF',
        from: 'fishing-council',
        to: 'eastport',
      }),
      // Not in the YAML: left out.
      item('CLAIM', 'lind-accepts-smaller-toll', 'would accept a smaller toll'),
    ],
  };

  it('keys the items as the review keys its rows, in text order, rows without an item last', () => {
    const s = openSession(draft, ARTICLE);
    expect(s.order).toEqual([
      'ENTITY:lind',
      // Both begin at "The fishing council": by key.
      'CLAIM:council-supports-toll',
      'FACT:fact-1',
      'CLAIM:lind-rejects-toll',
      'ENTITY:eastport',
      'ENTITY:fishing-council',
      'ENTITY:harbour-toll',
      'ENTITY:storm-damage',
    ]);
    expect(s.items.get('FACT:fact-1')!.id).toBe('council-part-of-eastport');
    // An item without spans is marked on its quote.
    expect(s.items.get('CLAIM:council-supports-toll')!.spans).toEqual([
      at('The fishing council supports the toll'),
    ]);
    expect(s.items.get('ENTITY:lind')!.spans).toEqual([at('Ana Lind'), at('Lind', 40)]);
    expect(s.items.get('ENTITY:harbour-toll')).toMatchObject({
      kind: 'Proposal',
      confidence: 0.8,
      spans: [],
      reason: 'In the draft’s YAML, not among its marked items.',
    });
    expect(s.built.yaml).toBe(DRAFT);
    expect([s.problems.size, s.general.length, s.withName.size]).toEqual([0, 0, 0]);
  });

  it('puts each problem on its item, an added entity’s on the items that use it, the rest apart', () => {
    const s = openSession(draft, ARTICLE);
    s.review.edit(claim('lind-rejects-toll'), 'on', 'pier-repair');
    const known = new Map([['pier-repair', { id: 'pier-repair', kind: 'PROPOSAL', name: 'Pier repair' }]]);
    s.built = build(s.review, known);
    const found = problems(s.built.yaml).filter(isError);
    expect(found.map((p) => p.field)).toEqual(['entities[5].name']);
    const problem = (field: string): Problem => ({
      file: 'annotation',
      line: 1,
      column: 1,
      field,
      code: 'TEST',
      message: field,
    });
    placeProblems(s, [...found, problem('claims[1].on'), problem(''), problem('facts[7].to')]);
    expect([...s.problems].map(([key, list]) => [key, list.map((p) => p.field)])).toEqual([
      ['CLAIM:lind-rejects-toll', ['entities[5].name']],
      ['CLAIM:council-supports-toll', ['claims[1].on']],
    ]);
    expect(s.general.map((p) => p.field)).toEqual(['', 'facts[7].to']);
    // Placed again: the earlier placing is gone.
    placeProblems(s, []);
    expect([s.problems.size, s.general.length]).toEqual([0, 0]);
  });
});
