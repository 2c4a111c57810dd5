import { z } from 'zod';
import { ServiceError } from '../../domain/errors';
import type {
  CorefChain,
  Dependency,
  NerMention,
  ParsedSentence,
  ParsedText,
  ParsedToken,
  QuoteSpan,
} from '../types';
import { bareWeekday, clauseTense, resolveWeekday } from './weekdays';

/**
 * CoreNLP's JSON output (outputFormat json) → ParsedText. Only what the drafter uses is read, and it is
 * checked here, at the boundary.
 *
 * Offsets: CoreNLP counts in Java chars, which are JavaScript's UTF-16 code units, so curly quotes, dashes,
 * emoji and CRLF line ends need no translation (checked on 4.5.10 with text/plain bodies). Each token is
 * still checked against the text by its originalText, and searched for from the previous token's end when
 * it is not where CoreNLP says (a server that counts code points, or a body that was decoded on the way);
 * sentences, mentions and quotes take their offsets from their tokens. `text.slice(begin, end)` is each
 * one's text, exactly.
 */

const token = z.object({
  index: z.number().int(),
  originalText: z.string(),
  lemma: z.string().default(''),
  pos: z.string().default(''),
  ner: z.string().default('O'),
  normalizedNER: z.string().optional(),
  characterOffsetBegin: z.number().int(),
  characterOffsetEnd: z.number().int(),
});
const dependency = z.object({ dep: z.string(), governor: z.number().int(), dependent: z.number().int() });
const entityMention = z.object({
  tokenBegin: z.number().int(),
  tokenEnd: z.number().int(),
  ner: z.string(),
  normalizedNER: z.string().optional(),
});
const sentence = z.object({
  index: z.number().int(),
  tokens: z.array(token),
  basicDependencies: z.array(dependency).optional(),
  enhancedPlusPlusDependencies: z.array(dependency).optional(),
  entitymentions: z.array(entityMention).default([]),
});
const corefMention = z.object({
  type: z.enum(['PRONOMINAL', 'NOMINAL', 'PROPER', 'LIST']),
  sentNum: z.number().int(),
  startIndex: z.number().int(),
  endIndex: z.number().int(),
  isRepresentativeMention: z.boolean(),
});
const quote = z.object({
  beginToken: z.number().int(),
  endToken: z.number().int(),
  /** Set only when the quote sieves found the speaker's mention in the text. */
  mention: z.string().optional(),
  speaker: z.string().optional(),
  canonicalSpeaker: z.string().optional(),
});
export const coreNlpDocument = z.object({
  sentences: z.array(sentence),
  corefs: z.record(z.string(), z.array(corefMention)).default({}),
  quotes: z.array(quote).default([]),
});
export type CoreNlpDocument = z.infer<typeof coreNlpDocument>;

type RawToken = z.infer<typeof token>;
type RawSentence = z.infer<typeof sentence>;

function malformed(detail: string): ServiceError {
  return new ServiceError('INTERNAL', `CoreNLP answered something this backend cannot read: ${detail}`);
}

/** Places every token in the text (see the header); returns [begin, end] per token, document order. */
function placeTokens(text: string, sentences: readonly RawSentence[]): Array<[number, number]> {
  const placed: Array<[number, number]> = [];
  let cursor = 0;
  let shift = 0;
  for (const s of sentences) {
    for (const t of s.tokens) {
      let begin = t.characterOffsetBegin + shift;
      if (begin < cursor || !text.startsWith(t.originalText, begin)) {
        begin = text.indexOf(t.originalText, cursor);
        if (begin < 0 || t.originalText === '') {
          throw malformed(
            `token ${JSON.stringify(t.originalText)} is not in the text after offset ${cursor}`,
          );
        }
        shift = begin - t.characterOffsetBegin;
      }
      cursor = begin + t.originalText.length;
      placed.push([begin, cursor]);
    }
  }
  return placed;
}

/** CoreNLP numbers tokens from 1 and the root 0; ParsedText from 0 and the root -1. */
function dependencies(raw: z.infer<typeof dependency>[] | undefined): Dependency[] | null {
  if (!raw) return null;
  return raw.map((d) => ({ rel: d.dep, head: d.governor - 1, dependent: d.dependent - 1 }));
}

