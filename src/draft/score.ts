import { nameKey } from '../domain/names';
import { CLAIM_KINDS, ClaimKind } from '../domain/vocabulary';
import type { Annotation, ClaimAnnotation, EntityAnnotation, FactAnnotation } from '../ingest/annotation';
import { occurrences } from '../ingest/text';
import { Calibration, CalibrationItem, calibrate } from './calibration';

/**
 * How far a draft annotation is from the hand annotation of the same article (npm run bench:draft,
 * issue 15). Entities match on kind and a shared name; stances and facts are compared as triples over the
 * hand annotation's entities, a draft entity standing for the hand entity it matched. Pure.
 */

/** A registry entry, where a reference ({id: putin}) takes its kind, name and aliases from. */
export interface RegistryEntry {
  id: string;
  kind: string;
  name: string;
  aliases: readonly string[];
}

export interface ScoreOptions {
  registry?: Iterable<RegistryEntry>;
  /** The article: each draft quote must be in it, verbatim. */
  article?: string;
}

/** Precision and recall; null where undefined (nothing drafted, nothing to find). */
export interface Figures {
  /** Drafted and right. */
  correct: number;
  drafted: number;
  expected: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface EntityRef {
  id: string;
  kind: string;
  name: string;
  confidence?: number;
}

export interface EntityScore extends Figures {
  /** Each draft entity and the hand entity it matched one to one, and on what. */
  matched: { draft: string; hand: string; on: string }[];
  /** Hand entities no draft entity matched. */
  missed: EntityRef[];
  /** Draft entities that match no hand entity. */
  extra: EntityRef[];
  /** Draft entities that match a hand entity another draft entity already matched: one thing, two nodes. */
  duplicates: { draft: string; hand: string }[];
}

/** A stance (actor, polarity, target) or fact (from, type, to), in hand ids where the draft entity matched. */
export interface TripleDiff {
  triple: string;
  /** Claim ids, or `from-TYPE-to` for facts, that state it. */
  items: string[];
  quote: string;
  confidence?: number;
}

export interface TripleScore extends Figures {
  missed: TripleDiff[];
  extra: TripleDiff[];
}

export interface DraftScore {
  entities: EntityScore;
  /** (actor, polarity, target); `strict` compares (actor, kind, target). */
  stances: TripleScore & { strict: Figures };
  /** (from, type, to). */
  facts: TripleScore;
  /** Draft quotes found verbatim in the article; null when no article was given. */
  quotes: { total: number; verbatim: number; notVerbatim: { item: string; quote: string }[] } | null;
  calibration: Calibration;
  /** Every drafted item with its confidence and whether it was right (for pooling over documents). */
  items: CalibrationItem[];
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

export function figures(correct: number, drafted: number, expected: number): Figures {
  const precision = ratio(correct, drafted);
  const recall = ratio(correct, expected);
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : Math.round(((2 * precision * recall) / (precision + recall)) * 1000) / 1000;
  return { correct, drafted, expected, precision, recall, f1 };
}

/** An entity as compared: its kind and the keys of every name it goes by (registry names included). */
interface Named {
  entity: EntityAnnotation;
  kind: string;
  name: string;
  keys: Set<string>;
}

function named(annotation: Annotation, registry: Map<string, RegistryEntry>): Named[] {
  return annotation.entities.map((entity: EntityAnnotation) => {
    // A reference as written in graph.yaml may carry no name or kind: the registry has them.
    const entry = registry.get(entity.id);
    const loose = entity as Partial<EntityAnnotation>;
    const names = [loose.name, ...(loose.aliases ?? []), ...(entity.registryAliases ?? [])];
    if (entry) names.push(entry.name, ...entry.aliases);
    const keys = new Set(
      names
        .filter((n): n is string => !!n)
        .map(nameKey)
        .filter(Boolean),
    );
    return {
      entity,
      kind: loose.kind ?? entry?.kind ?? '',
      name: loose.name ?? entry?.name ?? entity.id,
      keys,
    };
  });
}

/** How strongly two entities match: 0 for not at all; the same id beats any number of shared names. */
function strength(d: Named, h: Named): { score: number; on: string } {
  if (d.kind !== h.kind) return { score: 0, on: '' };
  const shared = [...d.keys].filter((k) => h.keys.has(k));
  if (d.entity.id === h.entity.id) return { score: 1000 + shared.length, on: `id ${d.entity.id}` };
  return { score: shared.length, on: shared.length ? `"${shared[0]}"` : '' };
}

interface EntityMatching {
  score: EntityScore;
  /** Draft entity id → the hand entity id it stands for (many to one: a duplicate stands for it too). */
  standsFor: Map<string, string>;
  /** Draft entity ids matched one to one. */
  right: Set<string>;
}

function matchEntities(draft: Named[], hand: Named[]): EntityMatching {
  const pairs = draft
    .flatMap((d, i) => hand.map((h, j) => ({ d, h, i, j, ...strength(d, h) })))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const standsFor = new Map<string, string>();
  const byDraft = new Map<string, string>();
  const byHand = new Map<string, string>();
  const matched: EntityScore['matched'] = [];
  for (const p of pairs) {
    const [d, h] = [p.d.entity.id, p.h.entity.id];
    if (!standsFor.has(d)) standsFor.set(d, h);
    if (byDraft.has(d) || byHand.has(h)) continue;
    byDraft.set(d, h);
    byHand.set(h, d);
    matched.push({ draft: d, hand: h, on: p.on });
  }
  const ref = (n: Named): EntityRef => ({
    id: n.entity.id,
    kind: n.kind,
    name: n.name,
    ...(n.entity.confidence === undefined ? {} : { confidence: n.entity.confidence }),
  });
  const unmatched = draft.filter((d) => !byDraft.has(d.entity.id));
  const score: EntityScore = {
    ...figures(matched.length, draft.length, hand.length),
    matched,
    missed: hand.filter((h) => !byHand.has(h.entity.id)).map(ref),
    extra: unmatched.filter((d) => !standsFor.has(d.entity.id)).map(ref),
    duplicates: unmatched
      .filter((d) => standsFor.has(d.entity.id))
      .map((d) => ({ draft: d.entity.id, hand: standsFor.get(d.entity.id)! })),
  };
  return { score, standsFor, right: new Set(byDraft.keys()) };
}

const quotesOf = (item: ClaimAnnotation | FactAnnotation) =>
  item.evidence?.map((q) => ({ quote: q.quote, occurrence: q.occurrence ?? 1 })) ??
  (item.quote === undefined ? [] : [{ quote: item.quote, occurrence: item.occurrence ?? 1 }]);

interface Stated {
  triple: string;
  id: string;
  quote: string;
  confidence: number;
}

/** Triples compared as distinct statements: the graph answers "who stands where", however often it is said. */
function compareTriples(draft: Stated[], hand: Stated[]): TripleScore {
  const group = (list: Stated[]) => {
    const by = new Map<string, Stated[]>();
    for (const s of list) by.set(s.triple, [...(by.get(s.triple) ?? []), s]);
    return by;
  };
  const [d, h] = [group(draft), group(hand)];
  const diff = (from: Map<string, Stated[]>, absentIn: Map<string, Stated[]>, withConfidence: boolean) =>
    [...from]
      .filter(([triple]) => !absentIn.has(triple))
      .map(([triple, list]) => ({
        triple,
        items: list.map((s) => s.id),
        quote: list[0].quote,
        ...(withConfidence ? { confidence: Math.max(...list.map((s) => s.confidence)) } : {}),
      }));
  const correct = [...d.keys()].filter((t) => h.has(t)).length;
  return { ...figures(correct, d.size, h.size), missed: diff(h, d, false), extra: diff(d, h, true) };
}

const polarityOf = (kind: string) => CLAIM_KINDS[kind as ClaimKind]?.polarity ?? `?${kind}`;
export const factId = (f: Pick<FactAnnotation, 'from' | 'type' | 'to'>) => `${f.from}-${f.type}-${f.to}`;

/** Compares a draft annotation with the hand annotation of the same article. */
export function scoreDraft(draft: Annotation, hand: Annotation, options: ScoreOptions = {}): DraftScore {
  const registry = new Map([...(options.registry ?? [])].map((e) => [e.id, e]));
  const entities = matchEntities(named(draft, registry), named(hand, registry));
  // A draft entity that matched nothing keeps its own id, marked so that it can never equal a hand id.
  const as = (id: string) => entities.standsFor.get(id) ?? `?${id}`;
  const firstQuote = (item: ClaimAnnotation | FactAnnotation) => quotesOf(item)[0]?.quote ?? '';
  const claims = (a: Annotation, map: (id: string) => string, strict: boolean): Stated[] =>
    a.claims.map((c) => ({
      triple: `${map(c.by)} ${strict ? c.kind : polarityOf(c.kind)} ${map(c.on)}`,
      id: c.id,
      quote: firstQuote(c),
      confidence: c.confidence ?? 1,
    }));
  const facts = (a: Annotation, map: (id: string) => string): Stated[] =>
    a.facts.map((f) => ({
      triple: `${map(f.from)} ${f.type} ${map(f.to)}`,
      id: factId(f),
      quote: firstQuote(f),
      confidence: f.confidence ?? 1,
    }));
  const same = (id: string) => id;
  const stances = compareTriples(claims(draft, as, false), claims(hand, same, false));
  const strict = compareTriples(claims(draft, as, true), claims(hand, same, true));
  const factScore = compareTriples(facts(draft, as), facts(hand, same));

  const handStances = new Set(claims(hand, same, false).map((s) => s.triple));
  const handFacts = new Set(facts(hand, same).map((s) => s.triple));
  const items: CalibrationItem[] = [
    ...draft.entities.map((e) => ({
      type: 'entity' as const,
      id: e.id,
      confidence: e.confidence ?? 1,
      correct: entities.right.has(e.id),
    })),
    ...claims(draft, as, false).map((s) => ({
      type: 'claim' as const,
      id: s.id,
      confidence: s.confidence,
      correct: handStances.has(s.triple),
    })),
    ...facts(draft, as).map((s) => ({
      type: 'fact' as const,
      id: s.id,
      confidence: s.confidence,
      correct: handFacts.has(s.triple),
    })),
  ];
  return {
    entities: entities.score,
    stances: { ...stances, strict: pick(strict) },
    facts: factScore,
    quotes: options.article === undefined ? null : checkQuotes(draft, options.article),
    calibration: calibrate(items),
    items,
  };
}

const pick = ({ correct, drafted, expected, precision, recall, f1 }: Figures): Figures => ({
  correct,
  drafted,
  expected,
  precision,
  recall,
  f1,
});

function checkQuotes(draft: Annotation, article: string): NonNullable<DraftScore['quotes']> {
  const all = [
    ...draft.claims.flatMap((c) => quotesOf(c).map((q) => ({ item: c.id, ...q }))),
    ...draft.facts.flatMap((f) => quotesOf(f).map((q) => ({ item: factId(f), ...q }))),
  ];
  const notVerbatim = all
    .filter((q) => occurrences(article, q.quote).length < q.occurrence)
    .map(({ item, quote }) => ({ item, quote }));
  return { total: all.length, verbatim: all.length - notVerbatim.length, notVerbatim };
}
