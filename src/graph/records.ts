import { z } from 'zod';

/**
 * The domain objects the stores return, checked at the boundary: a row that does not have the shape the
 * API relies on fails loudly here instead of surfacing as a null deep inside a response.
 */

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const entityRecord = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  aliases: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  description: nullableString,
  date: nullableString,
  dateText: nullableString,
});
export type EntityRecord = z.infer<typeof entityRecord>;

export const headingRecord = z.object({
  id: z.string(),
  index: z.number(),
  text: z.string(),
  start: z.number(),
  end: z.number(),
});
export type HeadingRecord = z.infer<typeof headingRecord>;

export const sentenceRecord = z.object({
  id: z.string(),
  docId: z.string(),
  index: z.number(),
  paragraph: z.number().nullish(),
  text: z.string(),
  start: z.number(),
  end: z.number(),
  heading: headingRecord.nullish(),
});
export type SentenceRecord = z.infer<typeof sentenceRecord>;

const evidenceShape = z.object({
  quote: z.string(),
  start: z.number(),
  end: z.number(),
  docId: z.string(),
  sentence: sentenceRecord,
});
/**
 * Evidence names its sentence by id as well (Evidence.sentenceId: the key into a subgraph's sentences), set
 * on the record so that the API reads a property instead of calling a resolver for every item.
 */
const withSentenceId = <E extends { sentence: { id: string } }>(e: E) =>
  Object.assign(e, { sentenceId: e.sentence.id });
export const evidenceRecord = evidenceShape.transform(withSentenceId);
export type EvidenceRecord = z.infer<typeof evidenceRecord>;

const byStart = (a: Pick<EvidenceRecord, 'docId' | 'start'>, b: Pick<EvidenceRecord, 'docId' | 'start'>) =>
  a.docId.localeCompare(b.docId) || a.start - b.start;
const evidenceList = z.array(evidenceRecord).transform((list) => [...list].sort(byStart));

/** How an item came to be; 'annotation' (what claims stored before methods) and none mean by hand. */
export type Method = 'hand' | 'draft' | 'reviewed';
const method = nullableString.transform((v): Method => (v === 'draft' || v === 'reviewed' ? v : 'hand'));
/** A hand-written item without a confidence is as sure as its annotator: 1. */
const confidence = z
  .number()
  .nullish()
  .transform((v) => v ?? 1);

/** A fact's evidence entry with what its report says: its confidence and method (relations.cypher). */
const reportRecord = evidenceShape.extend({ confidence, method }).transform(withSentenceId);
type ReportRecord = z.infer<typeof reportRecord>;

/** Of equally confident reports, a person's word comes first. */
const METHOD_RANK: Record<Method, number> = { hand: 0, reviewed: 1, draft: 2 };

/**
 * A fact's confidence and method are those of its strongest report in the answer (after the scope has
 * narrowed its evidence): the most confident, and of equally confident ones hand before reviewed before
 * draft. A fact with no report in the answer is never returned; 1 and hand keep the type total.
 */
function strongest(reports: readonly ReportRecord[]): { confidence: number; method: Method } {
  let best: { confidence: number; method: Method } | undefined;
  for (const r of reports) {
    if (
      !best ||
      r.confidence > best.confidence ||
      (r.confidence === best.confidence && METHOD_RANK[r.method] < METHOD_RANK[best.method])
    )
      best = { confidence: r.confidence, method: r.method };
  }
  return best ?? { confidence: 1, method: 'hand' };
}

export const stanceRecord = z
  .object({
    id: z.string(),
    kind: z.string(),
    polarity: z.string(),
    cameo: nullableString,
    confidence,
    method,
    docId: z.string(),
    date: nullableString,
    dateText: nullableString,
    dateInferred: z
      .boolean()
      .nullish()
      .transform((v) => v ?? null),
    /** The reporting document's publishedAt. */
    reportedOn: nullableString,
    actor: entityRecord,
    target: entityRecord,
    cites: z.array(entityRecord),
    respondsToId: nullableString,
    evidence: evidenceList,
  })
  // When it was stated: the claim's own date, else the day it was reported.
  .transform((s) => ({ ...s, statedOn: s.date ?? s.reportedOn }));
