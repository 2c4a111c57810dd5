/**
 * The loadDocument mutation as clients send it. It is on the persisted-query allow-list
 * (schema/persisted-queries.json), so it still runs where only persisted queries are accepted: send this
 * exact text, or only its sha256 as extensions.persistedQuery.sha256Hash.
 */
export const LOAD_DOCUMENT = `mutation LoadDocument($article: String!, $annotation: String!) {
  loadDocument(article: $article, annotation: $annotation) {
    documentId
    status
    sentences
    entities
    mentions
    claims
    facts
    nodesCreated
    nodesDeleted
    relationshipsCreated
    relationshipsDeleted
    ms
  }
}`;
