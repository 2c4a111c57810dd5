// relations: the facts around entities — relationships of an allow-listed type between two entities, with
// the evidence of every document that reports them. $types (null = all) and $direction (OUT, IN, BOTH).
// Serves both the root field (one id) and Entity.relations for many entities at once.
// :param {ids: ['russia'], types: null, direction: 'BOTH'}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[r]->(other:Entity)
  WHERE $direction IN ['OUT', 'BOTH'] AND type(r) <> 'STANCE' AND ($types IS NULL OR type(r) IN $types)
  RETURN r, e AS a, other AS b
  UNION
  MATCH (e)<-[r]-(other:Entity)
  WHERE $direction IN ['IN', 'BOTH'] AND type(r) <> 'STANCE' AND ($types IS NULL OR type(r) IN $types)
  RETURN r, other AS a, e AS b
}
RETURN e.id AS key, {
  id: elementId(r), type: type(r), about: r.about, date: r.date, dateText: r.dateText,
  from: a {.id, .kind, .name, .aliases, .description, .date, .dateText},
  to: b {.id, .kind, .name, .aliases, .description, .date, .dateText},
  evidence: [i IN range(0, size(r.docIds) - 1) |
    {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
     sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}]
} AS relation
ORDER BY key, relation.type, relation.from.name, relation.to.name
