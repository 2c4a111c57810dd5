// timeline: dated events and attacks, and dated statements, in date order between $from and $to
// (ISO dates, inclusive, null = open), each with its evidence: a statement's quotes, an event's mentions.
// The page is chosen from the dated nodes alone (the date indexes hold them); only its $limit entries are
// then projected with their evidence, not every dated node of a large graph (bench/results/profile-*).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo — the API's documents, reportedFrom, reportedTo): only the
// statements a document of the scope reports and the events one of them mentions.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): only the statements whose claim
// passes (its confidence, 1 when none was given; its method, 'hand' when none); events are not claims.
// :param {from: '2025-03-01', to: null, limit: 500, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
  MATCH (e:Entity)
  WHERE e.date >= coalesce($from, '') AND ($to IS NULL OR e.date <= $to)
    AND (scope IS NULL OR EXISTS { MATCH (s:Sentence)-[:MENTIONS]->(e) WHERE s.docId IN scope })
  RETURN e.date AS date, 'EVENT' AS kind, e.id AS key, e AS node
  UNION ALL
  MATCH (c:Claim)
  WHERE c.date >= coalesce($from, '') AND ($to IS NULL OR c.date <= $to)
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  RETURN c.date AS date, 'STATEMENT' AS kind, c.id AS key, c AS node
}
WITH scope, date, kind, key, node
ORDER BY date, kind, key
LIMIT $limit
CALL (kind, node, scope) {
  WITH node AS e WHERE kind = 'EVENT'
  RETURN e.dateText AS dateText, null AS stance,
    e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity,
    COLLECT { MATCH (s:Sentence)-[m:MENTIONS]->(e) WHERE scope IS NULL OR s.docId IN scope
              RETURN {quote: m.surface, start: m.start, end: m.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence
  UNION ALL
  WITH node AS c WHERE kind = 'STATEMENT'
  MATCH (actor:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
  RETURN c.dateText AS dateText,
    c {
      .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText, .dateInferred,
      reportedOn: head(COLLECT { MATCH (d:Document {id: c.docId}) RETURN d.publishedAt }),
      actor: actor {.id, .kind, .name, .aliases, .description, .date, .dateText},
      target: target {.id, .kind, .name, .aliases, .description, .date, .dateText},
      cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
      respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
      evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
        {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
         sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
    } AS stance,
    null AS entity,
    COLLECT { MATCH (c)-[ev:EVIDENCE]->(s:Sentence)
              RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence
}
RETURN {date: date, dateText: dateText, kind: kind, entity: entity, stance: stance, evidence: evidence} AS entry
ORDER BY date, kind, key
