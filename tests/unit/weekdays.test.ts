import {
  TenseToken,
  bareWeekday,
  clauseTense,
  isoWeekday,
  resolveWeekday,
} from '../../src/draft/nlp/weekdays';

describe('resolveWeekday (document date Tuesday 2025-03-18)', () => {
  it.each([
    ['past', 7, '2025-03-16'],
    ['future', 7, '2025-03-23'],
    ['unknown', 7, '2025-03-16'],
    ['past', 5, '2025-03-14'],
    ['future', 5, '2025-03-21'],
    ['unknown', 5, '2025-03-21'],
    ['past', 2, '2025-03-18'],
    ['future', 2, '2025-03-18'],
  ] as const)('%s, weekday %i → %s', (tense, weekday, date) => {
    expect(resolveWeekday('2025-03-18', weekday, tense)).toBe(date);
  });

  it('crosses month and year ends', () => {
    expect(resolveWeekday('2025-01-01', isoWeekday('Monday')!, 'past')).toBe('2024-12-30');
    expect(resolveWeekday('2025-02-27', isoWeekday('saturday')!, 'future')).toBe('2025-03-01');
  });
});

describe('bareWeekday', () => {
  it.each([
    [['Sunday'], 7],
    [['Monday', 'night'], 1],
    [['next', 'Sunday'], undefined],
    [['Sunday', ',', 'March', '23'], undefined],
    [['Sunday', 'and', 'Monday'], undefined],
    [['March'], undefined],
  ])('%j → %j', (words, day) => {
    expect(bareWeekday(words)).toBe(day);
  });
});

/** A sentence as word/POS/head/relation rows (heads 0-based, -1 the root), written for these tests. */
const sentence = (rows: Array<[string, string, number, string]>): TenseToken[] =>
  rows.map(([word, pos, head, rel]) => ({ word, pos, head, rel }));

describe('clauseTense', () => {
  it('reads the past from a past-tense verb the date hangs on', () => {
    // "Envoys met on Sunday ."
    const s = sentence([
      ['Envoys', 'NNS', 1, 'nsubj'],
      ['met', 'VBD', -1, 'root'],
      ['on', 'IN', 3, 'case'],
      ['Sunday', 'NNP', 1, 'obl'],
    ]);
    expect(clauseTense(s, 3)).toBe('past');
  });

  it('reads the future from a modal, and from an infinitive', () => {
    // "Talks will resume on Sunday"
    const modal = sentence([
      ['Talks', 'NNS', 2, 'nsubj'],
      ['will', 'MD', 2, 'aux'],
      ['resume', 'VB', -1, 'root'],
      ['on', 'IN', 4, 'case'],
      ['Sunday', 'NNP', 2, 'obl'],
    ]);
    expect(clauseTense(modal, 4)).toBe('future');
    // "talks set to resume on Sunday"
    const infinitive = sentence([
      ['talks', 'NNS', -1, 'root'],
      ['set', 'VBN', 0, 'acl'],
      ['to', 'TO', 3, 'mark'],
      ['resume', 'VB', 1, 'xcomp'],
      ['on', 'IN', 5, 'case'],
      ['Sunday', 'NNP', 3, 'obl'],
    ]);
    expect(clauseTense(infinitive, 5)).toBe('future');
  });

  it('climbs through nouns to the verb: "The attack on Sunday was condemned"', () => {
    const s = sentence([
      ['The', 'DT', 1, 'det'],
      ['attack', 'NN', 5, 'nsubj:pass'],
      ['on', 'IN', 3, 'case'],
      ['Sunday', 'NNP', 1, 'nmod'],
      ['was', 'VBD', 5, 'aux:pass'],
      ['condemned', 'VBN', -1, 'root'],
    ]);
    expect(clauseTense(s, 3)).toBe('past');
  });

  it('knows nothing without a verb: "A meeting on Sunday"', () => {
    const s = sentence([
      ['A', 'DT', 1, 'det'],
      ['meeting', 'NN', -1, 'root'],
      ['on', 'IN', 3, 'case'],
      ['Sunday', 'NNP', 1, 'nmod'],
    ]);
    expect(clauseTense(s, 3)).toBe('unknown');
  });
});
