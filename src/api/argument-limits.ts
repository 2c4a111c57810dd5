import { Arg, Int } from 'type-graphql';
import { BadUserInputError } from '../domain/errors';

/** The bounds every argument is held to; the schema's descriptions quote them. */
export const LIMITS = {
  first: { min: 1, max: 100, default: 20 },
  /**
   * A page of a Relay connection (stances, citedAsObjections, relations, timeline, search): 20 by default,
   * at most 200. Each page is one query whose cost grows with the page, not with the graph; the cost
   * estimate (src/api/security/cost.ts) multiplies by the `first` asked for.
   */
  page: { min: 1, max: 200, default: 20 },
  /**
   * The root lists that answer a plain list rather than a connection (supporters, opponents: the stances on
   * one entity; stanceHistory: the stances of one pair): at most `first`, 100 by default (more than any seed
   * entity or pair has), at most a page's maximum (LIMITS.page.max). A busy target gains a stance from
   * every document that reports one; the rest are read a page at a time from `stances` (a connection).
   */
  rootList: { min: 1, max: 200, default: 100 },
  /**
   * stanceMatrix's rows (actorsFirst) and columns (targetsFirst): at most max² cells — 2,500, as many as
   * the former default of 50 rows and 50 columns; the dashboard's matrix at the maximum stays within the
   * default cost limit.
   */
  matrix: { min: 1, max: 50, default: 20 },
  /**
   * The places that name an event, per timeline entry: an event of a large corpus is named by hundreds of
   * reports (at 10⁵ relationships a first page of 21 events carried 2,698 mentions, 644 kB), so a page
   * would grow with the corpus; `evidenceCount` says how many there are.
   */
  eventEvidence: { min: 1, max: 100, default: 10 },
  /**
   * A list inside an item that grows with the corpus (an entity's mentions and stances): at 10⁶
   * relationships a busy entity is named in thousands of places and takes part in thousands of stances, all
   * of which came back in one answer. At most `first` of them are read and sent, in a stated order; a
   * sibling `<name>Count` field says how many there are.
   */
  nested: { min: 1, max: 100, default: 20 },
  /**
   * The evidence of a fact or of a subgraph's edge (Relation.evidence, Edge.evidence): one place per
   * report, so a fact many documents report carries hundreds. Bounded like the other nested lists, but 5
   * by default: a subgraph holds up to 4 × 500 edges, and the cost estimate multiplies each edge's evidence
   * by its `first` (the dashboard's graph at 500 entities stays within the default GRAPHQL_MAX_COST).
   */
  factEvidence: { default: 5 },
  /**
   * What a condition is a condition for (ConditionStatus.for, conditionFor): one fact per proposal or event,
   * each with its evidence. Bounded like the other nested lists, 5 by default: a page of conditions holds up
   * to 200 and the cost estimate multiplies each condition's facts by their `first` and each fact's evidence
   * by its own (with 20, the seed's `conditions { for conditionFor { evidence } setBy rejectedBy }` would
   * cost over the default GRAPHQL_MAX_COST). No seed condition is a condition for more than one thing.
   */
  conditionFor: { default: 5 },
  depth: { min: 1, max: 3, default: 1 },
  maxHops: { min: 1, max: 6, default: 4 },
  /**
   * Entities a neighbourhood holds besides the one asked about (limit), and edges per entity kept. 50 keeps
   * an answer drawable; the seed's largest depth-2 neighbourhood (Putin's) has 28 entities and 51 edges. At
   * 10⁶ relationships the best-evidenced entities are hubs with hundreds of parallel stances among them
   * (6,357 edges among 51), hence a cap on edges too.
   */
  neighborhood: { min: 1, max: 200, default: 50, edgesPerEntity: 4 },
  textLength: 200,
  /**
   * The longest article draftDocument takes, in characters (UTF-16 code units, as JavaScript counts them).
   * A long news feature is 10,000–30,000 characters; 100,000 (about 16,000 words) leaves room for a long
   * report while bounding what one request can ask of the NLP backend, whose time and memory grow with the
   * text (CoreNLP's coreference faster than linearly: about 2 s per 460 words warm on this machine, so a
   * maximal article takes over a minute). It also fits the default 1mb body limit in any encoding.
   */
  articleLength: 100_000,
} as const;

export function inRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(
      `Argument "${argument}" must be a whole number from ${min} to ${max}; got ${value}.`,
      {
        argument,
        min,
        max,
      },
    );
  }
  return value;
}

/** A confidence: a number from 0 to 1, both included. */
export function fraction(argument: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new BadUserInputError(`Argument "${argument}" must be a number from 0 to 1; got ${value}.`, {
      argument,
      min: 0,
      max: 1,
    });
  }
  return value;
}

export function boundedText(argument: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(`Argument "${argument}" must not be empty.`, { argument });
  if (trimmed.length > LIMITS.textLength) {
    throw new BadUserInputError(`Argument "${argument}" must be at most ${LIMITS.textLength} characters.`, {
      argument,
      max: LIMITS.textLength,
    });
  }
  return trimmed;
}

/** The `first` of a root list (supporters, opponents, stanceHistory: LIMITS.rootList): BAD_USER_INPUT outside 1–200. */
export function rootListFirst(value: number): number {
  return inRange('first', value, LIMITS.rootList.min, LIMITS.rootList.max);
}

/** The `first` of a capped list inside an item (LIMITS.nested): BAD_USER_INPUT outside 1–100. */
export function nestedFirst(value: number, argument = 'first'): number {
  return inRange(argument, value, LIMITS.nested.min, LIMITS.nested.max);
}

/** A fact's or an edge's capped evidence (Relation.evidence, Edge.evidence) and its count, as documented. */
export const FACT_EVIDENCE_DESCRIPTION =
  'Where the documents state it: at most `first` places, in document-id then text order; ' +
  '`evidenceCount` says how many there are.';
export const FACT_EVIDENCE_COUNT_DESCRIPTION =
  'How many places the documents state it in (`evidence` shows at most `first` of them).';

/** The description of a capped list's `first`, naming its count field. */
export function nestedFirstDescription(count: string, byDefault: number = LIMITS.nested.default): string {
  return `At most this many (${LIMITS.nested.min}–${LIMITS.nested.max}, ${byDefault} by default); \`${count}\` says how many there are.`;
}

/**
 * The `first` argument of a capped list inside an item; `count` names the field that says how many there
 * are; `byDefault` when the list's default is not LIMITS.nested's.
 */
export function NestedFirstArg(count: string, byDefault: number = LIMITS.nested.default) {
  return Arg('first', () => Int, {
    defaultValue: byDefault,
    description: nestedFirstDescription(count, byDefault),
  });
}
