/**
 * A claim's date from the date words of its sentence, as the NLP backend normalised them against the
 * document's date. A weekday the backend put before the document date in a sentence about what is to come
 * ("talks set to resume on Sunday") is the next one, not the last.
 */
import { Sentence } from './syntax';

const FUTURE = /\b(will|set to|scheduled|to resume|expected to|plans? to|next|upcoming|due to)\b/i;
const WEEKDAY = /^(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

export function resolveDate(
  s: Sentence,
  article: string,
  documentDate?: string,
): { date: string; text: string } | undefined {
  for (const m of s.source.mentions) {
    if (m.ner !== 'DATE' || !m.normalized || !/^\d{4}-\d{2}-\d{2}$/.test(m.normalized)) continue;
    let date = m.normalized;
    const sentence = article.slice(s.source.begin, s.source.end);
    if (documentDate && date < documentDate && WEEKDAY.test(m.text.trim()) && FUTURE.test(sentence)) {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 7);
      date = d.toISOString().slice(0, 10);
    }
    return { date, text: m.text };
  }
  return undefined;
}
