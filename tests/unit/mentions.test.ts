import { parse } from 'yaml';
import { WordIndex, termOccurrences, termOccurrencesByPattern } from '../../src/ingest/mentions';
import { generateDocument } from '../../testkit/synthetic/document';
import { EntityPools } from '../../testkit/synthetic/entities';
import { Random } from '../../testkit/synthetic/random';

/** A small deterministic generator (xorshift), so that a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

// Letters that change case, digits, punctuation, an astral letter with a case pair (Deseret), an astral
// letter without one (mathematical bold), an emoji, a lone surrogate, ß (whose upper case is two letters),
// İ (whose lower case is two code units) and ǅ (a title-case letter).
const ALPHABET = [
  'a',
  'A',
  'b',
  'B',
  'é',
  'É',
  '1',
  ' ',
  ' ',
  '-',
  '.',
  '’',
  '𐐀',
  '𐐨',
  '𝐀',
  '😀',
  '\uDC00',
  'ß',
  'İ',
  'ǅ',
  'ǆ',
  '(',
];

describe('termOccurrences (the mention finder without regular expressions)', () => {
  it('finds what the pattern finds, on 10,000 random texts and terms, with and without a word index', () => {
    const next = random(17);
    const word = (length: number) => Array.from({ length }, () => ALPHABET[next(ALPHABET.length)]).join('');
    const differ: unknown[] = [];
    for (let i = 0; i < 10_000; i++) {
      const text = word(next(60));
      const term =
        next(3) === 0 ? word(1 + next(3)) : text.slice(next(text.length + 1)).slice(0, 1 + next(4));
      if (!term) continue;
      const fast = termOccurrences(text, term);
      const pattern = termOccurrencesByPattern(text, term);
      if (JSON.stringify(fast) !== JSON.stringify(pattern)) differ.push({ text, term, fast, pattern });
      // Looked up among the text's words (findMentions's way) rather than searched for.
      const indexed = termOccurrences(text, term, new WordIndex(text));
      if (JSON.stringify(indexed) !== JSON.stringify(pattern)) differ.push({ text, term, indexed, pattern });
    }
    expect(differ).toEqual([]);
  });

  it('on word boundaries, the first letter in either case, going on after each match', () => {
    const text = 'The US and us; the Russian leader met. Russian Federation. Hamas-led, Hamas1, "Hamas".';
    expect(termOccurrences(text, 'US')).toEqual([{ from: 4, to: 6 }]);
    expect(termOccurrences(text, 'the Russian leader').map((m) => text.slice(m.from, m.to))).toEqual([
      'the Russian leader',
    ]);
    expect(termOccurrences(text, 'russian').length).toBe(2);
    expect(termOccurrences(text, 'Hamas').map((m) => m.from)).toEqual([
      text.indexOf('Hamas'),
      text.lastIndexOf('Hamas'),
    ]);
    const words = new WordIndex(text);
    for (const term of [
      'US',
      'us',
      'the Russian leader',
      'russian',
      'Hamas',
      'Russian Federation',
      'led',
      '1',
    ])
      expect(termOccurrences(text, term, words)).toEqual(termOccurrencesByPattern(text, term));
    expect(termOccurrences('aaaa', 'aa')).toEqual([]);
    expect(termOccurrences('aa aa', 'aa')).toEqual([
      { from: 0, to: 2 },
      { from: 3, to: 5 },
    ]);
  });

  it('finds in synthetic articles, through the word index, what the pattern finds for every name and alias', () => {
    const random = new Random(5);
    const pools = new EntityPools(40);
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const doc = generateDocument(i, random, pools);
      const annotation = parse(doc.annotation) as { entities: { name: string; aliases?: string[] }[] };
      const words = new WordIndex(doc.article);
      for (const entity of annotation.entities)
        for (const term of [entity.name, ...(entity.aliases ?? [])]) {
          expect(termOccurrences(doc.article, term, words)).toEqual(
            termOccurrencesByPattern(doc.article, term),
          );
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
