/**
 * The text layer: headings and sentences with stable indices, and offsets in Unicode code points so that
 * Python's `text[start:end]` and this service slice the same quote. Work happens on JS (UTF-16) indices
 * and is converted once at the edge.
 */

export interface Span {
  /** UTF-16 index, for slicing in JS. */
  from: number;
  to: number;
}

export interface Heading {
  index: number;
  text: string;
  span: Span;
}

export interface Sentence {
  index: number;
  text: string;
  span: Span;
  /** The heading above it, if any. */
  heading?: number;
  /** Paragraph number: every line of running text is one paragraph (news reports put one per line). */
  paragraph: number;
}

export interface SegmentedText {
  headings: Heading[];
  sentences: Sentence[];
}

/** Converts UTF-16 indices of one text to code-point indices. */
export class CodePoints {
  private readonly map: Int32Array;

  constructor(text: string) {
    this.map = new Int32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.map[i] = cp;
      const code = text.charCodeAt(i);
      // A high surrogate and its low surrogate are one code point.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        this.map[i + 1] = cp;
        i++;
      }
      cp++;
    }
    this.map[text.length] = cp;
  }

  at(utf16Index: number): number {
    return this.map[utf16Index];
  }
}

const TERMINAL = /[.!?…]/;
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const OPENERS = new Set(['“', '"', '‘', '(', '[', '«']);
/** Words that end with a period without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'gov',
  'sen',
  'rep',
  'pres',
  'rev',
  'hon',
  'no',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'inc',
  'ltd',
  'co',
  'corp',
  'approx',
]);

/** A line is a heading when it does not end a sentence and is short: news headings carry no full stop. */
export function isHeadingLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed || trimmed.length > 120) return false;
  let end = trimmed.length - 1;
  while (end > 0 && CLOSERS.has(trimmed[end])) end--;
  return !TERMINAL.test(trimmed[end]) && !/[:;,]$/.test(trimmed);
}

function wordBefore(text: string, dot: number): string {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i])) i--;
  return text.slice(i + 1, dot);
}

function endsSentence(text: string, dot: number, end: number): number | undefined {
  let i = dot + 1;
  while (i < end && (TERMINAL.test(text[i]) || CLOSERS.has(text[i]))) i++;
  if (i >= end) return i;
  if (!/\s/.test(text[i])) return undefined;
  let next = i;
  while (next < end && /\s/.test(text[next])) next++;
  if (next >= end) return i;
  const following = text[next];
  if (!(/[\p{Lu}\p{N}]/u.test(following) || OPENERS.has(following))) return undefined;
  if (text[dot] === '.') {
    const word = wordBefore(text, dot).toLowerCase();
    if (ABBREVIATIONS.has(word)) return undefined;
    // An initial ("J. Smith") or a dotted acronym ("U.S. officials") is not a sentence end.
    if (/^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return undefined;
  }
  return i;
}

/** Splits one paragraph line into sentence spans, keeping quoted speech whole. */
function splitSentences(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let start = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '“') depth++;
    else if (ch === '”') depth = Math.max(0, depth - 1);
    else if (ch === '"') depth = depth > 0 ? depth - 1 : 1;
    if (!TERMINAL.test(ch)) continue;
    // Inside quotes a full stop ends the sentence only when the quote closes right after it.
    if (depth > 0 && !(text[i + 1] === '”' || text[i + 1] === '"')) continue;
    const stop = endsSentence(text, i, to);
    if (stop === undefined) continue;
    spans.push({ from: start, to: stop });
    depth = 0;
    start = stop;
    while (start < to && /\s/.test(text[start])) start++;
    i = start - 1;
  }
  if (start < to) spans.push({ from: start, to });
  return spans.filter((s) => text.slice(s.from, s.to).trim().length > 0);
}

export function segment(text: string): SegmentedText {
  const headings: Heading[] = [];
  const sentences: Sentence[] = [];
  // Reports put one paragraph per line, so every line of running text opens a paragraph.
  let paragraph = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let from = lineStart;
    let to = lineEnd;
    while (from < to && /\s/.test(text[from])) from++;
    while (to > from && /\s/.test(text[to - 1])) to--;
    const line = text.slice(from, to);
    if (line && isHeadingLine(line)) {
      headings.push({ index: headings.length + 1, text: line, span: { from, to } });
    } else if (line) {
      paragraph++;
      for (const span of splitSentences(text, from, to)) {
        sentences.push({
          index: sentences.length + 1,
          text: text.slice(span.from, span.to),
          span,
          heading: headings.length ? headings.length : undefined,
          paragraph,
        });
      }
    }
    lineStart = lineEnd + 1;
  }
  return { headings, sentences };
}

/** Every UTF-16 index at which needle occurs in text. */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}
