// stance-history: the stances of the actor $actorId on the target $targetId (stanceHistory) in the order
// they were stated — statedOn (the claim's own date, else the day its document was published), then
// reportedOn (that day), then document id, then stance id — the first $first of them. Only the pair's
// claims are sorted (from the target's ON relationships), and only the first $first are projected with
// their actor, target, citations and evidence; the API marks each change of polarity on what it gets.
// Scope as in stances.cypher.
// :param {actorId: 'putin', targetId: 'full-ceasefire', first: 100, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
MATCH (target:Entity {id: $targetId})<-[:ON]-(c:Claim)-[:BY]->(actor:Entity {id: $actorId})
WHERE (scope IS NULL OR c.docId IN scope)
  AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
  AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
WITH c, actor, target, head(COLLECT { MATCH (d:Document {id: c.docId}) RETURN d.publishedAt }) AS reportedOn
ORDER BY coalesce(c.date, reportedOn, ''), coalesce(reportedOn, ''), c.docId, c.id
LIMIT $first
RETURN c {
  .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText, .dateInferred,
  reportedOn: reportedOn,
  actor: actor {.id, .kind, .name, .aliases, .description, .date, .dateText},
  target: target {.id, .kind, .name, .aliases, .description, .date, .dateText},
  cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
  respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
  evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
    {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
     sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
} AS stance
