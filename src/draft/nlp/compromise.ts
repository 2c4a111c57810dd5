import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import { BadUserInputError } from '../../domain/errors';
import type { NerMention, NlpBackend, ParsedSentence, ParsedText, ParsedToken } from '../types';
import { lemmaOf, pennTag, punctuationTag } from './compromise-pos';
import { labelEntities, type LabelledSentence, type LabelledToken, type Timex } from './compromise-ner';
import { textBlocks, tokenizeBlock, type SentenceJson, type TermJson } from './compromise-tokens';
import { findQuotes } from './quotes';

/**
 * The in-process NLP backend (docs/nlp-compromise.md): compromise 14 with compromise-dates, no JVM and no
 * network. It gives sentences, tokens with Penn tags, lemmas and CoreNLP-style NER labels, mentions and
 * quotes; it has no dependency parser (dependencies are null), no coreference and no quote attribution.
 */

nlp.plugin(datesPlugin);

interface DateMatch {
  terms: TermJson[];
  dates?: { start: string | null; unit?: string };
  duration?: Record<string, number>;
}

interface DatesView {
  dates(options: { today: string; timezone: string }): { json(options: object): DateMatch[] };
  durations(): { json(options: object): DateMatch[] };
}

const JSON_OPTIONS = { offset: true, terms: { offset: true } };

export class CompromiseBackend implements NlpBackend {
  readonly name = 'compromise';

  async parse(text: string, date: string): Promise<ParsedText> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new BadUserInputError(`The document date must be YYYY-MM-DD, got "${date}".`);
    }
    const sentences: LabelledSentence[] = [];
    const timexes: Timex[] = [];
    for (const block of textBlocks(text)) {
      // Newlines inside a hard-wrapped block would end compromise's sentences; spaces keep every offset.
      const blockText = text.slice(block.begin, block.end).replace(/[\r\n]/g, ' ');
      const doc = nlp(blockText);
      doc.compute('root');
      const parts = tokenizeBlock(blockText, block.begin, doc.json(JSON_OPTIONS) as SentenceJson[]);
      for (const raw of parts)
        sentences.push({ tokens: tagTokens(raw, block.heading), heading: block.heading });
      // compromise's own tagger marks date words; the plugin's second pass is the slow part, so it runs
      // only where there is one.
      if (doc.has('#Date'))
        timexes.push(...findTimexes(doc as unknown as DatesView, blockText, block.begin, date));
    }
    labelEntities(sentences, text, timexes);
    return {
      backend: this.name,
      text,
      sentences: sentences.map((sentence, index) => toParsedSentence(text, sentence.tokens, index)),
      coref: [],
      quotes: findQuotes(text),
    };
  }
}

function tagTokens(raw: ReturnType<typeof tokenizeBlock>[number], heading: boolean): LabelledToken[] {
  const tokens: LabelledToken[] = [];
  for (const token of raw) {
    const context = {
      previous: tokens.map((t) => t.pos),
      previousWords: tokens.map((t) => t.text.toLowerCase()),
      heading,
    };
    const pos =
      token.pos ??
      (token.punctuation ? punctuationTag(token.text) : pennTag(token.tags, token.text, context));
    const lemma = token.lemma ?? (token.punctuation ? token.text : lemmaOf(pos, token.text, token.root));
    tokens.push({ ...token, pos, lemma, ner: 'O' });
  }
  return tokens;
}

/** compromise-dates' dates and durations in a block, resolved against the document date. */
function findTimexes(doc: DatesView, block: string, base: number, date: string): Timex[] {
  const timexes: Timex[] = [];
  for (const { match, offset } of dateMatches(doc, block, date)) {
    const normalized = nearestYear(normalizedDate(match.dates), match.terms, date);
    // A match compromise-dates could not resolve is as likely not a date at all ("In 3 weeks, 5 people").
    if (normalized === undefined) continue;
    timexes.push({ terms: termKeys(match, base + offset), label: 'DATE', normalized });
  }
  // Durations last, so that "a 30-day ceasefire" is a duration even where a date match covers it too.
  for (const match of doc.durations().json(JSON_OPTIONS)) {
    timexes.push({
      terms: termKeys(match, base),
      label: 'DURATION',
      normalized: isoDuration(match.duration ?? {}),
    });
  }
  return timexes;
}

function termKeys(match: DateMatch, base: number): Set<number> {
  return new Set(match.terms.map((term) => base + term.offset.start));
}

/**
 * compromise-dates runs a list of dates together ("on 2025-04-02; yesterday", "March 3, in May"); such a
 * match is cut at its commas and semicolons (not before a year: "March 20th, 2024") and each piece is
 * read again on its own. `offset` is where the text the match was read in starts in the block.
 */
