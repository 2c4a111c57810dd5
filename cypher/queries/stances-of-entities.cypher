// stances-of-entities: Entity.stances and stancesCount — per entity $keys, at most $first of the stances it
// takes ($relation 'BY'), that are on it ('ON'), or both (null), and how many match. Filters (null = any):
// $kinds; scope, confidence and method as in stances.cypher. The order: the stances it takes before those on
// it, then polarity (descending, as stances.cypher sorts), the actor's name, the stance id. Every matching
// claim is read and sorted (a handful of properties each), but only the page is projected with its actor,
// target, citations and evidence. $first = 0 asks for the count alone.
// :param {keys: ['putin'], relation: null, kinds: null, first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
UNWIND $keys AS key
MATCH (e:Entity {id: key})
CALL (e, scope) {
  MATCH (e)<-[r:BY|ON]-(c:Claim)
  WHERE ($relation IS NULL OR type(r) = $relation)
    AND ($kinds IS NULL OR c.kind IN $kinds)
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH DISTINCT c
  MATCH (actor:Entity)<-[:BY]-(c)
  WITH c, actor ORDER BY CASE WHEN actor = e THEN 0 ELSE 1 END, c.polarity DESC, actor.name, c.id
  RETURN count(c) AS count, collect(c)[0..$first] AS page
}
RETURN key, {
  count: count,
  stances: COLLECT {
    UNWIND range(0, size(page) - 1) AS i
    WITH i, page[i] AS c
    MATCH (actor:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
    WITH i, c, actor, target ORDER BY i
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
    } }
} AS page
