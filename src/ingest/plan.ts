import { createHash } from 'node:crypto';
import {
  Annotation,
  AnnotationMethod,
  ClaimAnnotation,
  EntityAnnotation,
  FactAnnotation,
} from './annotation';
import { CLAIM_KINDS, ClaimKind } from '../domain/vocabulary';
import { findMentions } from './mentions';
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
