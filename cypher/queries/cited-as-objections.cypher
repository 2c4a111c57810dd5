// citedAsObjections: what opposing stances (REJECTS, CRITICIZES, …) cite as their grounds — e.g. the attacks
// a leader invokes when criticising another's rejection. $byId (the objector) and $againstId (the
// objection's target) are optional.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the objections the documents in it report.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a claim by its own confidence
// (1 when the annotation gave none) and method ('hand' when it did not say).
// :param {byId: null, againstId: null, limit: 1000, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
// Scope: the ids of the documents asked for ($scopeDocuments, null = all) published in [$scopeFrom, $scopeTo]
// (ISO dates, inclusive, null = open); null when nothing narrows it. Unknown ids are the API's to report.
WITH CASE
  WHEN $scopeDocuments IS NOT NULL THEN COLLECT {
    MATCH (d:Document) WHERE d.id IN $scopeDocuments
      AND d.publishedAt >= coalesce($scopeFrom, '') AND d.publishedAt <= coalesce($scopeTo, '9999-12-31')
    RETURN d.id }
  WHEN $scopeFrom IS NOT NULL OR $scopeTo IS NOT NULL THEN COLLECT {
    MATCH (d:Document) WHERE d.publishedAt >= coalesce($scopeFrom, '') AND d.publishedAt <= coalesce($scopeTo, '9999-12-31')
      AND d.sha256 IS NOT NULL
    RETURN d.id }
END AS scope
MATCH (by:Entity)<-[:BY]-(c:Claim {polarity: 'OPPOSE'})-[:CITES]->(cited:Entity)
MATCH (c)-[:ON]->(target:Entity)
WHERE ($byId IS NULL OR by.id = $byId)
  AND ($againstId IS NULL OR target.id = $againstId)
  AND (scope IS NULL OR c.docId IN scope)
  AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
  AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
RETURN {
  cited: cited {.id, .kind, .name, .aliases, .description, .date, .dateText},
  by: by {.id, .kind, .name, .aliases, .description, .date, .dateText},
  objection: c {
    .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText, .dateInferred,
    reportedOn: head(COLLECT { MATCH (d:Document {id: c.docId}) RETURN d.publishedAt }),
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
