import { createHash } from 'node:crypto';
import {
  Annotation,
  AnnotationMethod,
  ClaimAnnotation,
  EntityAnnotation,
  FactAnnotation,
} from './annotation';
import { CLAIM_KINDS, ClaimKind } from '../domain/vocabulary';
import type { Registry } from './registry';
import { CodePoints, SegmentedText } from './text';
import type { ResolvedQuote } from './validate';

/** Rows for cypher/ingest/*.cypher: everything the loader writes for one document, offsets in code points. */
export interface DocumentPlan {
  document: {
    id: string;
    title: string;
    source: string;
    url: string | null;
    publishedAt: string;
    language: string;
    sha256: string;
    /** Changes whenever anything the loader would write changes; equal hashes mean nothing to do. */
    planSha256: string;
    text: string;
    /** The graph.yaml text as given, verbatim: the export writes it back (src/ingest/export.ts). */
    annotation: string;
  };
  headings: { id: string; index: number; text: string; start: number; end: number }[];
  sentences: {
    id: string;
    index: number;
    paragraph: number;
    text: string;
    start: number;
    end: number;
    headingId: string | null;
    previousId: string | null;
  }[];
  /**
   * The entities the document names. For a registry entity (registered) only `aliases` is the document's
   * (its own names for it); name and kind are the registry's, and description and dates null.
   */
  entities: {
    id: string;
    kind: string;
    name: string;
    aliases: string[];
    description: string | null;
    date: string | null;
    dateText: string | null;
    /** true when the annotator worked the date out; null otherwise (stored only when true). */
    dateInferred: boolean | null;
    registered: boolean;
    /** How this document's entry came to be (hand when the annotation does not say). */
    method: AnnotationMethod;
    /** The drafter's (or annotator's) confidence in this entry, 0 to 1; null when not given. */
    confidence: number | null;
  }[];
  /** The registry entries of the registered entities it names, written (MERGEd) with it. */
  registry: RegistryRow[];
  mentions: { sentenceId: string; entityId: string; start: number; end: number; surface: string }[];
  claims: {
    id: string;
    kind: string;
    polarity: string;
    cameo: string;
    by: string;
    on: string;
    cites: string[];
    respondsTo: string | null;
    confidence: number;
    method: AnnotationMethod;
    date: string | null;
    dateText: string | null;
    dateInferred: boolean | null;
    evidence: EvidenceRow[];
  }[];
  facts: {
    from: string;
    type: string;
    to: string;
    /** '' when the fact has no third entity: relationship keys cannot be null. */
    about: string;
    date: string | null;
    dateText: string | null;
    dateInferred: boolean | null;
    confidence: number;
    method: AnnotationMethod;
    evidence: EvidenceRow[];
  }[];
}

export interface RegistryRow {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | null;
  iso3166: string | null;
  wikidata: string | null;
}

/** A registry entity as the loader stores it (cypher/ingest/00-registry.cypher). */
export const registryRow = (e: RegistryRow): RegistryRow => ({
  id: e.id,
  kind: e.kind,
  name: e.name,
  aliases: e.aliases,
  description: e.description,
  iso3166: e.iso3166,
  wikidata: e.wikidata,
});

export interface EvidenceRow {
  sentenceId: string;
  start: number;
  end: number;
  quote: string;
}

export interface PlanInput {
  document: Annotation['document'];
  text: string;
  /** The annotation's own text: stored with the document so that the corpus can be written back out. */
  annotation: string;
  segmented: SegmentedText;
  /** Where the registered entities among `entities` come from; needed when any is registered. */
  registry?: Registry;
  entities: EntityAnnotation[];
  claims: (ClaimAnnotation & { quotes: ResolvedQuote[] })[];
  facts: (FactAnnotation & { quotes: ResolvedQuote[] })[];
}

export const sentenceId = (docId: string, index: number) => `${docId}#s${index}`;
export const headingId = (docId: string, index: number) => `${docId}#h${index}`;
export const claimId = (docId: string, id: string) => `${docId}:${id}`;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An alias matches as written, except that its first letter may change case ("the Russian leader" at the
 * start of a sentence): an acronym such as "US" must not match the word "us".
 */
function termPattern(term: string): string {
  const [first, ...rest] = Array.from(term);
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  const head = lower === upper ? escapeRegExp(first) : `[${escapeRegExp(lower)}${escapeRegExp(upper)}]`;
  return head + escapeRegExp(rest.join(''));
}

/** The occurrences of a term as a mention: termPattern's matches, found by the regular expression. */
export function termOccurrencesByPattern(text: string, term: string): { from: number; to: number }[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${termPattern(term)}(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(pattern)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SURROGATE = /[\uD800-\uDFFF]/;

const isWordChar = (codePoint: number | undefined): boolean =>
  codePoint !== undefined &&
  (codePoint < 0x80
    ? (codePoint >= 0x30 && codePoint <= 0x39) ||
      (codePoint >= 0x41 && codePoint <= 0x5a) ||
      (codePoint >= 0x61 && codePoint <= 0x7a)
    : WORD_CHAR.test(String.fromCodePoint(codePoint)));

/** The code point that ends just before index i, as the pattern's lookbehind reads it. */
function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const last = text.charCodeAt(i - 1);
  if (last >= 0xdc00 && last <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2);
  }
  return last;
}

