// resolve: candidate entities for a name — by id, and through the fulltext index over names and aliases
// (case- and diacritic-insensitive). The service ranks them: exact name or alias first, then a name or
// alias that holds every word asked, then the fulltext score.
// :param {ref: 'limited ceasefire', lucene: 'limited~1 OR ceasefire~1', limit: 10}
CALL () {
  MATCH (e:Entity {id: $ref})
  RETURN e, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $limit}) YIELD node, score
  RETURN node AS e, score
}
WITH e, max(score) AS score
RETURN e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity, score
ORDER BY score DESC, e.id
LIMIT $limit