/** Bare weekdays get the date weekdays.ts gives (SUTime's depends on earlier requests); other dates stay. */
function redateWeekdays(s: RawSentence, tokens: ParsedToken[], mentions: NerMention[], date: string): void {
  const tree = dependencies(s.basicDependencies);
  if (!tree) return;
  const heads = tokens.map((t) => ({ word: t.text, pos: t.pos, head: -1, rel: '' }));
  for (const d of tree) Object.assign(heads[d.dependent], { head: d.head, rel: d.rel });
  for (const m of mentions) {
    if (m.ner !== 'DATE' && m.ner !== 'TIME') continue;
    const span = tokens.slice(m.tokenBegin, m.tokenEnd);
    const weekday = bareWeekday(span.map((t) => t.text));
    const day = span.find((t) => bareWeekday([t.text]) !== undefined);
    if (weekday === undefined || !day || !m.normalized || !/^\d{4}-\d{2}-\d{2}/.test(m.normalized)) continue;
    const resolved = resolveWeekday(date, weekday, clauseTense(heads, day.index));
    m.normalized = resolved + m.normalized.slice(10);
    for (const t of span) if (t.normalizedNer) t.normalizedNer = resolved + t.normalizedNer.slice(10);
  }
}

function speakerOf(q: z.infer<typeof quote>): string | undefined {
  // Without a speaker mention CoreNLP still names someone ("Baseline Top": the most prominent person
  // nearby); on the seed both such guesses were wrong, so only attributions it found in the text count.
  if (!q.mention) return undefined;
  const known = (name: string | undefined) => (name && name !== 'Unknown' ? name : undefined);
  return known(q.canonicalSpeaker) ?? known(q.speaker) ?? q.mention;
}

/** Converts CoreNLP's JSON for `text` (parsed with document date `date`, YYYY-MM-DD) to a ParsedText. */
export function toParsedText(text: string, date: string, json: unknown): ParsedText {
  const parsed = coreNlpDocument.safeParse(json);
  if (!parsed.success) throw malformed(parsed.error.issues[0]?.message ?? 'unexpected JSON');
  const doc = parsed.data;
  const offsets = placeTokens(text, doc.sentences);
  const documentTokens: ParsedToken[] = [];
  const sentences: ParsedSentence[] = doc.sentences.map((s, sentenceIndex) => {
    const tokens = s.tokens.map((t: RawToken, i): ParsedToken => {
      const [begin, end] = offsets[documentTokens.length + i];
      return {
        index: i,
        text: text.slice(begin, end),
        lemma: t.lemma,
        pos: t.pos,
        ner: t.ner,
        ...(t.normalizedNER !== undefined ? { normalizedNer: t.normalizedNER } : {}),
        begin,
        end,
      };
    });
    documentTokens.push(...tokens);
    const mentions = s.entitymentions
      .filter((m) => m.tokenBegin >= 0 && m.tokenEnd <= tokens.length && m.tokenBegin < m.tokenEnd)
      .map((m): NerMention => {
        const begin = tokens[m.tokenBegin].begin;
        const end = tokens[m.tokenEnd - 1].end;
        return {
          tokenBegin: m.tokenBegin,
          tokenEnd: m.tokenEnd,
          begin,
          end,
          text: text.slice(begin, end),
          ner: m.ner,
          ...(m.normalizedNER !== undefined ? { normalized: m.normalizedNER } : {}),
        };
      });
    redateWeekdays(s, tokens, mentions, date);
    return {
      index: sentenceIndex,
      begin: tokens[0]?.begin ?? 0,
      end: tokens[tokens.length - 1]?.end ?? 0,
      tokens,
      dependencies: dependencies(s.enhancedPlusPlusDependencies ?? s.basicDependencies),
      mentions,
    };
  });

  const coref: CorefChain[] = [];
  for (const chain of Object.values(doc.corefs)) {
    const mentions = chain.flatMap((m) => {
      const s = sentences[m.sentNum - 1];
      const [tokenBegin, tokenEnd] = [m.startIndex - 1, m.endIndex - 1];
      if (!s || tokenBegin < 0 || tokenEnd > s.tokens.length || tokenBegin >= tokenEnd) return [];
      const begin = s.tokens[tokenBegin].begin;
      const end = s.tokens[tokenEnd - 1].end;
      const type = m.type;
      const isRepresentative = m.isRepresentativeMention;
      return [
        {
          sentence: s.index,
          tokenBegin,
          tokenEnd,
          begin,
          end,
          text: text.slice(begin, end),
          type,
          isRepresentative,
        },
      ];
    });
    // A chain of one mention links nothing.
    if (mentions.length > 1) coref.push({ mentions });
  }

  const quotes: QuoteSpan[] = doc.quotes.flatMap((q) => {
    const first = documentTokens[q.beginToken];
    const last = documentTokens[q.endToken];
    if (!first || !last || last.end < first.begin) return [];
    const speaker = speakerOf(q);
    const span = { begin: first.begin, end: last.end, text: text.slice(first.begin, last.end) };
    return [speaker ? { ...span, speaker } : span];
  });

  return { backend: 'corenlp', text, sentences, coref, quotes };
}
