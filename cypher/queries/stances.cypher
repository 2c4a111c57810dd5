// stances: positions actors take, each with actor, target, what it cites, what it responds to and its
// evidence. One query serves every stance lookup; $anchor says where it starts:
//   TARGET — the stances on the entities $keys      (supporters, opponents, stances(target:), Entity.stances(role: TARGET))
//   ACTOR  — the stances taken by the entities $keys (stances(actor:), Entity.stances(role: ACTOR))
//   ENTITY — the stances the entities $keys take or are the target of (Entity.stances without a role)
//   CLAIM  — the stances with the ids $keys          (Stance.respondsTo)
//   RESPONSES — the stances responding to $keys      (Stance.responses)
// (Every stance at once is stances-page.cypher's, a page at a time in id order: no anchor reads all claims.)
// Filters (null = any): $actorId, $targetId, $kinds, $polarities. Each row is keyed by the $keys entry
// it was found from. supporters = TARGET with $polarities ['SUPPORT', 'CONDITIONAL']; opponents = ['OPPOSE'];
// both send their `first` as $limit (one key: the first $limit in the order below are the ones projected).
// The DataLoader anchors send 5,000, a guard. (stanceHistory is stance-history.cypher's, in stated order.)
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances the documents in it report.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a claim by its own confidence
// (1 when the annotation gave none) and method ('hand' when it did not say).
// :param {anchor: 'TARGET', keys: ['energy-ceasefire'], actorId: null, targetId: null, kinds: null, polarities: ['SUPPORT', 'CONDITIONAL'], limit: 100, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
CALL () {
  WITH 1 AS x WHERE $anchor = 'TARGET'
  UNWIND $keys AS key
  MATCH (:Entity {id: key})<-[:ON]-(c:Claim)
  RETURN key, c
  UNION
  WITH 1 AS x WHERE $anchor = 'ACTOR'
  UNWIND $keys AS key
  MATCH (:Entity {id: key})<-[:BY]-(c:Claim)
  RETURN key, c
  UNION
  WITH 1 AS x WHERE $anchor = 'ENTITY'
  UNWIND $keys AS key
  MATCH (:Entity {id: key})<-[:BY|ON]-(c:Claim)
  RETURN key, c
  UNION
  WITH 1 AS x WHERE $anchor = 'CLAIM'
  UNWIND $keys AS key
  MATCH (c:Claim {id: key})
  RETURN key, c
  UNION
  WITH 1 AS x WHERE $anchor = 'RESPONSES'
  UNWIND $keys AS key
  MATCH (:Claim {id: key})<-[:RESPONDS_TO]-(c:Claim)
  RETURN key, c
}
MATCH (actor:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
WHERE ($actorId IS NULL OR actor.id = $actorId)
  AND ($targetId IS NULL OR target.id = $targetId)
  AND ($kinds IS NULL OR c.kind IN $kinds)
  AND ($polarities IS NULL OR c.polarity IN $polarities)
  AND (scope IS NULL OR c.docId IN scope)
  AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
  AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
WITH key, c, actor, target
ORDER BY key, c.polarity DESC, actor.name, c.id
LIMIT $limit
RETURN key, c {
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