/**
 * The words of a text — maximal runs of letters and digits, as the pattern's boundaries read them — by
 * spelling, each with the UTF-16 indices where it starts. A term that starts with a letter or digit can only
 * match where a word spelt as its own first word (first letter in either case) starts: the term is looked up
 * there instead of searched for through the whole text, once per term (most of mention finding's time).
 */
export class WordIndex {
  private readonly starts = new Map<string, number[]>();

  constructor(readonly text: string) {
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      if (!isWordChar(cp)) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      i += cp > 0xffff ? 2 : 1;
      for (let c = text.codePointAt(i); c !== undefined && isWordChar(c); c = text.codePointAt(i))
        i += c > 0xffff ? 2 : 1;
      const word = text.slice(start, i);
      const list = this.starts.get(word);
      if (list) list.push(start);
      else this.starts.set(word, [start]);
    }
  }

  /** Where a word spelt exactly so starts, in text order. */
  startsOf(word: string): readonly number[] {
    return this.starts.get(word) ?? [];
  }
}

/**
 * termOccurrencesByPattern's answer without a regular expression, which in Unicode mode scans the text a
 * code point at a time for every term: the term's two spellings are looked up among the text's words (given
 * its WordIndex, for a term that starts with a letter or digit) or found with indexOf, and the word
 * boundaries checked at each. The same positions, in the same order: the pattern also tries every position
 * left to right and goes on after the end of each match. A term whose first letter changes length with its
 * case, or that holds surrogates, is left to the pattern.
 */
export function termOccurrences(
  text: string,
  term: string,
  words?: WordIndex,
): { from: number; to: number }[] {
  const first = term.charAt(0);
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  if (
    !term ||
    SURROGATE.test(term) ||
    lower.length !== 1 ||
    upper.length !== 1 ||
    SURROGATE.test(lower + upper)
  )
    return termOccurrencesByPattern(text, term);
  const rest = term.slice(1);
  const spellings = lower === upper ? [lower + rest] : [lower + rest, upper + rest];
  if (
    words?.text === text &&
    isWordChar(first.charCodeAt(0)) &&
    isWordChar(lower.charCodeAt(0)) &&
    isWordChar(upper.charCodeAt(0))
  )
    return lookedUp(text, term, spellings, words);
  const next = spellings.map((s) => text.indexOf(s));
  const found: { from: number; to: number }[] = [];
  for (let from = 0; ;) {
    for (let k = 0; k < spellings.length; k++)
      if (next[k] !== -1 && next[k] < from) next[k] = text.indexOf(spellings[k], from);
    const at = next.reduce((min, i) => (i !== -1 && (min === -1 || i < min) ? i : min), -1);
    if (at === -1) return found;
    const to = at + term.length;
    if (!isWordChar(codePointBefore(text, at)) && !isWordChar(text.codePointAt(to))) {
      found.push({ from: at, to });
      from = to;
    } else from = at + 1;
  }
}

/**
 * termOccurrences for a term whose first letter, in both spellings, is a word character. A match starts a
 * word of the text (the character before it is not a word character), and that word is the term's first
 * word: the term goes on with a character that is not a word character, or ends where the text's word must
 * end. So the candidates are where that word starts, each checked as termOccurrences checks what indexOf
 * finds; taken left to right, each after the end of the one before.
 */
function lookedUp(
  text: string,
  term: string,
  spellings: string[],
  words: WordIndex,
): { from: number; to: number }[] {
  let head = 1;
  while (head < term.length && isWordChar(term.charCodeAt(head))) head++;
  const firstWord = term.slice(1, head);
  const starts =
    spellings.length === 1
      ? words.startsOf(spellings[0].charAt(0) + firstWord)
      : [
          ...words.startsOf(spellings[0].charAt(0) + firstWord),
          ...words.startsOf(spellings[1].charAt(0) + firstWord),
        ].sort((a, b) => a - b);
  const found: { from: number; to: number }[] = [];
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    const to = at + term.length;
    if (!spellings.some((s) => text.startsWith(s, at)) || isWordChar(text.codePointAt(to))) continue;
    found.push({ from: at, to });
    from = to;
  }
  return found;
}

/**
 * Mentions from names and aliases: as written (first letter in either case), on word boundaries, longest match first, never
 * overlapping, so "Russian President Vladimir Putin" is one mention of Putin, not also one of Russia.
 */
