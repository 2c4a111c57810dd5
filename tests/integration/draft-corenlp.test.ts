import { parse } from 'yaml';
import { draftArticle } from '../../src/draft/draft';
import { memoryLinker } from '../../src/draft/link';
import { CoreNlpBackend } from '../../src/draft/nlp/corenlp';
import type { Draft } from '../../src/draft/types';
import { validateDocument } from '../../src/ingest/validate';
import { coreNlpUrl } from '../support/harness';

/**
 * A whole draft through the harness's real CoreNLP, on an article written by the stancegraph team for this
 * test: a stance verb with a title subject, a pronoun subject, a passive, a stance noun expressed, "citing",
 * a condition ("only if"), an apposition, and a weekday in a sentence about the future.
 */
const ARTICLE = [
  'Northland President Ada Vale rejected the border fee plan on Monday, citing the cost to farmers.',
  'She said the plan could only go ahead if the new tariffs were lifted.',
  'The plan was also criticised by the Harbour Council.',
  'Southland’s foreign minister, Rolf Berg, expressed support for the border fee plan.',
  'Talks on the plan are set to resume on Sunday in Porta.',
  '',
].join('\n');

interface Claim {
  by: string;
  kind: string;
  on: string;
  cites: string[];
  quote?: string;
  method: string;
  confidence: number;
}

describe('draftArticle with CoreNLP', () => {
  let draft: Draft;
  let claims: Claim[];
  const linker = memoryLinker([
    { id: 'vale', kind: 'Person', name: 'Ada Vale', aliases: ['Vale'], registered: false },
  ]);

  beforeAll(async () => {
    const nlp = new CoreNlpBackend({ url: coreNlpUrl(), timeoutMs: 300_000 });
    draft = await draftArticle(
      { article: ARTICLE, date: '2026-03-04', id: 'vale-border-fee' },
      { nlp, linker },
    );
    claims = parse(draft.yaml).claims;
  }, 320_000);

  it('is valid as written, every item drafted with a confidence', () => {
    const { problems } = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article: ARTICLE,
      annotation: draft.yaml,
    });
    expect(problems.filter((p) => !p.severity)).toEqual([]);
    for (const c of claims) {
      expect(c.method).toBe('draft');
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
  });

  const plan = () => claims.find((c) => c.by === 'vale' && c.kind === 'REJECTS')?.on;

  it('finds the titled subject, linked to the known person, and what she cites', () => {
    const rejects = claims.find((c) => c.by === 'vale' && c.kind === 'REJECTS');
    expect(rejects).toBeDefined();
    expect(rejects!.on).toMatch(/border-fee-plan/);
    expect(rejects!.quote).toMatch(/^Northland President Ada Vale rejected the border fee plan/);
  });

  it('reads a passive: the agent criticises the plan', () => {
    expect(claims).toContainEqual(
      expect.objectContaining({ by: 'harbour-council', kind: 'CRITICIZES', on: plan() }),
    );
  });

  it('reads an apposition subject and an expressed stance noun', () => {
    const berg = claims.find((c) => c.kind === 'SUPPORTS' && c.on === plan());
    expect(berg?.by).toMatch(/berg/);
  });

  it('makes "only if the tariffs were lifted" a condition the speaker demands', () => {
    const demand = claims.find((c) => c.kind === 'DEMANDS' && c.by === 'vale');
    expect(demand?.on).toMatch(/lifting-of-the-new-tariffs|lifting-of-new-tariffs/);
    const facts = parse(draft.yaml).facts as Array<{ from: string; type: string; to: string }>;
    expect(facts).toContainEqual(
      expect.objectContaining({ from: demand!.on, type: 'CONDITION_FOR', to: plan() }),
    );
  });

  it('quotes the article verbatim for every item', () => {
    for (const item of draft.items)
      for (const s of item.spans) expect(ARTICLE.slice(s.begin, s.end).trim().length).toBeGreaterThan(0);
    for (const c of claims) if (c.quote) expect(ARTICLE).toContain(c.quote);
  });

  describe('conditions, withheld support and calls', () => {
    // Written by the stancegraph team for this test.
    const TEXT = [
      'Eastland has not yet endorsed the harbour levy plan.',
      'Eastland said it was open to joining the harbour levy plan if the port fees were lowered.',
      'Westland rejected calls from fishing firms for a one-year delay.',
      '',
    ].join('\n');
    let drafted: Claim[];

    beforeAll(async () => {
      const nlp = new CoreNlpBackend({ url: coreNlpUrl(), timeoutMs: 300_000 });
      const d = await draftArticle(
        { article: TEXT, date: '2026-03-04', id: 'harbour-levy' },
        { nlp, linker },
      );
      drafted = parse(d.yaml).claims;
    }, 320_000);

    const by = (actor: RegExp, kind: string) => drafted.filter((c) => actor.test(c.by) && c.kind === kind);

    it('reads "not yet endorsed" as not committed (OPEN_TO), not as a rejection', () => {
      expect(by(/eastland/, 'OPEN_TO').map((c) => c.on)).toContainEqual(
        expect.stringMatching(/harbour-levy-plan/),
      );
      expect(by(/eastland/, 'REJECTS')).toEqual([]);
    });

    it('reads support held on a condition as OPEN_TO and the condition as demanded', () => {
      expect(by(/eastland/, 'DEMANDS').map((c) => c.on)).toContainEqual(
        expect.stringMatching(/lowering-of-the-port-fees|port-fees/),
      );
    });

    it('reads "rejected calls from X for Y": X calls for Y, the subject rejects Y', () => {
      const call = by(/fishing-firms/, 'CALLS_FOR')[0];
      expect(call?.on).toMatch(/one-year-delay/);
      expect(by(/westland/, 'REJECTS').map((c) => c.on)).toContain(call.on);
    });
  });
});
