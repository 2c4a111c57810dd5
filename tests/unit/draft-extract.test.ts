/**
 * The drafter's own parts, without a JVM: the lexicon, and a whole draft through the in-process backend. The texts are written by the stancegraph team
 * for tests.
 */
import { parse } from 'yaml';
import { draftArticle } from '../../src/draft/draft';
import { countryOfDemonym } from '../../src/draft/lexicon/names';
import { kindOfNoun, sameHead } from '../../src/draft/lexicon/nouns';
import { negated } from '../../src/draft/lexicon/stances';
import { memoryLinker } from '../../src/draft/link';
import { CompromiseBackend } from '../../src/draft/nlp/compromise';
import { validateDocument } from '../../src/ingest/validate';

describe('draft lexicon', () => {
  it('derives country names from demonyms by rule and by the irregular list', () => {
    expect(countryOfDemonym('Ukrainian')).toContain('Ukraine');
    expect(countryOfDemonym('German')).toContain('Germany');
    expect(countryOfDemonym('British')[0]).toBe('United Kingdom');
    expect(countryOfDemonym('Chinese')).toContain('China');
  });
  it('turns a negated agreement into a rejection and leaves unclear ones alone', () => {
    expect(negated('AGREES_TO')).toBe('REJECTS');
    expect(negated('CRITICIZES')).toBeUndefined();
  });
  it('knows head nouns in the plural and synonymous heads', () => {
    expect(kindOfNoun('strikes')).toBe('Attack');
    expect(kindOfNoun('ceasefire')).toBe('Proposal');
    expect(kindOfNoun('banana')).toBeUndefined();
    expect(sameHead('call', 'conversation')).toBe(true);
    expect(sameHead('call', 'ceasefire')).toBe(false);
  });
});

describe('a draft through the in-process backend', () => {
  const article =
    'Northland President Ada Vale rejected the border fee plan on Monday.\n' +
    'Vale said the plan would hurt farmers. The Harbour Council supported the border fee plan.\n';
  const linker = memoryLinker([
    { id: 'vale', kind: 'Person', name: 'Ada Vale', aliases: ['Vale'], registered: false },
  ]);

  it('is valid as written, links a known person, and quotes the article verbatim', async () => {
    const draft = await draftArticle(
      { article, date: '2026-03-04', id: 'vale-fee-plan' },
      { nlp: new CompromiseBackend(), linker },
    );
    const { problems } = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article,
      annotation: draft.yaml,
    });
    expect(problems.filter((p) => !p.severity)).toEqual([]);
    const yaml = parse(draft.yaml);
    expect(yaml.entities.map((e: { id: string }) => e.id)).toContain('vale');
    for (const item of draft.items) {
      expect(item.confidence).toBeGreaterThanOrEqual(0);
      expect(item.confidence).toBeLessThanOrEqual(1);
      for (const s of item.spans) expect(article.slice(s.begin, s.end).length).toBeGreaterThan(0);
    }
    for (const c of yaml.claims) expect(c.method).toBe('draft');
    const rejects = yaml.claims.find(
      (c: { kind: string; by: string }) => c.kind === 'REJECTS' && c.by === 'vale',
    );
    expect(rejects).toBeDefined();
    expect(article).toContain(rejects.quote);
  });
});
