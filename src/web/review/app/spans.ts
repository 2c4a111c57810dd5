import type { DraftItem, Span } from './types';

/**
 * Where items lie on the text, as runs of characters covered by the same items. Overlapping spans are the
 * rule (an entity inside a claim's quote, two claims on one sentence), so the text is cut at every span's
 * edge and each piece lists every item over it, the most specific (shortest span) first: a click on a piece
 * selects that one, the next click the next one. No DOM here (tests/unit).
 */

export interface Segment {
  begin: number;
  end: number;
  /** Item keys over this piece, shortest span first. */
  keys: string[];
}

export interface Placed {
  key: string;
  spans: Span[];
}

export function segments(textLength: number, items: readonly Placed[]): Segment[] {
  const spans: { key: string; begin: number; end: number }[] = [];
  for (const item of items) {
    for (const s of item.spans) {
      const begin = Math.max(0, Math.min(textLength, s.begin));
      const end = Math.max(0, Math.min(textLength, s.end));
      if (end > begin) spans.push({ key: item.key, begin, end });
    }
  }
  const cuts = [...new Set([0, textLength, ...spans.flatMap((s) => [s.begin, s.end])])].sort((a, b) => a - b);
  spans.sort((a, b) => a.begin - b.begin);
  const out: Segment[] = [];
  let next = 0;
  let active: typeof spans = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [begin, end] = [cuts[i], cuts[i + 1]];
    active = active.filter((s) => s.end > begin);
    while (next < spans.length && spans[next].begin <= begin) active.push(spans[next++]);
    const covering = active.filter((s) => s.begin <= begin && s.end >= end);
    // One entry per item, by its shortest span over this piece.
    const shortest = new Map<string, number>();
    for (const s of covering) {
      const length = s.end - s.begin;
      if (!shortest.has(s.key) || length < shortest.get(s.key)!) shortest.set(s.key, length);
    }
    const keys = [...shortest].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([k]) => k);
    out.push({ begin, end, keys });
  }
  return out;
}

/** UTF-16 offset of each code point index (only built for a text that has characters outside the BMP). */
function codePointToUtf16(text: string): number[] {
  const map: number[] = [];
  let offset = 0;
  for (const ch of text) {
    map.push(offset);
    offset += ch.length;
  }
  map.push(offset);
  return map;
}

/**
 * The drafter's offsets are JavaScript string offsets (src/draft/types.ts), the API's evidence offsets code
 * points. They differ only after a character outside the BMP (an emoji); should the draft's come in code
 * points, the quotes say so, and the offsets are converted so that text.slice(begin, end) is the quote.
 */
export function inUtf16(text: string, items: DraftItem[]): DraftItem[] {
  if (!/[\u{10000}-\u{10FFFF}]/u.test(text)) return items;
  const quoted = items.filter((i) => i.quote);
  const asIs = quoted.filter((i) => text.slice(i.begin, i.end) === i.quote).length;
  const map = codePointToUtf16(text);
  const at = (n: number) => map[Math.max(0, Math.min(map.length - 1, n))];
  const converted = quoted.filter((i) => text.slice(at(i.begin), at(i.end)) === i.quote).length;
  if (converted <= asIs) return items;
  return items.map((i) => ({
    ...i,
    begin: at(i.begin),
    end: at(i.end),
    spans: i.spans.map((s) => ({ begin: at(s.begin), end: at(s.end) })),
  }));
}
