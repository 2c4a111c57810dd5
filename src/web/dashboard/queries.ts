/**
 * Every GraphQL operation the dashboard sends, and nothing else: the persisted-query allow-list is
 * generated from this file (and from src/web/playground/examples.ts), so an operation the browser code
 * builds anywhere else would be refused once the allow-list is enforced. Each one is named, so the server
 * logs and the allow-list can tell them apart, and takes its inputs as variables, so the text never varies.
 * They use public, non-introspection fields only: the dashboard keeps working in production.
 */

/** The whole picture to draw: the most connected entities and every stance and fact among them. */
export const DASHBOARD_GRAPH = `query DashboardGraph($first: Int!) {
  graph(first: $first) {
    truncated
    nodes { id name kind description }
    edges {
      id
      kind
      type
      polarity
      from { id }
      to { id }
      evidence {
        quote
        start
        end
        sentence { id text start end }
        document { id }
      }
    }
  }
}`;

/** Actors × targets with the stances between them, for the heat map. */
export const DASHBOARD_STANCE_MATRIX = `query DashboardStanceMatrix($first: Int!) {
  stanceMatrix(first: $first) {
    actors { id name kind }
    targets { id name kind }
    cells {
      actor { id name }
      target { id name }
      kinds
      polarity
      polarities
      stanceCount
      evidenceCount
    }
  }
}`;

/** Free-text search: the entities to highlight in the graph and the sentences to list. */
export const DASHBOARD_SEARCH = `query DashboardSearch($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    __typename
    ... on Entity { id name kind }
    ... on Sentence { id text start end document { id title } }
  }
}`;

/** A document's full text, to show evidence in context (offsets are code points into `text`). */
export const DASHBOARD_DOCUMENT = `query DashboardDocument($id: ID!) {
  document(id: $id) { id title publishedAt source text }
}`;

/** Where the documents name an entity, shown with the evidence of its edges when the node is clicked. */
export const DASHBOARD_ENTITY_MENTIONS = `query DashboardEntityMentions($id: ID!) {
  entity(id: $id) {
    id
    name
    kind
    description
    mentions {
      start
      end
      surface
      sentence { id start end }
      document { id }
    }
  }
}`;
