/**
 * From compromise's terms to CoreNLP-like tokens with exact offsets (docs/nlp-compromise.md).
 *
 * compromise keeps punctuation on its words ("pre" and "post" text) and expands contractions into invisible
 * terms; CoreNLP makes punctuation, the possessive "’s" and "n’t" tokens of their own. The drafter reads
 * both, so this file cuts compromise's terms the CoreNLP way. Every token's offsets are checked against the
 * text: `text.slice(begin, end) === token.text` whatever compromise does with quotes, dashes or emoji.
 */

/** A term as compromise's `json({ offset: true, terms: { offset: true } })` gives it. */
export interface TermJson {
  text: string;
  tags: string[];
  normal: string;
  machine?: string;
  root?: string;
  offset: { start: number; length: number };
}

export interface SentenceJson {
  terms: TermJson[];
}

export interface RawToken {
  text: string;
  /** Offsets in the whole text. */
  begin: number;
  end: number;
  /** compromise's tags; empty for punctuation. */
  tags: ReadonlySet<string>;
  punctuation: boolean;
  /** compromise's root (verbs in the infinitive, nouns in the singular). */
  root?: string;
  /** Penn tag and lemma fixed by the cutting (’s, n’t, %), else chosen later from the tags. */
  pos?: string;
  lemma?: string;
  /** Offset of compromise's term (block offset + its offset in the block), for plugin matches (dates). */
  term?: number;
}

