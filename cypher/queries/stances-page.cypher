// stances-page: one page of the root field stances(actor:, target:, kinds:, polarities:), in stance-id order
// (a stance's id is "<document id>:<claim id>"), from after the cursor $after (the last id shown; null for
// the first page). Anchored on the target when $targetId is given, else on the actor, else on every claim:
// the first two sort only that entity's claims; the third walks the claim id index in order from the
// cursor and stops after $first + 1 matches, however many claims there are. Only the page is then projected
// with its actor, target, citations and evidence.
// Filters (null = any): $actorId, $targetId, $kinds, $polarities. Scope as in stances.cypher.
// :param {actorId: null, targetId: null, kinds: null, polarities: null, after: null, first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
  WITH 1 AS x WHERE $targetId IS NOT NULL
  MATCH (target:Entity {id: $targetId})<-[:ON]-(c:Claim)-[:BY]->(actor:Entity)
  WHERE c.id > coalesce($after, '')
    AND ($actorId IS NULL OR actor.id = $actorId)
    AND ($kinds IS NULL OR c.kind IN $kinds)
    AND ($polarities IS NULL OR c.polarity IN $polarities)
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH c, actor, target ORDER BY c.id LIMIT $first + 1
  RETURN c, actor, target
  UNION ALL
  WITH 1 AS x WHERE $targetId IS NULL AND $actorId IS NOT NULL
  MATCH (actor:Entity {id: $actorId})<-[:BY]-(c:Claim)-[:ON]->(target:Entity)
  WHERE c.id > coalesce($after, '')
    AND ($kinds IS NULL OR c.kind IN $kinds)
    AND ($polarities IS NULL OR c.polarity IN $polarities)
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH c, actor, target ORDER BY c.id LIMIT $first + 1
  RETURN c, actor, target
  UNION ALL
  WITH 1 AS x WHERE $targetId IS NULL AND $actorId IS NULL
  MATCH (c:Claim) USING INDEX c:Claim(id)
  WHERE c.id > coalesce($after, '')
    AND ($kinds IS NULL OR c.kind IN $kinds)
    AND ($polarities IS NULL OR c.polarity IN $polarities)
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  MATCH (actor:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
  WITH c, actor, target ORDER BY c.id LIMIT $first + 1
  RETURN c, actor, target
}
WITH c, actor, target ORDER BY c.id LIMIT $first + 1
RETURN c {
  .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText, .dateInferred,
  reportedOn: head(COLLECT { MATCH (d:Document {id: c.docId}) RETURN d.publishedAt }),
  actor: actor {.id, .kind, .name, .aliases, .description, .date, .dateText},
  target: target {.id, .kind, .name, .aliases, .description, .date, .dateText},
  cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
  respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
  evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
    {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
     sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
} AS stance
