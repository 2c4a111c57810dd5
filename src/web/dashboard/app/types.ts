// The shapes of the answers to operations/dashboard/, written out by hand: the browser bundle cannot
// import the server's type-graphql classes (decorators, reflect-metadata), and these are only the fields
// the queries select.

export type EntityKind =
  | 'PERSON'
  | 'COUNTRY'
  | 'ORGANIZATION'
  | 'GROUP'
  | 'PLACE'
  | 'FACILITY'
  | 'PROPOSAL'
  | 'CONDITION'
  | 'EVENT'
  | 'ATTACK';
export type Polarity = 'SUPPORT' | 'OPPOSE' | 'CONDITIONAL';
export type CellPolarity = Polarity | 'CONFLICTING';
export type EdgeKind = 'STANCE' | 'FACT';

export interface EntityRef {
  id: string;
  name: string;
}

export interface GraphNode extends EntityRef {
  kind: EntityKind;
  description: string | null;
}

export interface Evidence {
  quote: string;
  start: number;
  end: number;
  sentence: { id: string; text: string; start: number; end: number };
  document: { id: string };
}

export interface GraphEdge {
  id: string;
  kind: EdgeKind;
  type: string;
  polarity: Polarity | null;
  from: { id: string };
  to: { id: string };
  /** Every report of the edge; `evidence` holds the first few of them (the API's default cap). */
  evidenceCount: number;
  evidence: Evidence[];
}

export interface Subgraph {
  truncated: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface StanceCell {
  actor: EntityRef;
  target: EntityRef;
  kinds: string[];
  polarity: CellPolarity;
  polarities: Polarity[];
  stanceCount: number;
  evidenceCount: number;
}

export interface StanceMatrix {
  /** How many actors (rows) and targets (columns) have stances beyond those shown. */
  actorsLeftOut: number;
  targetsLeftOut: number;
  actors: (EntityRef & { kind: EntityKind })[];
  targets: (EntityRef & { kind: EntityKind })[];
  cells: StanceCell[];
}

export type SearchHit =
  | { __typename: 'Entity'; id: string; name: string; kind: EntityKind }
  | {
      __typename: 'Sentence';
      id: string;
      text: string;
      start: number;
      end: number;
      document: { id: string; title: string };
    };

export interface DocumentText {
  id: string;
  title: string;
  publishedAt: string;
  source: string;
  text: string;
}

export interface Mention {
  start: number;
  end: number;
  surface: string;
  sentence: { id: string; start: number; end: number };
  document: { id: string };
}

export interface EntityDetail extends GraphNode {
  /** The first 100 places that name it, in document-id then text order. */
  mentions: Mention[];
  /** How many places name it in all. */
  mentionsCount: number;
}

/** Written into the page by dashboardRouter (src/web/dashboard/dashboard.router.ts). */
export interface DashboardConfig {
  endpoint: string;
}
