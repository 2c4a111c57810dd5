// The shapes of the answers to operations/review/, written out by hand: the browser bundle cannot import the
// server's type-graphql classes. No DOM here: tests/unit imports these modules under Node.

export type ItemType = 'ENTITY' | 'CLAIM' | 'FACT';

export interface Span {
  begin: number;
  end: number;
}

/** One drafted item as draftDocument returns it (src/draft/types.ts DraftItem). */
export interface DraftItem {
  type: ItemType;
  /** Entity id, claim id, or `fact-<n>` for the n-th (1-based) entry of the YAML's facts. */
  id: string;
  /** Entity kind, claim kind or fact type. */
  kind: string;
  confidence: number;
  quote: string;
  begin: number;
  end: number;
  spans: Span[];
  reason: string;
  linkedTo: string | null;
  from: string | null;
  to: string | null;
  polarity: string | null;
}

export interface Draft {
  documentId: string;
  backend: string;
  /** graph.yaml as the drafter writes it: every item `method: draft`. */
  yaml: string;
  parseMs: number;
  extractMs: number;
  items: DraftItem[];
}

/** A finding of validateDocument (or of a refused loadDocument's extensions.problems). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted path in the annotation, e.g. claims[3].on; empty for the article or the whole file. */
  field: string;
  code: string;
  message: string;
  /** ERROR, WARNING or NOTICE; absent on a refused load's problems when they are errors. */
  severity?: string | null;
}

export interface ValidationReport {
  valid: boolean;
  problems: Problem[];
}

export interface LoadResult {
  documentId: string;
  status: string;
  sentences: number;
  entities: number;
  mentions: number;
  claims: number;
  facts: number;
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  ms: number;
}

/** An entity of the graph (the `entities` query): a target the analyst may pick that the draft lacks. */
export interface KnownEntity {
  id: string;
  /** The GraphQL enum: PERSON, COUNTRY, … */
  kind: string;
  name: string;
}

export interface ReviewConfig {
  endpoint: string;
  /** The playground's path when the service serves it, else null. */
  playground: string | null;
  dashboard: string;
}