function dateMatches(
  doc: DatesView,
  block: string,
  date: string,
): Array<{ match: DateMatch; offset: number }> {
  const options = { today: date, timezone: 'UTC' };
  const result: Array<{ match: DateMatch; offset: number }> = [];
  for (const match of doc.dates(options).json(JSON_OPTIONS)) {
    const pieces = cutAtLists(match.terms, block);
    if (pieces.length === 1) {
      result.push({ match, offset: 0 });
      continue;
    }
    for (const [from, to] of pieces) {
      const piece = nlp(block.slice(from, to)) as unknown as DatesView;
      result.push(
        ...piece
          .dates(options)
          .json(JSON_OPTIONS)
          .map((sub) => ({ match: sub, offset: from })),
      );
    }
  }
  return result;
}

function cutAtLists(terms: readonly TermJson[], block: string): Array<[number, number]> {
  const visible = terms.filter((term) => term.text !== '');
  const pieces: Array<[number, number]> = [];
  let from = visible[0]?.offset.start ?? 0;
  visible.forEach((term, i) => {
    const end = term.offset.start + term.offset.length;
    const next = visible[i + 1];
    const listMark = next !== undefined && /[,;]/.test(block.slice(end, next.offset.start));
    if (next === undefined || (listMark && !/^\d{4}$/.test(next.text))) {
      pieces.push([from, end]);
      if (next) from = next.offset.start;
    }
  });
  return pieces;
}

/**
 * compromise-dates puts a month and day without a year ("Jan. 5") in the future; news reports mostly look
 * back. Without a written year, the year that puts the date nearest the document date wins, as SUTime does.
 */
function nearestYear(
  normalized: string | undefined,
  terms: readonly TermJson[],
  date: string,
): string | undefined {
  if (normalized === undefined || !/^\d{4}-\d{2}/.test(normalized)) return normalized;
  const hasMonth = terms.some((term) => term.tags.includes('Month'));
  const hasYear = terms.some((term) => /\d{4}/.test(term.text));
  if (!hasMonth || hasYear) return normalized;
  const documentTime = Date.parse(`${date}T00:00:00Z`);
  const year = Number(date.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map((y) => `${y}${normalized.slice(4)}`);
  const distance = (candidate: string) =>
    Math.abs(Date.parse(`${candidate.slice(0, 7)}-01T00:00:00Z`) - documentTime);
  return candidates.reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best));
}

/** YYYY-MM-DD for a day, YYYY-MM for a month, YYYY for a year, YYYY-Www for a week (as CoreNLP's SUTime). */
export function normalizedDate(date: DateMatch['dates']): string | undefined {
  if (!date?.start) return undefined;
  const day = date.start.slice(0, 10);
  if (date.unit === 'year') return day.slice(0, 4);
  if (date.unit === 'month') return day.slice(0, 7);
  if (date.unit === 'week') return isoWeek(day);
  return day;
}

function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // The ISO week's year is the year of its Thursday.
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3);
  const year = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const DATE_UNITS: Record<string, string> = { year: 'Y', month: 'M', week: 'W', day: 'D' };
const TIME_UNITS: Record<string, string> = { hour: 'H', minute: 'M', second: 'S' };

/** ISO 8601 duration ("P30D", "PT2H") from compromise-dates' { day: 30 }. */
function isoDuration(duration: Record<string, number>): string | undefined {
  const part = (units: Record<string, string>) =>
    Object.entries(duration)
      .map(([unit, value]) => [units[unit.replace(/s$/, '')], value] as const)
      .filter(([code, value]) => code !== undefined && value > 0)
      .map(([code, value]) => `${value}${code}`)
      .join('');
  const date = part(DATE_UNITS);
  const time = part(TIME_UNITS);
  if (date === '' && time === '') return undefined;
  return `P${date}${time === '' ? '' : `T${time}`}`;
}

function toParsedSentence(text: string, tokens: LabelledToken[], index: number): ParsedSentence {
  const parsed: ParsedToken[] = tokens.map((token, i) => ({
    index: i,
    text: token.text,
    lemma: token.lemma,
    pos: token.pos,
    ner: token.ner,
    ...(token.normalizedNer === undefined ? {} : { normalizedNer: token.normalizedNer }),
    begin: token.begin,
    end: token.end,
  }));
  return {
    index,
    begin: parsed[0].begin,
    end: parsed[parsed.length - 1].end,
    tokens: parsed,
    dependencies: null,
    mentions: mentionsOf(text, parsed),
  };
}

/** Runs of tokens with one NER label (and one normalised value): CoreNLP's entity mentions. */
function mentionsOf(text: string, tokens: ParsedToken[]): NerMention[] {
  const mentions: NerMention[] = [];
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    const first = tokens[start];
    const same =
      i < tokens.length && tokens[i].ner === first.ner && tokens[i].normalizedNer === first.normalizedNer;
    if (same) continue;
    if (first.ner !== 'O') {
      const last = tokens[i - 1];
      mentions.push({
        tokenBegin: start,
        tokenEnd: i,
        begin: first.begin,
        end: last.end,
        text: text.slice(first.begin, last.end),
        ner: first.ner,
        ...(first.normalizedNer === undefined ? {} : { normalized: first.normalizedNer }),
      });
    }
    start = i;
  }
  return mentions;
}
