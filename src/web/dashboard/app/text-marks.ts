import { h } from './dom';

/** A span of a document's text in Unicode code points, as the API gives every offset. */
export interface Span {
  start: number;
  end: number;
  /** Shown as a tooltip: which edges quote it, which sentence it is. */
  labels?: string[];
  id?: string;
  /** For sentences: holds evidence (strong) rather than only a mention of the entity. */
  strong?: boolean;
}

export interface TextMarks {
  /** Highlighted as a whole (the sentences that hold the evidence). */
  sentences: Span[];
  /** Marked with <mark>: the verbatim quotes. */
  quotes: Span[];
  /** Underlined: where the entity is named. */
  mentions: Span[];
}

/** Overlapping spans of one layer become one (two edges often quote overlapping words). */
function merge(spans: Span[], length: number): Span[] {
  const sorted = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.labels = [...new Set([...(last.labels ?? []), ...(span.labels ?? [])])];
      last.strong = last.strong || span.strong;
    } else {
      merged.push({ ...span, labels: [...(span.labels ?? [])] });
    }
  }
  return merged;
}

type Layer = { spans: Span[]; wrap: (span: Span) => HTMLElement };

/**
 * Renders `text` with three nested layers of highlighting: sentence ⊃ quote ⊃ mention. Offsets are code
 * points, so the text is split with Array.from (a JS string index counts UTF-16 units and would drift
 * after any astral character). Each layer is clipped to the span of the layer above, so a quote that
 * strayed outside its sentence still shows, just split at the boundary.
 */
export function renderMarkedText(text: string, marks: TextMarks): DocumentFragment {
  const points = Array.from(text);
  const layers: Layer[] = [
    {
      spans: merge(marks.sentences, points.length),
      wrap: (s) =>
        h('span', {
          class: s.strong ? 'ev-sentence' : 'ev-sentence ev-sentence-mention',
          'data-sentence-id': s.id,
          title: s.labels?.join('\n') || undefined,
        }),
    },
    {
      spans: merge(marks.quotes, points.length),
      wrap: (s) => h('mark', { class: 'ev-quote', title: s.labels?.join('\n') || undefined }),
    },
    { spans: merge(marks.mentions, points.length), wrap: () => h('span', { class: 'ev-mention' }) },
  ];

  const render = (start: number, end: number, depth: number, into: Node): void => {
    const layer = layers[depth];
    if (!layer) {
      into.appendChild(document.createTextNode(points.slice(start, end).join('')));
      return;
    }
    let at = start;
    for (const span of layer.spans) {
      if (span.end <= start || span.start >= end) continue;
      const from = Math.max(span.start, start);
      const to = Math.min(span.end, end);
      if (from > at) render(at, from, depth + 1, into);
      const el = layer.wrap(span);
      render(from, to, depth + 1, el);
      into.appendChild(el);
      at = to;
    }
    if (at < end) render(at, end, depth + 1, into);
  };

  const fragment = document.createDocumentFragment();
  render(0, points.length, 0, fragment);
  return fragment;
}
