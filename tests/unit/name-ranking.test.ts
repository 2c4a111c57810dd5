import { CandidateRow, decide, rankCandidates } from '../../src/graph/name-ranking';
import { MAX_FUZZY_WORD, luceneQueries } from '../../src/graph/name-resolver';

/**
 * The name-resolution table of docs/names.md, over a fixed candidate set: what each name resolves to when
 * the database returns every candidate below (recall is resolve.cypher's job; the choice is this rule's).
 */
const entity = (id: string, name: string, aliases: string[] = [], documentAliases: string[] = []) => ({
  entity: { id, kind: 'Thing', name, aliases, description: null, date: null, dateText: null },
  documentAliases,
});

const CANDIDATES: CandidateRow[] = [
  entity('putin', 'Vladimir Putin', ['Putin', 'Russian President Vladimir Putin'], ['the Russian leader']),
  entity('trump', 'Donald Trump', ['Trump', 'President Trump']),
  entity('zelensky', 'Volodymyr Zelensky', ['Zelensky']),
  entity('starmer', 'Keir Starmer', ['Sir Keir Starmer']),
  entity('boris-johnson', 'Boris Johnson'),
  entity('mike-johnson', 'Mike Johnson', ['Speaker Mike Johnson']),
  entity('scholz', 'Olaf Scholz', ['German Chancellor']),
  entity('merz', 'Friedrich Merz', ['German Chancellor']),
  entity('us', 'United States', ['US']),
  entity('us-delegation', 'US delegation'),
  entity('kremlin', 'The Kremlin'),
  entity('west', 'The West'),
  entity('nato', 'NATO', [], ['the West']),
  entity('call', 'Trump–Putin call of 18 March 2025', [], ['the call']),
  entity('zelensky-call', 'Trump–Zelensky call', [], ['the call']),
  entity('kremlin-statement', 'Kremlin statement following the Trump–Putin call'),
  entity('allies', 'Ukraine’s European allies'),
  entity('energy-ceasefire', 'Energy infrastructure ceasefire', ['limited ceasefire']),
  entity('full-ceasefire', 'Full ceasefire', ['full, immediate ceasefire']),
  entity('aid-proposal', 'Proposal to end foreign military aid and intelligence sharing with Ukraine'),
  entity('sao-paulo-summit', 'São Paulo summit'),
];

/** 'id' (resolved), 'AMBIGUOUS a b …' (the close candidates, best first), or 'UNKNOWN a …' (suggestions). */
function outcome(name: string): string {
  const decision = decide(rankCandidates(name, CANDIDATES));
  if (decision.outcome === 'RESOLVED') return decision.match.entity.id;
  const listed = decision.outcome === 'AMBIGUOUS' ? decision.close : decision.nearest.slice(0, 1);
  return [decision.outcome, ...listed.map((m) => m.entity.id).sort()].join(' ');
}

describe('name resolution: names → outcome (docs/names.md)', () => {
  it.each([
    // ids and exact names (unchanged behaviour)
    ['putin', 'putin', 'an id'],
    ['us', 'us', 'an id wins over the alias "US" of the same entity and the partial "US delegation"'],
    ['Vladimir Putin', 'putin', 'the canonical name'],
    ['Putin', 'putin', 'an alias, not the call or statement that mention Putin'],
    // case, leading articles, diacritics, dash and quote variants
    ['VLADIMIR PUTIN', 'putin', 'case'],
    ['the Kremlin', 'kremlin', 'a leading article on both sides'],
    ['Kremlin', 'kremlin', 'the stored name has the article'],
    ['a full ceasefire', 'full-ceasefire', 'leading "a"'],
    ['Volodýmyr Zelénsky', 'zelensky', 'diacritics'],
    ['Sao Paulo summit', 'sao-paulo-summit', 'diacritics in the stored name'],
    ["Ukraine's European allies", 'allies', 'straight apostrophe for ’'],
    ['Ukraine‛s european allies', 'allies', 'reversed quote'],
    ['“Ukraine’s European Allies”', 'allies', 'double quotes around the name'],
    ['Trump—Putin call of 18 March 2025', 'call', 'em dash for en dash'],
    ['full,  immediate ceasefire', 'full-ceasefire', 'punctuation and spaces'],
    // document-scoped aliases
    ['the Russian leader', 'putin', 'a document alias'],
    ['the West', 'west', 'a canonical name beats another entity’s document alias'],
    ['the call', 'AMBIGUOUS call zelensky-call', 'a document alias two documents give two calls'],
    // an alias shared by two entities
    ['German Chancellor', 'AMBIGUOUS merz scholz', 'a registry alias of two entities'],
    // partial names: every word asked is in the name
    ['Trump-Putin call', 'call', 'names the call’s head noun; the statement only mentions the call'],
    ['the Trump–Putin call', 'call', 'the same with an article and an en dash'],
    ['Putin call with Trump', 'call', 'word order and joining words aside'],
    ['Kremlin statement', 'kremlin-statement', 'the statement’s head phrase'],
    ['statement following the call', 'kremlin-statement', 'words of the statement’s name only'],
    ['Starmer', 'starmer', 'a surname only one person has'],
    ['Johnson', 'AMBIGUOUS boris-johnson mike-johnson', 'a surname two people share'],
    ['Donald', 'trump', 'a given name only one person has'],
    ['European allies', 'allies', 'part of a name'],
    ['Proposal to end foreign military aid', 'aid-proposal', 'a prefix of a long proposal name'],
    ['foreign military aid', 'aid-proposal', 'words from the middle of it, no other name has them'],
    ['ceasefire', 'AMBIGUOUS energy-ceasefire full-ceasefire', 'the head noun of two proposals, equally'],
    ['energy ceasefire', 'energy-ceasefire', 'only one ceasefire is about energy'],
    ['delegation', 'us-delegation', 'the head noun of one name'],
    // spelling: suggestions, never a silent answer
    ['Zelenskyy', 'UNKNOWN zelensky', 'a typo'],
    ['Vladimir Puttin', 'UNKNOWN putin', 'a typo in one of two words'],
    ['President Putin', 'putin', 'both words are in the alias Russian President Vladimir Putin'],
    ['Prime Minister Putin', 'UNKNOWN putin', 'a word no name of his has: suggested, not chosen'],
    ['Angela Merkel', 'UNKNOWN', 'nothing near'],
    ['the', 'UNKNOWN', 'an article alone'],
  ])('%s → %s (%s)', (name, expected) => {
    expect(outcome(name)).toBe(expected);
  });
});