export function findMentions(text: string, segmented: SegmentedText, entities: EntityAnnotation[]) {
  const candidates: { from: number; to: number; entityId: string }[] = [];
  const words = new WordIndex(text);
  for (const entity of entities) {
    for (const term of new Set([entity.name, ...(entity.registryAliases ?? []), ...entity.aliases])) {
      for (const m of termOccurrences(text, term, words)) candidates.push({ ...m, entityId: entity.id });
    }
  }
  candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  // Longest first; a candidate is kept when none of its characters is taken yet.
  const occupied = new Uint8Array(text.length);
  const taken: { from: number; to: number; entityId: string }[] = [];
  for (const c of candidates) {
    if (occupied.subarray(c.from, c.to).includes(1)) continue;
    occupied.fill(1, c.from, c.to);
    taken.push(c);
  }
  // Sentences are in text order: the one holding a mention is found by binary search.
  const sentences = segmented.sentences;
  const sentenceOf = (from: number, to: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const { span } = sentences[mid];
      if (from < span.from) hi = mid - 1;
      else if (from >= span.to) lo = mid + 1;
      else return to <= span.to ? sentences[mid] : undefined;
    }
    return undefined;
  };
  return taken
    .map((t) => ({ ...t, sentence: sentenceOf(t.from, t.to) }))
    .filter((t) => t.sentence !== undefined)
    .sort((a, b) => a.from - b.from);
}

/** Stored only when true: an absent flag and `false` say the same, and one of them is enough. */
const inferred = (flag: boolean | undefined): true | null => (flag === true ? true : null);

/** An item that does not say how it was made was written by hand (docs/annotation.md). */
const methodOf = (item: { method?: AnnotationMethod }): AnnotationMethod => item.method ?? 'hand';

export function buildPlan(input: PlanInput): DocumentPlan {
  const { document: doc, text, annotation, segmented } = input;
  const cp = new CodePoints(text);
  // A span quoted twice is one piece of evidence: the loader CREATEs one EVIDENCE relationship per row.
  const evidence = (quotes: ResolvedQuote[]): EvidenceRow[] => {
    const rows = new Map<string, EvidenceRow>();
    for (const q of quotes) {
      const row = {
        sentenceId: sentenceId(doc.id, q.sentence),
        start: cp.at(q.from),
        end: cp.at(q.to),
        quote: q.quote,
      };
      const key = `${row.sentenceId}:${row.start}:${row.end}`;
      if (!rows.has(key)) rows.set(key, row);
    }
    return [...rows.values()];
  };

  const plan: Omit<DocumentPlan, 'document'> = {
    headings: segmented.headings.map((h) => ({
      id: headingId(doc.id, h.index),
      index: h.index,
      text: h.text,
      start: cp.at(h.span.from),
      end: cp.at(h.span.to),
    })),
    sentences: segmented.sentences.map((s, i) => ({
      id: sentenceId(doc.id, s.index),
      index: s.index,
      paragraph: s.paragraph,
      text: s.text,
      start: cp.at(s.span.from),
      end: cp.at(s.span.to),
      headingId: s.heading ? headingId(doc.id, s.heading) : null,
      previousId: i > 0 ? sentenceId(doc.id, segmented.sentences[i - 1].index) : null,
    })),
    entities: input.entities.map((e) => ({
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: [...new Set(e.aliases)],
      description: e.description ?? null,
      date: e.date ?? null,
      dateText: e.dateText ?? null,
      dateInferred: inferred(e.dateInferred),
      registered: e.registered === true,
      method: methodOf(e),
      confidence: e.confidence ?? null,
    })),
    registry: input.entities
      .filter((e) => e.registered)
      .map((e) => {
        const entry = input.registry?.byId.get(e.id);
        if (!entry) throw new Error(`registered entity ${e.id} is not in the registry given to the plan`);
        return registryRow(entry);
      }),
    mentions: findMentions(text, segmented, input.entities).map((m) => ({
      sentenceId: sentenceId(doc.id, m.sentence!.index),
      entityId: m.entityId,
      start: cp.at(m.from),
      end: cp.at(m.to),
      surface: text.slice(m.from, m.to),
    })),
    claims: input.claims.map((c) => {
      const spec = CLAIM_KINDS[c.kind as ClaimKind];
      return {
        id: claimId(doc.id, c.id),
        kind: c.kind,
        polarity: spec.polarity,
        cameo: spec.cameo,
        by: c.by,
        on: c.on,
        cites: [...new Set(c.cites)],
        respondsTo: c.respondsTo ? claimId(doc.id, c.respondsTo) : null,
        confidence: c.confidence,
        method: methodOf(c),
        date: c.date ?? null,
        dateText: c.dateText ?? null,
        dateInferred: inferred(c.dateInferred),
        evidence: evidence(c.quotes),
      };
    }),
    facts: input.facts.map((f) => ({
      from: f.from,
      type: f.type,
      to: f.to,
      about: f.about ?? '',
      date: f.date ?? null,
      dateText: f.dateText ?? null,
      dateInferred: inferred(f.dateInferred),
      confidence: f.confidence,
      method: methodOf(f),
      evidence: evidence(f.quotes),
    })),
  };
  const planSha256 = createHash('sha256')
    // The annotation's text is hashed too: a changed comment changes no row, but the stored text must follow.
    .update(JSON.stringify({ doc: { ...doc, text, annotation }, plan }))
    .digest('hex');
  return {
    document: {
      id: doc.id,
      title: doc.title,
      source: doc.source,
      url: doc.url ?? null,
      publishedAt: doc.publishedAt,
      language: doc.language,
      sha256: doc.sha256,
      planSha256,
      text,
      annotation,
    },
    ...plan,
  };
}
