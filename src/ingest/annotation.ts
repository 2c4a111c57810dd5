import { z } from 'zod';
import { CLAIM_KIND_NAMES, ENTITY_KINDS, FACT_TYPE_NAMES } from '../domain/vocabulary';

/** The shape of corpus/<doc-id>/graph.yaml; docs/annotation.md explains each field. */

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug of letters, digits and single hyphens');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'is not a real calendar date',
  );
export const text = z.string().trim().min(1, 'must not be empty');
/** Shared with the registry's schema (registry.ts), so that both read a kind the same way. */
export const entityKind = z.enum(ENTITY_KINDS, { error: `must be one of ${ENTITY_KINDS.join(', ')}` });

const quoteRef = z.strictObject({
  quote: z.string().min(1, 'must not be empty'),
  occurrence: z.number().int().min(1, 'counts from 1').optional(),
});

/** A quote given inline (quote/occurrence) or as a list (evidence), never both. */
const withEvidence = {
  quote: z.string().min(1, 'must not be empty').optional(),
  occurrence: z.number().int().min(1, 'counts from 1').optional(),
  evidence: z.array(quoteRef).min(1, 'must list at least one quote').optional(),
};

/**
 * How an item came to be: written by a person (`hand`, the default), drafted by `npm run draft` and not yet
 * looked at (`draft`), or drafted and then accepted or edited by a person on the review page (`reviewed`).
 */
export const ANNOTATION_METHODS = ['hand', 'draft', 'reviewed'] as const;
export type AnnotationMethod = (typeof ANNOTATION_METHODS)[number];
const method = z
  .enum(ANNOTATION_METHODS, { error: `must be one of ${ANNOTATION_METHODS.join(', ')}` })
  .optional();

const dated = {
  date: isoDate.optional(),
  dateText: text.optional(),
  /** The annotator worked the date out (e.g. "in a recent call" → the day before publication). */
  dateInferred: z.boolean().optional(),
};

export const entitySchema = z.strictObject({
  id: slug,
  kind: entityKind,
  name: text,
  aliases: z.array(text).default([]),
  description: text.optional(),
  method,
  /** How sure the drafter (or annotator) is that this entity is right, 0 to 1. */
  confidence: z.number().min(0).max(1).optional(),
  ...dated,
});

/**
 * A document's entry for a registry entity (docs/corpus.md): its id, this document's own aliases, and
 * optionally its kind as a check. Name, description and date are the registry's and refused here.
 */
export const entityReferenceSchema = z.strictObject({
  id: slug,
  kind: entitySchema.shape.kind.optional(),
  aliases: z.array(text).default([]),
  method,
  /** How sure the drafter is that the document's names mean this registry entity, 0 to 1. */
  confidence: z.number().min(0).max(1).optional(),
});

/** Fields a registry reference may not carry, because the registry owns them. */
export const REGISTRY_OWNED_FIELDS = ['name', 'description', 'date', 'dateText', 'dateInferred'] as const;

export const claimSchema = z.strictObject({
  id: slug,
  by: slug,
  kind: z.enum(CLAIM_KIND_NAMES as [string, ...string[]], {
    error: `must be one of ${CLAIM_KIND_NAMES.join(', ')}`,
  }),
  on: slug,
  cites: z.array(slug).default([]),
  respondsTo: slug.optional(),
  confidence: z.number().min(0).max(1).default(1),
  method,
  ...withEvidence,
  ...dated,
});

export const factSchema = z.strictObject({
  from: slug,
  type: z.enum(FACT_TYPE_NAMES as [string, ...string[]], {
    error: `must be one of ${FACT_TYPE_NAMES.join(', ')}`,
  }),
  to: slug,
  about: slug.optional(),
  confidence: z.number().min(0).max(1).default(1),
  method,
  ...withEvidence,
  ...dated,
});

export const annotationSchema = z.strictObject({
  document: z.strictObject({
    id: slug,
    title: text,
    source: text,
    url: z.url().optional(),
    publishedAt: isoDate,
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en or en-GB'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-hex-digit sha256 of article.txt'),
  }),
  entities: z.array(entitySchema).min(1, 'must list at least one entity'),
  claims: z.array(claimSchema).default([]),
  facts: z.array(factSchema).default([]),
});

export type Annotation = z.infer<typeof annotationSchema>;
export type EntityAnnotation = z.infer<typeof entitySchema> & {
  /** Set on an entity of the corpus registry (referred to, or linked by name): the registry owns its names. */
  registered?: boolean;
  /** A registered entity's corpus-wide aliases; `aliases` are then this document's own. */
  registryAliases?: string[];
};
export type EntityReferenceAnnotation = z.infer<typeof entityReferenceSchema>;
export type ClaimAnnotation = z.infer<typeof claimSchema>;
export type FactAnnotation = z.infer<typeof factSchema>;
