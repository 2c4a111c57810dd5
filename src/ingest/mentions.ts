/**
 * Where an annotation's entities are mentioned in its article: each name and alias found on word
 * boundaries (findMentions), for the plan's MENTIONS rows (plan.ts).
 */
import type { EntityAnnotation } from './annotation';
import type { SegmentedText } from './text';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An alias matches as written, except that its first letter may change case ("the Russian leader" at the
 * start of a sentence): an acronym such as "US" must not match the word "us".
 */
function termPattern(term: string): string {
  const [first, ...rest] = Array.from(term);
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  const head = lower === upper ? escapeRegExp(first) : `[${escapeRegExp(lower)}${escapeRegExp(upper)}]`;
  return head + escapeRegExp(rest.join(''));
}

/** The occurrences of a term as a mention: termPattern's matches, found by the regular expression. */
export function termOccurrencesByPattern(text: string, term: string): { from: number; to: number }[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${termPattern(term)}(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(pattern)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SURROGATE = /[\uD800-\uDFFF]/;

const isWordChar = (codePoint: number | undefined): boolean =>
  codePoint !== undefined &&
  (codePoint < 0x80
    ? (codePoint >= 0x30 && codePoint <= 0x39) ||
      (codePoint >= 0x41 && codePoint <= 0x5a) ||
      (codePoint >= 0x61 && codePoint <= 0x7a)
    : WORD_CHAR.test(String.fromCodePoint(codePoint)));

/** The code point that ends just before index i, as the pattern's lookbehind reads it. */
function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const last = text.charCodeAt(i - 1);
  if (last >= 0xdc00 && last <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2);
  }
  return last;
}

/**
 * The words of a text — maximal runs of letters and digits, as the pattern's boundaries read them — by
 * spelling, each with the UTF-16 indices where it starts. A term that starts with a letter or digit can only
 * match where a word spelt as its own first word (first letter in either case) starts: the term is looked up
 * there instead of searched for through the whole text, once per term (most of mention finding's time).
 */
export class WordIndex {
  private readonly starts = new Map<string, number[]>();

  constructor(readonly text: string) {
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      if (!isWordChar(cp)) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      i += cp > 0xffff ? 2 : 1;
      for (let c = text.codePointAt(i); c !== undefined && isWordChar(c); c = text.codePointAt(i))
        i += c > 0xffff ? 2 : 1;
      const word = text.slice(start, i);
      const list = this.starts.get(word);
      if (list) list.push(start);
      else this.starts.set(word, [start]);
    }
  }

  /** Where a word spelt exactly so starts, in text order. */
  startsOf(word: string): readonly number[] {
    return this.starts.get(word) ?? [];
  }
}

/**
 * termOccurrencesByPattern's answer without a regular expression, which in Unicode mode scans the text a
 * code point at a time for every term: the term's two spellings are looked up among the text's words (given
 * its WordIndex, for a term that starts with a letter or digit) or found with indexOf, and the word
 * boundaries checked at each. The same positions, in the same order: the pattern also tries every position
 * left to right and goes on after the end of each match. A term whose first letter changes length with its
 * case, or that holds surrogates, is left to the pattern.
 */
export function termOccurrences(
  text: string,
  term: string,
  words?: WordIndex,
): { from: number; to: number }[] {
  const first = term.charAt(0);
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  if (
    !term ||
    SURROGATE.test(term) ||
    lower.length !== 1 ||
    upper.length !== 1 ||
    SURROGATE.test(lower + upper)
  )
    return termOccurrencesByPattern(text, term);
  const rest = term.slice(1);
  const spellings = lower === upper ? [lower + rest] : [lower + rest, upper + rest];
  if (
    words?.text === text &&
    isWordChar(first.charCodeAt(0)) &&
    isWordChar(lower.charCodeAt(0)) &&
    isWordChar(upper.charCodeAt(0))
  )
    return lookedUp(text, term, spellings, words);
  const next = spellings.map((s) => text.indexOf(s));
  const found: { from: number; to: number }[] = [];
  for (let from = 0; ;) {
    for (let k = 0; k < spellings.length; k++)
      if (next[k] !== -1 && next[k] < from) next[k] = text.indexOf(spellings[k], from);
    const at = next.reduce((min, i) => (i !== -1 && (min === -1 || i < min) ? i : min), -1);
    if (at === -1) return found;
    const to = at + term.length;
    if (!isWordChar(codePointBefore(text, at)) && !isWordChar(text.codePointAt(to))) {
      found.push({ from: at, to });
      from = to;
    } else from = at + 1;
  }
}

/**
 * termOccurrences for a term whose first letter, in both spellings, is a word character. A match starts a
 * word of the text (the character before it is not a word character), and that word is the term's first
 * word: the term goes on with a character that is not a word character, or ends where the text's word must
 * end. So the candidates are where that word starts, each checked as termOccurrences checks what indexOf
 * finds; taken left to right, each after the end of the one before.
 */
function lookedUp(
  text: string,
  term: string,
  spellings: string[],
  words: WordIndex,
): { from: number; to: number }[] {
  let head = 1;
  while (head < term.length && isWordChar(term.charCodeAt(head))) head++;
  const firstWord = term.slice(1, head);
  const starts =
    spellings.length === 1
      ? words.startsOf(spellings[0].charAt(0) + firstWord)
      : [
          ...words.startsOf(spellings[0].charAt(0) + firstWord),
          ...words.startsOf(spellings[1].charAt(0) + firstWord),
        ].sort((a, b) => a - b);
  const found: { from: number; to: number }[] = [];
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    const to = at + term.length;
    if (!spellings.some((s) => text.startsWith(s, at)) || isWordChar(text.codePointAt(to))) continue;
    found.push({ from: at, to });
    from = to;
  }
  return found;
}

/**
 * Mentions from names and aliases: as written (first letter in either case), on word boundaries, longest match first, never
 * overlapping, so "Russian President Vladimir Putin" is one mention of Putin, not also one of Russia.
 */
export function findMentions(text: string, segmented: SegmentedText, entities: EntityAnnotation[]) {
  const candidates: { from: number; to: number; entityId: string }[] = [];
  const words = new WordIndex(text);
  for (const entity of entities) {
    for (const term of new Set([entity.name, ...(entity.registryAliases ?? []), ...entity.aliases])) {
      for (const m of termOccurrences(text, term, words)) candidates.push({ ...m, entityId: entity.id });
    }
  }
  candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  // Longest first; a candidate is kept when none of its characters is taken yet.
  const occupied = new Uint8Array(text.length);
  const taken: { from: number; to: number; entityId: string }[] = [];
  for (const c of candidates) {
    if (occupied.subarray(c.from, c.to).includes(1)) continue;
    occupied.fill(1, c.from, c.to);
    taken.push(c);
  }
  // Sentences are in text order: the one holding a mention is found by binary search.
  const sentences = segmented.sentences;
  const sentenceOf = (from: number, to: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const { span } = sentences[mid];
      if (from < span.from) hi = mid - 1;
      else if (from >= span.to) lo = mid + 1;
      else return to <= span.to ? sentences[mid] : undefined;
    }
    return undefined;
  };
  return taken
    .map((t) => ({ ...t, sentence: sentenceOf(t.from, t.to) }))
    .filter((t) => t.sentence !== undefined)
    .sort((a, b) => a.from - b.from);
}