export type StanceRecord = z.infer<typeof stanceRecord>;

/** At most `first` of an entity's stances, and how many match (stances-of-entities.cypher). */
export const stancePage = z.object({ count: z.number(), stances: z.array(stanceRecord) });
export type StancePage = z.infer<typeof stancePage>;

const relationShape = z.object({
  id: z.string(),
  type: z.string(),
  about: nullableString.transform((v) => (v === '' ? null : v)),
  date: nullableString,
  dateText: nullableString,
  from: entityRecord,
  to: entityRecord,
  evidence: z.array(reportRecord).transform((list) => [...list].sort(byStart)),
});
const withStrongestReport = <R extends { evidence: ReportRecord[] }>(r: R) => ({
  ...r,
  ...strongest(r.evidence),
});
export const relationRecord = relationShape.transform(withStrongestReport);
export type RelationRecord = z.infer<typeof relationRecord>;

/** At most `first` of the facts around an entity, and how many match (relations.cypher). */
export const relationPage = z.object({ count: z.number(), relations: z.array(relationRecord) });
export type RelationPage = z.infer<typeof relationPage>;

export const edgeRecord = z.object({
  id: z.string(),
  type: z.string(),
  claimId: nullableString,
  kind: nullableString,
  polarity: nullableString,
  fromId: z.string(),
  toId: z.string(),
  about: nullableString.transform((v) => (v === '' ? null : v)),
  /** The first of its evidence (as many as the query was asked for: $evidenceFirst), sorted. */
  evidence: evidenceList,
  /** How many places state it in all (in the scope): counted by the query, not the list's length. */
  evidenceCount: z.number(),
});
export type EdgeRecord = z.infer<typeof edgeRecord>;

/**
 * An edge as neighborhood.cypher sends it: each evidence item names its sentence by id, and the answer
 * carries each sentence once (SubgraphRecord.sentences); the store joins them back (entity.store.ts).
 */
const evidenceReference = evidenceShape.omit({ sentence: true }).extend({ sentenceId: z.string() });
export const referencingEdgeRecord = edgeRecord.extend({
  evidence: z.array(evidenceReference).transform((list) => [...list].sort(byStart)),
});
export type ReferencingEdgeRecord = z.infer<typeof referencingEdgeRecord>;

export const mentionRecord = z.object({
  surface: z.string(),
  start: z.number(),
  end: z.number(),
  docId: z.string(),
  sentence: sentenceRecord,
  entity: entityRecord,
});
export type MentionRecord = z.infer<typeof mentionRecord>;

/** At most `first` of an entity's mentions, and how many it has (mentions-of-entities.cypher). */
export const mentionPage = z.object({ count: z.number(), mentions: z.array(mentionRecord) });
export type MentionPage = z.infer<typeof mentionPage>;

export const documentRecord = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  url: nullableString,
  publishedAt: z.string(),
  language: z.string(),
  sha256: z.string(),
  length: z.number().nullish(),
  text: z.string().optional(),
});
export type DocumentRecord = z.infer<typeof documentRecord>;

export const conditionRecord = z.object({
  condition: entityRecord,
  conditionFor: z.array(
    relationShape.omit({ id: true }).extend({ id: z.string().optional() }).transform(withStrongestReport),
  ),
  /** How many CONDITION_FOR facts it has in scope; conditionFor holds the first $forFirst of them. */
  forCount: z.number(),
  /** Every stance on it in scope, in id order: the id and kind only (the API loads the few it shows). */
  stances: z.array(z.object({ id: z.string(), kind: z.string() })),
});
export type ConditionRecord = z.infer<typeof conditionRecord>;

export const citationRecord = z.object({
  cited: entityRecord,
  by: entityRecord,
  objection: stanceRecord,
});
export type CitationRecord = z.infer<typeof citationRecord>;
