// citedAsObjections: what opposing stances (REJECTS, CRITICIZES, …) cite as their grounds — e.g. the attacks
// a leader invokes when criticising another's rejection. $byId (the objector) and $againstId (the
// objection's target) are optional.
// One page, in the order of the objection's id, then the cited entity's id; the cursor ($afterClaim,
// $afterCited; null for the first page) is the last pair shown. Anchored on the objector when $byId is
// given, else on the target, else on every claim: the first two sort only that entity's claims; the third
// walks the claim id index in order from the cursor and stops after $first + 1 pairs. Only the page is
// projected with its evidence.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the objections the documents in it report.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a claim by its own confidence
// (1 when the annotation gave none) and method ('hand' when it did not say).
// :param {byId: null, againstId: null, afterClaim: null, afterCited: null, first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
CALL (scope) {
  WITH 1 AS x WHERE $byId IS NOT NULL
  MATCH (by:Entity {id: $byId})<-[:BY]-(c:Claim)-[:CITES]->(cited:Entity)
  WHERE c.polarity = 'OPPOSE' AND c.id >= coalesce($afterClaim, '')
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
    AND ($afterClaim IS NULL OR c.id > $afterClaim OR (c.id = $afterClaim AND cited.id > $afterCited))
  MATCH (c)-[:ON]->(target:Entity)
  WHERE $againstId IS NULL OR target.id = $againstId
  WITH c, by, cited, target ORDER BY c.id, cited.id LIMIT $first + 1
  RETURN c, by, cited, target
  UNION ALL
  WITH 1 AS x WHERE $byId IS NULL AND $againstId IS NOT NULL
  MATCH (target:Entity {id: $againstId})<-[:ON]-(c:Claim)-[:CITES]->(cited:Entity)
  WHERE c.polarity = 'OPPOSE' AND c.id >= coalesce($afterClaim, '')
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
    AND ($afterClaim IS NULL OR c.id > $afterClaim OR (c.id = $afterClaim AND cited.id > $afterCited))
  MATCH (c)-[:BY]->(by:Entity)
  WITH c, by, cited, target ORDER BY c.id, cited.id LIMIT $first + 1
  RETURN c, by, cited, target
  UNION ALL
  WITH 1 AS x WHERE $byId IS NULL AND $againstId IS NULL
  MATCH (c:Claim) USING INDEX c:Claim(id)
  WHERE c.id >= coalesce($afterClaim, '') AND c.polarity = 'OPPOSE'
  MATCH (c)-[:CITES]->(cited:Entity)
  WHERE true
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
    AND ($afterClaim IS NULL OR c.id > $afterClaim OR (c.id = $afterClaim AND cited.id > $afterCited))
  MATCH (by:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
  WITH c, by, cited, target ORDER BY c.id, cited.id LIMIT $first + 1
  RETURN c, by, cited, target
}
WITH c, by, cited, target ORDER BY c.id, cited.id LIMIT $first + 1
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
