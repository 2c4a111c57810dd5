import { BadUserInputError, ServiceError } from '../../domain/errors';
import type { NlpBackend, ParsedText } from '../types';
import { toParsedText } from './corenlp-json';

/**
 * The annotators the drafter reads: tokens, lemmas, tags, NER with normalised dates, parses, coreference.
 * Not `quote`: the drafter finds a quote's speaker from the grammar ("…, X said"), CoreNLP's attribution was
 * wrong on both of the seed's quotes, and it costs a quarter of the parse (seed, warm: 1.4 s without it,
 * 1.5–2.4 s with it).
 */
export const CORENLP_ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse,coref';

/** The first request after a start loads the models (20–35 s here), so the default leaves room for it. */
const DEFAULT_TIMEOUT_MS = 120_000;

/** The request's properties (docs/nlp-runtime.md says why each is set). */
export function coreNlpProperties(date: string): Record<string, string> {
  return {
    annotators: CORENLP_ANNOTATORS,
    outputFormat: 'json',
    'ner.applyFineGrained': 'true',
    // One paragraph a line, and headings without a full stop: every line break ends a sentence.
    'ssplit.newlineIsSentenceBreak': 'always',
    // SUTime resolves relative dates ("on Sunday", "next week") against the document's date.
    date: `${date}T00:00:00`,
  };
}

/** What a caller should do when CoreNLP cannot be used: start it, or say where it is. */
const REMEDY =
  'Unset CORENLP_URL to let the project start its own (`npm run corenlp:resolve` fetches it once), ' +
  'or start one with `npm run corenlp:start` and set CORENLP_URL to the URL it prints.';

/** Stanford CoreNLP over HTTP: a server the project started (src/runtime/corenlp-server.ts) or CORENLP_URL. */
export class CoreNlpBackend implements NlpBackend {
  readonly name = 'corenlp';
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: { url: string; timeoutMs?: number }) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async parse(text: string, date: string): Promise<ParsedText> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new BadUserInputError(
        `The document date must be a date such as 2025-03-18, not ${JSON.stringify(date)}.`,
      );
    }
    const where = this.origin();
    const query = encodeURIComponent(JSON.stringify(coreNlpProperties(date)));
    let json: unknown;
    try {
      const response = await fetch(`${this.url}/?properties=${query}`, {
        method: 'POST',
        // Not form-urlencoded: CoreNLP would URL-decode the text ("5%25" → "5%", "C++" → "C").
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: text,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        const answer = (await response.text()).trim().slice(0, 300);
        throw new ServiceError(
          'NLP_UNAVAILABLE',
          `CoreNLP at ${where} answered HTTP ${response.status}${answer ? `: ${answer}` : ''}. ` +
            'A text over its limit (100,000 characters by default) or over its 120 s annotation timeout is refused.',
        );
      }
      json = await response.json();
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw this.unavailable(where, error);
    }
    return toParsedText(text, date, json);
  }

  private unavailable(where: string, error: unknown): ServiceError {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new ServiceError(
        'NLP_UNAVAILABLE',
        `CoreNLP at ${where} did not answer within ${this.timeoutMs / 1000} s. The first request after it starts ` +
          'loads its models (about 30 s); try again, or give a longer timeout.',
        {},
        error,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    return new ServiceError(
      'NLP_UNAVAILABLE',
      `CoreNLP is not reachable at ${where} (${why}). ${REMEDY}`,
      {},
      error,
    );
  }

  /** The URL without credentials or path, for messages. */
  private origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'CORENLP_URL';
    }
  }
}
