import { bandOf, calibrate } from '../../src/draft/calibration';
import { RegistryEntry, scoreDraft } from '../../src/draft/score';
import type {
  Annotation,
  ClaimAnnotation,
  EntityAnnotation,
  FactAnnotation,
} from '../../src/ingest/annotation';
import type { ClaimKind, EntityKind, FactType } from '../../src/domain/vocabulary';

/** An invented story, written by the stancegraph team for tests. */
const ARTICLE =
  'Premier Lena Hart said Northland supports the river treaty. Hart rejected the toll plan, citing the ' +
  'flood damage. The treaty talks were held in Oskar Bay.';

const REGISTRY: RegistryEntry[] = [{ id: 'northland', kind: 'Country', name: 'Northland', aliases: [] }];

const entity = (
  id: string,
  kind: EntityKind,
  name: string,
  aliases: string[] = [],
  confidence?: number,
): EntityAnnotation => ({ id, kind, name, aliases, ...(confidence === undefined ? {} : { confidence }) });
/** A registry reference as graph.yaml writes it: the registry gives its kind and name. */
const reference = (id: string) => ({ id, aliases: [] }) as unknown as EntityAnnotation;
const claim = (
  id: string,
  by: string,
  kind: ClaimKind,
  on: string,
  quote: string,
  confidence = 1,
): ClaimAnnotation => ({ id, by, kind, on, cites: [], quote, confidence });
const fact = (
  from: string,
  type: FactType,
  to: string,
  quote: string,
  confidence = 1,
  occurrence?: number,
): FactAnnotation => ({ from, type, to, quote, confidence, ...(occurrence ? { occurrence } : {}) });
const annotation = (
  entities: EntityAnnotation[],
  claims: ClaimAnnotation[],
  facts: FactAnnotation[],
): Annotation => ({
  document: {
    id: 'river-treaty-report',
    title: 'A river treaty',
    source: 'test',
    publishedAt: '2025-01-01',
    language: 'en',
    sha256: '0'.repeat(64),
  },
  entities,
  claims,
  facts,
});

const HAND = annotation(
  [
    entity('hart', 'Person', 'Lena Hart', ['Premier Lena Hart', 'Hart']),
    reference('northland'),
    entity('river-treaty', 'Proposal', 'River treaty', ['the river treaty']),
    entity('toll-plan', 'Proposal', 'Toll plan', ['the toll plan']),
    entity('treaty-talks', 'Event', 'Treaty talks', ['The treaty talks']),
    entity('oskar-bay', 'Place', 'Oskar Bay'),
  ],
  [
    claim(
      'northland-supports-treaty',
      'northland',
      'SUPPORTS',
      'river-treaty',
      'Northland supports the river treaty',
    ),
    claim('hart-rejects-toll', 'hart', 'REJECTS', 'toll-plan', 'Hart rejected the toll plan'),
  ],
  [
    fact('hart', 'LEADS', 'northland', 'Premier Lena Hart said Northland'),
    fact('treaty-talks', 'HELD_IN', 'oskar-bay', 'The treaty talks were held in Oskar Bay'),
  ],
);