const NO_TAGS: ReadonlySet<string> = new Set();
// Runs of dots, dashes and ?! stay one token ("...", "--", "?!"); words in a gap (what compromise skipped)
// stay whole; any other character is a token of its own. The u flag keeps non-BMP characters whole.
const GAP_PIECE = /(\s+)|(\.{2,}|-{2,}|[!?]+)|([\p{L}\p{N}\p{M}]+)|([\s\S])/gu;
const MONTH_ABBREVIATION = /^(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;
const OPENING = /^[“‘"'([{`«]+$/u;

function punctuationTokens(block: string, from: number, to: number, base: number): RawToken[] {
  const tokens: RawToken[] = [];
  const gap = block.slice(from, to);
  for (const match of gap.matchAll(GAP_PIECE)) {
    if (match[1] !== undefined) continue;
    const begin = base + from + (match.index ?? 0);
    tokens.push({
      text: match[0],
      begin,
      end: begin + match[0].length,
      tags: NO_TAGS,
      punctuation: !match[3],
    });
  }
  return tokens;
}

function piece(term: TermJson, text: string, begin: number, extra: Partial<RawToken> = {}): RawToken {
  return { text, begin, end: begin + text.length, tags: new Set(term.tags), punctuation: false, ...extra };
}

/**
 * One compromise term as CoreNLP would cut it. `implicit` is the invisible term compromise expands a
 * contraction into ("didn’t" → did + not), `following` the next visible term.
 */
function cutTerm(
  term: TermJson,
  begin: number,
  base: number,
  implicit: TermJson | undefined,
  following: TermJson | undefined,
): RawToken[] {
  const text = term.text;
  const key = base + term.offset.start;
  const own = { root: term.root, term: key };
  // A term of marks only ("...!!!", "“”"): CoreNLP makes each mark a token.
  if (!/[\p{L}\p{N}]/u.test(text) && !term.tags.includes('Emoji') && !term.tags.includes('Emoticon')) {
    return punctuationTokens(text, 0, text.length, begin).map((mark) => ({ ...mark, term: key }));
  }
  if (implicit) {
    const contraction = /^(.+?)(n['’]t)$/i.exec(text) ?? /^(.+?)(['’](?:s|m|re|ve|ll|d))$/i.exec(text);
    if (contraction) {
      const [, head, tail] = contraction;
      const word = piece(term, head, begin, { ...own, root: term.machine ?? term.root });
      // compromise reads "Trump’s Perspective" as "Trump is"; before a noun or adjective it is a possessive.
      const nextTags = new Set(following?.tags ?? []);
      const possessive =
        /^['’]s$/i.test(tail) &&
        !term.tags.includes('Pronoun') &&
        (nextTags.has('Noun') || nextTags.has('Adjective')) &&
        !nextTags.has('Verb');
      const rest = possessive
        ? piece(term, tail, begin + head.length, { tags: NO_TAGS, pos: 'POS', lemma: tail, term: key })
        : piece(implicit, tail, begin + head.length, {
            lemma: implicit.machine ?? implicit.normal,
            term: key,
          });
      return [word, rest];
    }
  }
  const possessive = /^(.+?)(['’]s)$/i.exec(text);
  if (possessive && term.tags.includes('Possessive')) {
    const [, head, tail] = possessive;
    return [
      piece(term, head, begin, own),
      piece(term, tail, begin + head.length, { tags: NO_TAGS, pos: 'POS', lemma: tail, term: key }),
    ];
  }
  const percent = /^(\d[\d.,]*)(%)$/.exec(text);
  if (percent) {
    return [
      piece(term, percent[1], begin, own),
      piece(term, '%', begin + percent[1].length, {
        tags: new Set(['Percent']),
        pos: 'NN',
        lemma: '%',
        ...own,
      }),
    ];
  }
  return [piece(term, text, begin, own)];
}

/**
 * Marks that belong to the word before them, as CoreNLP has it: the period of an abbreviation ("Dr.",
 * "Gen.") unless it ends the sentence, and the apostrophe of a plural possessive ("the Russians’ plan").
 */
function attachMarks(tokens: RawToken[]): RawToken[] {
  const result: RawToken[] = [];
  tokens.forEach((token, i) => {
    const before = result[result.length - 1];
    const touching = before !== undefined && !before.punctuation && before.end === token.begin;
    const next = tokens[i + 1];
    const abbreviation = before?.tags.has('Abbreviation') || MONTH_ABBREVIATION.test(before?.text ?? '');
    if (touching && token.text === '.' && abbreviation && next !== undefined) {
      result[result.length - 1] = { ...before, text: before.text + '.', end: token.end };
    } else if (
      touching &&
      /^['’]$/.test(token.text) &&
      /s$/i.test(before.text) &&
      next?.begin !== token.end
    ) {
      result.push({ ...token, punctuation: false, pos: 'POS', lemma: token.text });
    } else {
      result.push(token);
    }
  });
  return result;
}

/** Where a term is in its block: compromise's offset when it matches the text, else the next occurrence. */
function locate(block: string, term: TermJson, cursor: number): number {
  const start = term.offset.start;
  if (start >= cursor && block.startsWith(term.text, start)) return start;
  return block.indexOf(term.text, cursor);
}

/**
 * The tokens of a block (a paragraph or a heading) sentence by sentence. `base` is the block's offset in the
 * whole text. Punctuation between two sentences ends the first, except opening marks after the last space,
 * which begin the second.
 */
export function tokenizeBlock(block: string, base: number, sentences: SentenceJson[]): RawToken[][] {
  const result: RawToken[][] = sentences.map(() => []);
  let cursor = 0;
  sentences.forEach((sentence, k) => {
    const terms = sentence.terms;
    terms.forEach((term, i) => {
      if (term.text === '') return;
      const start = locate(block, term, cursor);
      if (start < 0) return;
      const gap = punctuationTokens(block, cursor, start, base);
      if (k > 0 && result[k].length === 0) {
        const lastSpace = block.slice(cursor, start).search(/\s\S*$/);
        const opening = lastSpace >= 0 && OPENING.test(block.slice(cursor + lastSpace + 1, start));
        const carried = opening ? gap.filter((token) => token.begin >= base + cursor + lastSpace) : [];
        result[k - 1].push(...gap.filter((token) => !carried.includes(token)));
        result[k].push(...carried);
      } else {
        result[k].push(...gap);
      }
      const implicit = terms[i + 1]?.text === '' ? terms[i + 1] : undefined;
      const following = terms.slice(i + 1).find((next) => next.text !== '');
      result[k].push(...cutTerm(term, base + start, base, implicit, following));
      cursor = start + term.text.length;
    });
  });
  const filled = result.filter((tokens) => tokens.length > 0).map(attachMarks);
  const trailing = punctuationTokens(block, cursor, block.length, base);
  if (filled.length > 0) filled[filled.length - 1].push(...trailing);
  else if (trailing.length > 0) filled.push(trailing);
  return filled;
}

/**
 * The text cut into blocks compromise parses one at a time: a line is a block, a heading (a line with no
 * final punctuation) too; a line that runs on into a line starting in lower case (hard-wrapped text)
 * continues the block.
 */
export function textBlocks(text: string): Array<{ begin: number; end: number; heading: boolean }> {
  const lines: Array<{ begin: number; end: number }> = [];
  for (const match of text.matchAll(/[^\r\n]+/g)) {
    const begin = match.index ?? 0;
    const content = match[0].trimEnd();
    const lead = content.length - content.trimStart().length;
    if (content.trim() !== '') lines.push({ begin: begin + lead, end: begin + content.length });
  }
  const blocks: Array<{ begin: number; end: number; heading: boolean }> = [];
  for (const line of lines) {
    const previous = blocks[blocks.length - 1];
    const runsOn =
      previous !== undefined &&
      previous.heading &&
      /^\p{Ll}/u.test(text.slice(line.begin, line.end)) &&
      /^[ \t]*\r?\n[ \t]*$/.test(text.slice(previous.end, line.begin));
    const heading = !/[.!?…:;]["”’')\]]*$/u.test(text.slice(line.begin, line.end));
    if (runsOn) {
      previous.end = line.end;
      previous.heading = heading;
    } else {
      blocks.push({ ...line, heading });
    }
  }
  return blocks;
}
