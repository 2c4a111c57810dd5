// search: entities (names, aliases, descriptions) and sentences matching free text, one ranked list.
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
LIMIT $limit
