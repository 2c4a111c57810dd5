// conditions: each Condition, what it is a condition for, who set it (DEMANDS), who rejected it (REJECTS)
// and who accepted it (ACCEPTS, AGREES_TO). $forId optional: only conditions for that proposal or event.
// :param {forId: 'full-ceasefire'}
MATCH (cond:Condition)
WHERE $forId IS NULL OR EXISTS { (cond)-[:CONDITION_FOR]->(:Entity {id: $forId}) }
CALL (cond) {
  OPTIONAL MATCH (cond)-[r:CONDITION_FOR]->(f:Entity)
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE {
    type: type(r), about: r.about, date: r.date, dateText: r.dateText,
    from: cond {.id, .kind, .name, .aliases, .description, .date, .dateText},
    to: f {.id, .kind, .name, .aliases, .description, .date, .dateText},
    evidence: [i IN range(0, size(r.docIds) - 1) |
      {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
       sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}]
  } END) AS conditionFor
}
CALL (cond) {
  OPTIONAL MATCH (actor:Entity)<-[:BY]-(c:Claim)-[:ON]->(cond)
  WHERE c.kind IN ['DEMANDS', 'REJECTS', 'ACCEPTS', 'AGREES_TO', 'OPEN_TO', 'CRITICIZES', 'SUPPORTS', 'CALLS_FOR', 'PROPOSES']
  RETURN collect(CASE WHEN c IS NULL THEN null ELSE c {
    .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText,
    actor: actor {.id, .kind, .name, .aliases, .description, .date, .dateText},
    target: cond {.id, .kind, .name, .aliases, .description, .date, .dateText},
    cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
    respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
    evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
      {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
       sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
  } END) AS stances
}
RETURN {
  condition: cond {.id, .kind, .name, .aliases, .description, .date, .dateText},
  conditionFor: conditionFor,
  stances: stances
} AS condition
ORDER BY cond.name
