import { type BuiltAnnotation, problemKey } from './annotation';
import { Review, itemKey, readDraft } from './review-state';
import { inUtf16 } from './spans';
import type { Draft, DraftItem, ItemType, Problem } from './types';

/**
 * One drafted article under review, as data (no DOM): the draft and the article as drafted, the analyst's
 * decisions (review-state.ts), each item with its place on the text, the annotation as last built from them
 * (annotation.ts), and the last validation's problems placed on their items. The page (page.ts) holds one
 * at a time and draws it.
 */
export interface Session {
  draft: Draft;
  /** The article exactly as drafted: what Validate, Load and Download send, whatever the box holds now. */
  article: string;
  review: Review;
  items: Map<string, DraftItem>;
  order: string[];
  /** Entities added from the graph that validation said need their name (not registry entities). */
  withName: Set<string>;
  built: BuiltAnnotation;
  problems: Map<string, Problem[]>;
  general: Problem[];
}

/** The draft's items keyed as the review keys its rows; rows the items lack get an item without spans. */
function itemsFor(draft: Draft, article: string, review: Review): Map<string, DraftItem> {
  const items = new Map<string, DraftItem>();
  const facts = review.model.rows.filter((r) => r.type === 'FACT');
  for (const raw of inUtf16(article, draft.items)) {
    const item = { ...raw, type: raw.type.toUpperCase() as ItemType, spans: raw.spans ?? [] };
    let key = itemKey(item.type, item.id);
    // Should a fact come with another id than fact-<n>, its ends and type find its entry.
    if (item.type === 'FACT' && !review.model.byKey.has(key)) {
      const row = facts.find(
        (r) =>
          !items.has(r.key) &&
          r.values.from === item.from &&
          r.values.to === item.to &&
          r.values.type === item.kind,
      );
      if (row) key = row.key;
    }
    if (!review.model.byKey.has(key) || items.has(key)) continue;
    if (!item.spans.length && item.end > item.begin) item.spans = [{ begin: item.begin, end: item.end }];
    items.set(key, item);
  }
  for (const row of review.model.rows) {
    if (items.has(row.key)) continue;
    items.set(row.key, {
      type: row.type,
      id: row.id,
      kind: row.values.kind ?? row.values.type ?? '',
      confidence: row.confidence ?? 1,
      quote: '',
      begin: 0,
      end: 0,
      spans: [],
      reason: 'In the draft’s YAML, not among its marked items.',
      linkedTo: null,
      from: row.values.from ?? row.values.by ?? null,
      to: row.values.to ?? row.values.on ?? null,
      polarity: null,
    });
  }
  return items;
}

/** A new draft under review: its items in text order (those not on the text last), nothing decided yet. */
export function openSession(draft: Draft, article: string): Session {
  const review = new Review(readDraft(draft.yaml));
  const items = itemsFor(draft, article, review);
  const order = [...items.keys()].sort((a, b) => {
    const [x, y] = [items.get(a)!, items.get(b)!];
    const [px, py] = [x.spans.length ? x.begin : Infinity, y.spans.length ? y.begin : Infinity];
    return px - py || a.localeCompare(b);
  });
  return {
    draft,
    article,
    review,
    items,
    order,
    withName: new Set(),
    built: { yaml: draft.yaml, rows: { entities: [], claims: [], facts: [] }, added: [] },
    problems: new Map(),
    general: [],
  };
}

/** Problems next to their items; those of the document as a whole (or of no item) apart. */
export function placeProblems(s: Session, problems: Problem[]): void {
  s.problems = new Map();
  s.general = [];
  const add = (key: string, p: Problem) => s.problems.set(key, [...(s.problems.get(key) ?? []), p]);
  for (const p of problems) {
    const key = problemKey(s.built, p.field);
    if (key?.startsWith('added:')) {
      const id = key.slice('added:'.length);
      const users = s.order.filter((k) =>
        (['by', 'on', 'from', 'to'] as const).some(
          (f) => s.review.row(k).type !== 'ENTITY' && s.review.value(k, f) === id,
        ),
      );
      for (const k of users) add(k, p);
      if (!users.length) s.general.push(p);
    } else if (key && s.items.has(key)) add(key, p);
    else s.general.push(p);
  }
}
