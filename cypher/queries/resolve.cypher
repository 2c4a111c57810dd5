// resolve: candidate entities for names — by id, and through the fulltext index over names and aliases
// (case- and diacritic-insensitive). Several names resolve in one round trip. The service ranks the
// candidates: exact name or alias first, then a name or alias that holds every word asked, then the score.
// :param {refs: [{ref: 'limited ceasefire', lucene: 'limited OR limited~1 OR ceasefire OR ceasefire~1'}], limit: 10}
UNWIND $refs AS r
CALL (r) {
  MATCH (e:Entity {id: r.ref})
  RETURN e, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', r.lucene, {limit: $limit}) YIELD node, score
  RETURN node AS e, score
}
WITH r, e, max(score) AS score
ORDER BY score DESC, e.id
RETURN r.ref AS key, e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity, score
