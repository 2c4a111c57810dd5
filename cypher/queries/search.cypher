// search: entities (names, aliases, descriptions) and sentences matching free text: each index's best
// $limit hits, best first. The store pages them (src/graph/entity.store.ts: score, then type, then id) and
// asks for more when a page would reach past what Lucene returned.
// :param {lucene: 'drone attacks', limit: 20}
CALL () {
  CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: $limit}) YIELD node, score
  RETURN score, node {.id, .kind, .name, .aliases, .description, .date, .dateText, __typename: 'Entity'} AS hit
  UNION ALL
  CALL db.index.fulltext.queryNodes('sentence_text', $lucene, {limit: $limit}) YIELD node, score
  RETURN score, node {.id, .docId, .index, .paragraph, .text, .start, .end, __typename: 'Sentence'} AS hit
}
RETURN hit, score
ORDER BY score DESC
