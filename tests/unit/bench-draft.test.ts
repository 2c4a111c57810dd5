import { pooledFigures, pooledSpeed, targetsMet, warmSpeed, wordCount } from '../../bench/lib/draft-measure';
import { listeningInodes } from '../../bench/lib/listener';
import { figures } from '../../src/draft/score';

/** The arithmetic of npm run bench:draft (bench/lib/draft-measure.ts) and its /proc parsing. */

describe('wordCount', () => {
  it('counts words as a reader does: dashes and stray punctuation are not words', () => {
    // Written by the stancegraph team for tests.
    expect(wordCount('The Trump–Putin call — a “very good” one, said 2 aides.\n\nUkraine’s reply: no.')).toBe(
      13,
    );
    expect(wordCount('  \n ')).toBe(0);
    expect(wordCount('– — … !')).toBe(0);
  });
});

describe('speed', () => {
  const run = (parseMs: number, extractMs: number, first = false) => ({
    parseMs,
    extractMs,
    wallMs: parseMs + extractMs,
    first,
  });

  it('leaves the backend’s first run out of the warm figure and takes the median of the rest, per 1,000 words', () => {
    const warm = warmSpeed([run(20_000, 500, true), run(2_000, 100), run(4_000, 300), run(3_000, 200)], 500);
    expect(warm).toMatchObject({
      parseMs: 3_000,
      extractMs: 200,
      parseMsPer1000Words: 6_000,
      extractMsPer1000Words: 400,
    });
    expect(warmSpeed([run(20_000, 500, true)], 500)).toBeNull();
  });

  it('pools documents by their time and words summed, not by averaging their rates', () => {
    const short = { words: 100, warm: warmSpeed([run(1_000, 0)], 100) };
    const long = { words: 900, warm: warmSpeed([run(1_000, 0)], 900) };
    expect(pooledSpeed([short, long])?.parseMsPer1000Words).toBe(2_000);
    expect(pooledSpeed([{ words: 10, warm: null }])).toBeNull();
  });
});

describe('pooled figures and targets', () => {
  it('micro-averages: counts summed over documents', () => {
    expect(pooledFigures([figures(9, 10, 10), figures(0, 10, 0)])).toMatchObject({
      correct: 9,
      drafted: 20,
      expected: 10,
      precision: 0.45,
      recall: 0.9,
    });
  });

  it('meets a target only at or above it; a rejected draft or an inexact quote fails', () => {
    const base = {
      entities: figures(17, 20, 20),
      stances: figures(7, 10, 11),
      quotes: { total: 4, verbatim: 4 },
      valid: true,
      warm: warmSpeed([{ parseMs: 2_000, extractMs: 100, wallMs: 2_100, first: false }], 1_000),
    };
    expect(targetsMet(base)).toEqual({
      entities: true,
      stances: true,
      quotes: true,
      valid: true,
      speed: true,
    });
    expect(
      targetsMet({ ...base, entities: figures(17, 21, 20), quotes: { total: 4, verbatim: 3 }, valid: false }),
    ).toEqual({
      entities: false,
      stances: true,
      quotes: false,
      valid: false,
      speed: true,
    });
  });
});

describe('listeningInodes', () => {
  it('finds the sockets listening on a port in a /proc/net/tcp table, not connections to it', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:2631 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0',
      '   1: 0100007F:E84C 0100007F:2631 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0 20 4 30 10 -1',
      '   2: 00000000:1E61 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6161 1 0 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 9777)).toEqual(['4242']);
    expect(listeningInodes(table, 7777)).toEqual(['6161']);
    expect(listeningInodes(table, 80)).toEqual([]);
  });
});
