import { ClaimAnnotation, FactAnnotation } from './annotation';
import { SegmentedText, occurrences } from './text';
import { CheckedAnnotation, Path, ProblemList } from './validate-schema';

/** A quote resolved to a place in the text (UTF-16 indices) and the sentence holding it. */
export interface ResolvedQuote {
  quote: string;
  from: number;
  to: number;
  sentence: number;
}

/** The quotes of each claim and fact, by the item's index in its list. */
export interface ResolvedQuotes {
  claims: Map<number, ResolvedQuote[]>;
  facts: Map<number, ResolvedQuote[]>;
}

/**
 * Finds every claim's and fact's quotes in the text: evidence is only evidence if a reader can find it, so
 * a quote that is missing, ambiguous or split across sentences is reported where the annotator wrote it.
 */
export function resolveQuotes(
  text: string,
  segmented: SegmentedText,
  checked: Pick<CheckedAnnotation, 'claims' | 'facts'>,
  problems: ProblemList,
): ResolvedQuotes {
  const quotes: ResolvedQuotes = { claims: new Map(), facts: new Map() };
  const resolveAll = (section: 'claims' | 'facts', index: number, item: ClaimAnnotation | FactAnnotation) => {
    const base: Path = [section, index];
    if (item.quote !== undefined && item.evidence !== undefined) {
      problems.add(
        [...base, 'evidence'],
        'INVALID_FIELD',
        'give either quote (with occurrence) or evidence, not both',
      );
      return;
    }
    if (item.quote === undefined && item.evidence === undefined) {
      problems.add(
        [...base, 'quote'],
        'MISSING_QUOTE',
        'every claim and fact needs a verbatim quote from the article',
      );
      return;
    }
    if (item.quote === undefined && item.occurrence !== undefined) {
      problems.add(
        [...base, 'occurrence'],
        'INVALID_FIELD',
        'occurrence goes with quote; inside evidence give it per quote',
      );
    }
    const refs = item.evidence
      ? item.evidence.map((e, i) => ({ ...e, path: [...base, 'evidence', i, 'quote'] as Path }))
      : [{ quote: item.quote as string, occurrence: item.occurrence, path: [...base, 'quote'] as Path }];
    const resolved: ResolvedQuote[] = [];
    for (const r of refs) {
      const found = resolveQuote(text, segmented, r.quote, r.occurrence);
      if ('error' in found)
        problems.add(
          found.field === 'occurrence' ? [...r.path.slice(0, -1), 'occurrence'] : r.path,
          found.code,
          found.error,
        );
      else resolved.push(found);
    }
    quotes[section].set(index, resolved);
  };
  checked.claims.forEach(({ item, index }) => resolveAll('claims', index, item));
  checked.facts.forEach(({ item, index }) => resolveAll('facts', index, item));
  return quotes;
}

/** Where the quote stands: the occurrence asked for, inside one sentence of running text; else why not. */
export function resolveQuote(
  text: string,
  segmented: SegmentedText,
  quote: string,
  occurrence: number | undefined,
): ResolvedQuote | { error: string; code: string; field?: 'occurrence' } {
  const at = occurrences(text, quote);
  if (at.length === 0) {
    const loose = text.toLowerCase().includes(quote.toLowerCase());
    const quotesDiffer = text.includes(
      quote.replace(/'/g, '’').replace(/"(\S)/g, '“$1').replace(/(\S)"/g, '$1”'),
    );
    const hint = quotesDiffer
      ? ' (the article uses typographic quotes and apostrophes: ’ “ ”)'
      : loose
        ? ' (it occurs with different capitalisation)'
        : '';
    return { code: 'QUOTE_NOT_FOUND', error: `quote not found verbatim in the article${hint}: "${quote}"` };
  }
  if (occurrence === undefined && at.length > 1) {
    return {
      code: 'QUOTE_AMBIGUOUS',
      error: `quote occurs ${at.length} times in the article; add occurrence: 1..${at.length}`,
    };
  }
  if (occurrence !== undefined && occurrence > at.length) {
    return {
      code: 'OCCURRENCE_OUT_OF_RANGE',
      field: 'occurrence',
      error: `occurrence ${occurrence} asked, but the quote occurs ${at.length} time(s)`,
    };
  }
  const from = at[(occurrence ?? 1) - 1];
  const to = from + quote.length;
  const heading = segmented.headings.find((h) => from < h.span.to && to > h.span.from);
  if (heading)
    return {
      code: 'QUOTE_IN_HEADING',
      error: `quote lies in the heading "${heading.text}"; quote the running text`,
    };
  const sentences = segmented.sentences.filter((s) => from < s.span.to && to > s.span.from);
  if (sentences.length !== 1 || from < sentences[0].span.from || to > sentences[0].span.to) {
    return {
      code: 'QUOTE_SPANS_SENTENCES',
      error:
        sentences.length > 1
          ? `quote spans sentences ${sentences.map((s) => s.index).join(', ')}; give one quote per sentence (evidence: [...])`
          : 'quote does not lie within one sentence',
    };
  }
  return { quote, from, to, sentence: sentences[0].index };
}
