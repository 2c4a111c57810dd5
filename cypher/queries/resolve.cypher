// resolve: the candidate entities for several names in one round trip; the service ranks them
// (src/graph/name-ranking.ts, docs/names.md). Recall only, three ways: the name as an id; every entity
// with a name or alias (registry or document-scoped) holding all the words asked ($refs.words, built by
// the service with Lucene's special characters escaped); and spelling neighbours, for suggestions.
// Document-scoped aliases live on (:Document)-[:DESCRIBES {aliases}]->(:Entity); coalesce keeps the
// query valid on a graph that has none.
// :param {refs: [{ref: 'Trump-Putin call', words: '+(trump OR trump*) +(putin OR putin*) +(call OR call*)', spelling: 'trump~1 OR putin~1 OR call'}], wordMatches: 100, spellingMatches: 10}
UNWIND $refs AS r
CALL (r) {
  MATCH (e:Entity {id: r.ref})
  RETURN e, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', r.words, {limit: $wordMatches}) YIELD node, score
  RETURN node AS e, score
  UNION
  CALL db.index.fulltext.queryRelationships('document_aliases', r.words, {limit: $wordMatches})
  YIELD relationship, score
  WITH endNode(relationship) AS e, score
  WHERE e:Entity
  RETURN e, score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', r.spelling, {limit: $spellingMatches}) YIELD node, score
  RETURN node AS e, score / 10 AS score
}
WITH r, e, max(score) AS score
ORDER BY score DESC, e.id
RETURN r.ref AS key, e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity,
       reduce(acc = [], names IN [(:Document)-[d:DESCRIBES]->(e) | coalesce(d.aliases, [])] | acc + names)
         AS documentAliases,
       score