describe('scoreDraft', () => {
  it('a draft that says what the hand annotation says, under other ids, scores 1 everywhere', () => {
    const draft = annotation(
      [
        entity('lena-hart', 'Person', 'Hart', ['Lena Hart'], 0.9),
        entity('northland', 'Country', 'Northland', [], 0.9),
        entity('treaty', 'Proposal', 'the river treaty', [], 0.9),
        entity('toll', 'Proposal', 'toll plan', [], 0.9),
        entity('talks', 'Event', 'treaty talks', [], 0.9),
        entity('bay', 'Place', 'Oskar Bay', [], 0.9),
      ],
      [
        claim('c1', 'northland', 'SUPPORTS', 'treaty', 'Northland supports the river treaty', 0.9),
        claim('c2', 'lena-hart', 'REJECTS', 'toll', 'Hart rejected the toll plan', 0.9),
      ],
      [
        fact('lena-hart', 'LEADS', 'northland', 'Premier Lena Hart', 0.9),
        fact('talks', 'HELD_IN', 'bay', 'held in Oskar Bay', 0.9),
      ],
    );
    const score = scoreDraft(draft, HAND, { registry: REGISTRY, article: ARTICLE });
    for (const part of [score.entities, score.stances, score.stances.strict, score.facts])
      expect([part.precision, part.recall, part.f1]).toEqual([1, 1, 1]);
    expect(score.entities.matched).toContainEqual({
      draft: 'treaty',
      hand: 'river-treaty',
      on: '"river treaty"',
    });
    expect(score.quotes).toEqual({ total: 4, verbatim: 4, notVerbatim: [] });
    expect(score.calibration.above).toEqual({ threshold: 0.8, count: 10, correct: 10, share: 1 });
  });

  it('counts what a flawed draft gets wrong, item by item', () => {
    const draft = annotation(
      [
        entity('lena-hart', 'Person', 'Lena Hart', [], 0.95),
        // The registry's name, under another id: the same country.
        entity('north', 'Country', 'Northland', [], 0.9),
        // A shared name but the wrong kind: not the hand's proposal.
        entity('river-treaty-event', 'Event', 'the river treaty', [], 0.5),
        // The same id matches, whatever the name.
        entity('toll-plan', 'Proposal', 'Road toll scheme', [], 0.8),
        // Hart again: one person, two nodes.
        entity('premier', 'Person', 'Premier Lena Hart', [], 0.7),
        entity('flood-damage', 'Attack', 'the flood damage', [], 0.1),
      ],
      [
        claim('c1', 'north', 'SUPPORTS', 'river-treaty-event', 'Northland backs the river treaty', 0.65),
        claim('c2', 'premier', 'REJECTS', 'toll-plan', 'Hart rejected the toll plan', 0.9),
        {
          ...claim('c3', 'lena-hart', 'CRITICIZES', 'toll-plan', '', 0.3),
          quote: undefined,
          evidence: [{ quote: 'Hart rejected the toll plan' }],
        },
      ],
      [
        fact('lena-hart', 'LEADS', 'north', 'Premier Lena Hart', 0.81),
        fact('lena-hart', 'MEMBER_OF', 'north', 'Hart', 0.81, 3),
      ],
    );
    const score = scoreDraft(draft, HAND, { registry: REGISTRY, article: ARTICLE });

    expect(score.entities).toMatchObject({
      correct: 3,
      drafted: 6,
      expected: 6,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
    expect(score.entities.missed.map((e) => e.id)).toEqual(['river-treaty', 'treaty-talks', 'oskar-bay']);
    expect(score.entities.extra.map((e) => e.id)).toEqual(['river-treaty-event', 'flood-damage']);
    expect(score.entities.duplicates).toEqual([{ draft: 'premier', hand: 'hart' }]);

    // c2 and c3 state one stance (hart OPPOSE toll-plan): the duplicate entity stands for hart.
    expect(score.stances).toMatchObject({ correct: 1, drafted: 2, expected: 2, precision: 0.5, recall: 0.5 });
    expect(score.stances.extra).toEqual([
      {
        triple: 'northland SUPPORT ?river-treaty-event',
        items: ['c1'],
        quote: 'Northland backs the river treaty',
        confidence: 0.65,
      },
    ]);
    expect(score.stances.missed.map((m) => m.triple)).toEqual(['northland SUPPORT river-treaty']);
    expect(score.stances.strict).toMatchObject({
      correct: 1,
      drafted: 3,
      expected: 2,
      precision: 0.333,
      recall: 0.5,
      f1: 0.4,
    });

    expect(score.facts).toMatchObject({ correct: 1, drafted: 2, expected: 2, precision: 0.5, recall: 0.5 });
    expect(score.facts.extra.map((m) => m.items)).toEqual([['lena-hart-MEMBER_OF-north']]);

    expect(score.quotes).toEqual({
      total: 5,
      verbatim: 3,
      notVerbatim: [
        { item: 'c1', quote: 'Northland backs the river treaty' },
        { item: 'lena-hart-MEMBER_OF-north', quote: 'Hart' },
      ],
    });

    const bands = score.calibration.bands.map((b) => [b.from, b.count, b.correct, b.share]);
    expect(bands).toEqual([
      [0, 1, 0, 0],
      [0.2, 1, 1, 1],
      [0.4, 1, 0, 0],
      [0.6, 2, 0, 0],
      [0.8, 6, 5, 0.833],
    ]);
    expect(score.calibration.bands[4].byType).toEqual({
      entity: { count: 3, correct: 3 },
      claim: { count: 1, correct: 1 },
      fact: { count: 2, correct: 1 },
    });
    // 0.8 itself is in the top band but not above 0.8.
    expect(score.calibration.above).toEqual({ threshold: 0.8, count: 5, correct: 4, share: 0.8 });
  });

  it('without the registry a reference has no kind or name to match on', () => {
    const draft = annotation([entity('north', 'Country', 'Northland')], [], []);
    expect(scoreDraft(draft, HAND).entities.correct).toBe(0);
    expect(scoreDraft(draft, HAND, { registry: REGISTRY }).entities.correct).toBe(1);
  });

  it('an empty draft finds nothing and claims nothing; with no article, quotes are not checked', () => {
    const score = scoreDraft(annotation([], [], []), HAND);
    expect(score.entities).toMatchObject({ precision: null, recall: 0, f1: null });
    expect(score.stances.missed).toHaveLength(2);
    expect(score.quotes).toBeNull();
  });
});

describe('calibrate', () => {
  it('puts a confidence on a band edge in the band above it, and 1 in the last', () => {
    expect([0, 0.19, 0.2, 0.4, 0.6, 0.79, 0.8, 0.99, 1].map(bandOf)).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 4]);
  });

  it('shares are null where a band is empty', () => {
    const { bands, above } = calibrate([{ type: 'claim', id: 'c', confidence: 0.85, correct: false }]);
    expect(bands.map((b) => b.share)).toEqual([null, null, null, null, 0]);
    expect(above).toMatchObject({ count: 1, correct: 0, share: 0 });
  });
});
