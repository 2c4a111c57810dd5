import { LIMITS } from '../../src/api/argument-limits';
import { cypher } from '../../src/cypher';

/**
 * Our graph model as @neo4j/graphql 7 types: every stored label a `@node` type, every relationship a
 * `@relationship` field (EVIDENCE with its properties). What it cannot express takes `@cypher`: the
 * neighbourhood (a bounded shortest-path expansion whose edges are stances and facts of any type) and
 * the stance matrix (a group-by) — both run the project's own named Cypher, so that arm and service do the
 * same database work there and differ only in what sits above it.
 */

/** A named query as one @cypher column: its RETURN columns folded into one map. */
function asOneColumn(name: string, columns: string[], as: string): string {
  const text = cypher(`queries/${name}`);
  return `CALL () {\n${text}\n}\nRETURN {${columns.map((c) => `${c}: ${c}`).join(', ')}} AS ${as}`;
}

/** The scope every named traversal takes (src/graph/scope.ts), all of it by default. */
const SCOPE_ARGS =
  'scopeDocuments: [ID!] = null, scopeFrom: String = null, scopeTo: String = null, ' +
  'scopeMinConfidence: Float = null, scopeMethods: [String!] = null';

const block = (statement: string) => `"""\n${statement.replace(/"""/g, '\\"""')}\n"""`;

export function neo4jGraphqlTypeDefs(): string {
  return /* GraphQL */ `
type Entity @node(labels: ["Entity"]) {
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]
  description: String
  date: String
  dateText: String
  claimsBy: [Claim!]! @relationship(type: "BY", direction: IN)
  claimsOn: [Claim!]! @relationship(type: "ON", direction: IN)
  citedBy: [Claim!]! @relationship(type: "CITES", direction: IN)
}

type Evidence @relationshipProperties {
  quote: String!
  start: Int!
  end: Int!
}

type Claim @node {
  id: ID!
  kind: String!
  polarity: String!
  cameo: String
  confidence: Float
  method: String
  docId: String!
  date: String
  dateText: String
  actor: Entity @relationship(type: "BY", direction: OUT)
  target: Entity @relationship(type: "ON", direction: OUT)
  cites: [Entity!]! @relationship(type: "CITES", direction: OUT)
  respondsTo: Claim @relationship(type: "RESPONDS_TO", direction: OUT)
  evidence: [Sentence!]! @relationship(type: "EVIDENCE", direction: OUT, properties: "Evidence")
}

type Sentence @node {
  id: ID!
  docId: String!
  index: Int!
  paragraph: Int
  text: String!
  start: Int!
  end: Int!
  document: Document @relationship(type: "PART_OF", direction: OUT)
}

type Document @node {
  id: ID!
  title: String!
  source: String!
  publishedAt: String!
  language: String!
  sha256: String!
}

type EntityView {
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]
  description: String
  stanceCount: Int
}

type SentenceView {
  id: ID!
  docId: String!
  index: Int!
  text: String!
  start: Int!
  end: Int!
}

type EvidenceView {
  quote: String!
  start: Int!
  end: Int!
  docId: String!
  sentenceId: ID!
}

type EdgeView {
  id: ID!
  type: String!
  claimId: String
  kind: String
  polarity: String
  fromId: ID!
  toId: ID!
  about: String
  evidence: [EvidenceView!]!
  evidenceCount: Int!
}

type SubgraphView {
  nodes: [EntityView!]!
  edges: [EdgeView!]!
  sentences: [SentenceView!]!
  truncated: Boolean!
  omittedNodes: Int!
  omittedEdges: Int!
}

type CellView {
  actorId: ID!
  targetId: ID!
  stanceCount: Int!
  stanceIds: [ID!]!
  kinds: [String!]!
  polarities: [String!]!
  evidenceCount: Int!
}

type MatrixView {
  totalActors: Int!
  totalTargets: Int!
  actors: [EntityView!]!
  targets: [EntityView!]!
  cells: [CellView!]!
}

type Query {
  neighborhood(id: ID!, depth: Int! = 1, limit: Int! = ${LIMITS.neighborhood.default},
    edgeLimit: Int! = ${LIMITS.neighborhood.default * LIMITS.neighborhood.edgesPerEntity},
    evidenceFirst: Int! = ${LIMITS.factEvidence.default}, ${SCOPE_ARGS}): SubgraphView
    @cypher(statement: ${block(asOneColumn('neighborhood', ['nodes', 'edges', 'sentences', 'truncated', 'omittedNodes', 'omittedEdges'], 'subgraph'))}, columnName: "subgraph")
  stanceMatrix(actorIds: [ID!] = null, targetIds: [ID!] = null, actorsFirst: Int! = 20, targetsFirst: Int! = 20,
    cellLists: Boolean! = false, ${SCOPE_ARGS}): MatrixView
    @cypher(statement: ${block(asOneColumn('stance-matrix', ['totalActors', 'totalTargets', 'actors', 'targets', 'cells'], 'matrix'))}, columnName: "matrix")
}
`;
}
