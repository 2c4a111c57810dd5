// citedAsObjections: what opposing stances (REJECTS, CRITICIZES, …) cite as their grounds — e.g. the attacks
// a leader invokes when criticising another's rejection. $byId (the objector) and $againstId (the
// objection's target) are optional.
// :param {byId: null, againstId: null}
MATCH (by:Entity)<-[:BY]-(c:Claim {polarity: 'OPPOSE'})-[:CITES]->(cited:Entity)
MATCH (c)-[:ON]->(target:Entity)
WHERE ($byId IS NULL OR by.id = $byId)
  AND ($againstId IS NULL OR target.id = $againstId)
RETURN {
  cited: cited {.id, .kind, .name, .aliases, .description, .date, .dateText},
  by: by {.id, .kind, .name, .aliases, .description, .date, .dateText},
  objection: c {
    .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText,
    actor: by {.id, .kind, .name, .aliases, .description, .date, .dateText},
    target: target {.id, .kind, .name, .aliases, .description, .date, .dateText},
    cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
    respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
    evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
      {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
       sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
  }
} AS citation
ORDER BY citation.by.name, citation.cited.name
LIMIT $limit
