/**
 * Stanford CoreNLP as the drafter's NLP backend (docs/draft.md): its HTTP server, a separate process (GPL),
 * asked for tokens, lemmas, tags, named entities with normalised dates, enhanced++ dependencies,
 * coreference and quotes, and its JSON turned into the project's ParsedText.
 */
import { ServiceError } from '../../domain/errors';
import type { CorefChain, ParsedSentence, ParsedText, NlpBackend, QuoteSpan } from '../types';

interface CoreNlpToken {
  index: number;
  originalText: string;
  lemma: string;
  pos: string;
  ner: string;
  normalizedNER?: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
}
interface CoreNlpSentence {
  tokens: CoreNlpToken[];
  enhancedPlusPlusDependencies?: Array<{ dep: string; governor: number; dependent: number }>;
  entitymentions?: Array<{
    tokenBegin: number;
    tokenEnd: number;
    characterOffsetBegin: number;
    characterOffsetEnd: number;
    text: string;
    ner: string;
    normalizedNER?: string;
  }>;
}
interface CoreNlpCoref {
  sentNum: number;
  startIndex: number;
  endIndex: number;
  text: string;
  type: string;
  isRepresentativeMention: boolean;
}
interface CoreNlpDocument {
  sentences: CoreNlpSentence[];
  corefs?: Record<string, CoreNlpCoref[]>;
  quotes?: Array<{
    beginIndex: number;
    endIndex: number;
    text: string;
    canonicalSpeaker?: string;
    speaker?: string;
  }>;
}

// No 'quote': the drafter does not use its speakers (PLATFORM.md: they can be wrong), and it costs a quarter of
// the parse (seed article, warm: 1.4 s without, 1.5–2.4 s with).
export const ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse,coref';

/**
 * CoreNLP counts offsets in Unicode code points; JavaScript strings in UTF-16 units. The map turns the one
 * into the other (identical unless the text has characters outside the Basic Multilingual Plane).
 */
function codePointOffsets(text: string): (cp: number) => number {
  const units: number[] = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  return (cp) => units[Math.min(cp, units.length - 1)];
}

/** CoreNLP's JSON as the project's ParsedText (exported for the unit test of the conversion). */
export function toParsedText(text: string, doc: CoreNlpDocument): ParsedText {
  const at = codePointOffsets(text);
  const sentences: ParsedSentence[] = doc.sentences.map((s, index) => {
    const tokens = s.tokens.map((t) => ({
      index: t.index - 1,
      text: text.slice(at(t.characterOffsetBegin), at(t.characterOffsetEnd)),
      lemma: t.lemma,
      pos: t.pos,
      ner: t.ner,
      normalizedNer: t.normalizedNER,
      begin: at(t.characterOffsetBegin),
      end: at(t.characterOffsetEnd),
    }));
    return {
      index,
      begin: tokens[0]?.begin ?? 0,
      end: tokens[tokens.length - 1]?.end ?? 0,
      tokens,
      dependencies: (s.enhancedPlusPlusDependencies ?? []).map((d) => ({
        rel: d.dep,
        head: d.governor - 1,
        dependent: d.dependent - 1,
      })),
      mentions: (s.entitymentions ?? []).map((m) => ({
        tokenBegin: m.tokenBegin,
        tokenEnd: m.tokenEnd,
        begin: at(m.characterOffsetBegin),
        end: at(m.characterOffsetEnd),
        text: text.slice(at(m.characterOffsetBegin), at(m.characterOffsetEnd)),
        ner: m.ner,
        normalized: m.normalizedNER,
      })),
    };
  });
  const coref: CorefChain[] = Object.values(doc.corefs ?? {}).map((chain) => ({
    mentions: chain.map((m) => {
      const s = sentences[m.sentNum - 1];
      return {
        sentence: m.sentNum - 1,
        tokenBegin: m.startIndex - 1,
        tokenEnd: m.endIndex - 1,
        begin: s.tokens[m.startIndex - 1].begin,
        end: s.tokens[m.endIndex - 2].end,
        text: m.text,
        type: (['PRONOMINAL', 'NOMINAL', 'PROPER', 'LIST'].includes(m.type)
          ? m.type
          : 'NOMINAL') as CorefChain['mentions'][number]['type'],
        isRepresentative: m.isRepresentativeMention,
      };
    }),
  }));
  const quotes: QuoteSpan[] = (doc.quotes ?? []).map((q) => {
    const speaker = q.canonicalSpeaker ?? q.speaker;
    return {
      begin: at(q.beginIndex),
      end: at(q.endIndex),
      text: text.slice(at(q.beginIndex), at(q.endIndex)),
      speaker: speaker && speaker !== 'Unknown' ? speaker : undefined,
    };
  });
  return { backend: 'corenlp', text, sentences, coref, quotes };
}

export class CoreNlpBackend implements NlpBackend {
  readonly name = 'corenlp';
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: { url: string; timeoutMs?: number }) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  async parse(text: string, date: string): Promise<ParsedText> {
    const properties = {
      annotators: ANNOTATORS,
      outputFormat: 'json',
      'ner.applyFineGrained': 'true',
      // Relative dates ("on Sunday") resolve against the document's date.
      date: `${date}T00:00:00`,
      // A news page's headings carry no full stop: each line ends a sentence.
      'ssplit.newlineIsSentenceBreak': 'always',
    };
    let response: Response;
    try {
      response = await fetch(`${this.url}/?properties=${encodeURIComponent(JSON.stringify(properties))}`, {
        method: 'POST',
        body: text,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServiceError(
        'SERVICE_UNAVAILABLE',
        `CoreNLP at ${this.url} did not answer (${(error as Error).message}); start it (npm run corenlp:start) or set CORENLP_URL, or draft with DRAFT_NLP=compromise.`,
        { reason: 'NLP_UNAVAILABLE' },
        error,
      );
    }
    if (!response.ok)
      throw new ServiceError(
        'SERVICE_UNAVAILABLE',
        `CoreNLP at ${this.url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
        { reason: 'NLP_UNAVAILABLE' },
      );
    return toParsedText(text, (await response.json()) as CoreNlpDocument);
  }
}