describe('scores and reasons', () => {
  const ranked = (name: string) =>
    rankCandidates(name, CANDIDATES).map((m) => [m.entity.id, m.kind, m.score, m.matchedOn]);

  it('gives each entity its best match, best first', () => {
    expect(ranked('putin')[0]).toEqual(['putin', 'ID', 1, 'putin']);
    expect(ranked('The Russian Leader')[0]).toEqual(['putin', 'DOCUMENT_ALIAS', 0.9, 'the Russian leader']);
    expect(ranked('Trump-Putin call').slice(0, 2)).toEqual([
      ['call', 'PARTIAL', 0.8, 'Trump–Putin call of 18 March 2025'],
      ['kremlin-statement', 'PARTIAL', 0.4, 'Kremlin statement following the Trump–Putin call'],
    ]);
  });

  it('lists close candidates with their scores, and suggestions for an unknown name', () => {
    const brief = (m: { entity: { id: string }; kind: string; score: number }) => [
      m.entity.id,
      m.kind,
      m.score,
    ];
    const ambiguous = decide(rankCandidates('Johnson', CANDIDATES));
    expect(ambiguous.outcome === 'AMBIGUOUS' && ambiguous.close.map(brief)).toEqual([
      ['boris-johnson', 'PARTIAL', 0.725],
      ['mike-johnson', 'PARTIAL', 0.725],
    ]);
    const unknown = decide(rankCandidates('Zelenskyy', CANDIDATES));
    expect(unknown.outcome === 'UNKNOWN' && unknown.nearest.map(brief).slice(0, 2)).toEqual([
      ['zelensky', 'FUZZY', 0.3],
      ['zelensky-call', 'FUZZY', 0.233],
    ]);
  });

  it('needs a partial winner to lead by the partial margin, an exact one by the exact margin', () => {
    // "ceasefire": "limited ceasefire" and "Full ceasefire" score alike; "Energy infrastructure ceasefire"
    // alone (0.683) would be within 0.10 of "Full ceasefire" too.
    const close = decide(rankCandidates('ceasefire', CANDIDATES));
    expect(close.outcome === 'AMBIGUOUS' && close.close.map((m) => m.score)).toEqual([0.725, 0.725]);
    const alone = CANDIDATES.map((c) =>
      c.entity.id === 'energy-ceasefire' ? { ...c, entity: { ...c.entity, aliases: [] } } : c,
    );
    const near = decide(rankCandidates('ceasefire', alone));
    expect(near.outcome === 'AMBIGUOUS' && near.close.map((m) => m.score)).toEqual([0.725, 0.683]);
    // An exact name (0.95) beats a document alias (0.90) of another entity by exactly the exact margin.
    expect(decide(rankCandidates('The West', CANDIDATES))).toMatchObject({
      outcome: 'RESOLVED',
      match: { kind: 'NAME', entity: { id: 'west' } },
    });
  });
});

describe('the Lucene queries for a name', () => {
  it('require every word (as itself or a prefix of its stem), never a stop word, with no special characters', () => {
    expect(luceneQueries('The Trump–Putin call: “attacks”?')).toEqual({
      words: '+(trump OR trump*) +(putin OR putin*) +(call OR call*) +(attacks OR attack*)',
      spelling: 'trump~1 OR putin~1 OR call~1 OR attacks~1',
    });
    for (const hostile of ['a OR b~9 AND (c:*)', '\\" +- && || ! ^ [ ] { } / ? x'])
      expect(Object.values(luceneQueries(hostile)).join(' ')).not.toMatch(/[:^"[\]{}\\/!&|?]|\w\*\w|\(\w+:/);
    // Nothing to ask: the empty phrase, which matches nothing.
    expect(luceneQueries(' the ')).toEqual({ words: '""', spelling: '""' });
  });

  it('asks neither prefixes nor spelling neighbours of a word longer than any name has (Lucene refuses them)', () => {
    const long = 'x'.repeat(MAX_FUZZY_WORD + 1);
    expect(luceneQueries(`${long} call`)).toEqual({
      words: `+${long} +(call OR call*)`,
      spelling: `${long} OR call~1`,
    });
    expect(luceneQueries('x'.repeat(MAX_FUZZY_WORD)).spelling).toMatch(/~2$/);
  });
});
