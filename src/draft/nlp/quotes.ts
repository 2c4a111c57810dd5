import type { QuoteSpan } from '../types';

/**
 * Direct quotations by their marks: “…” (curly) and "…" (straight) within one line, with the marks, as
 * CoreNLP's quote annotator gives them. No speaker: attributing a quote needs a parse (docs/nlp-compromise.md).
 * A mark left open at the end of a line (a quote running on into the next paragraph) gives no span.
 */
export function findQuotes(text: string): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  for (const line of text.matchAll(/[^\r\n]+/g)) {
    const base = line.index ?? 0;
    let curly: number | undefined;
    let straight: number | undefined;
    for (const mark of line[0].matchAll(/[“”"]/g)) {
      const at = base + (mark.index ?? 0);
      if (mark[0] === '“') {
        curly ??= at;
      } else if (mark[0] === '”') {
        if (curly !== undefined) quotes.push(span(text, curly, at + 1));
        curly = undefined;
      } else if (straight === undefined) {
        straight = at;
      } else {
        quotes.push(span(text, straight, at + 1));
        straight = undefined;
      }
    }
  }
  return quotes.sort((a, b) => a.begin - b.begin);
}

function span(text: string, begin: number, end: number): QuoteSpan {
  return { begin, end, text: text.slice(begin, end) };
}
