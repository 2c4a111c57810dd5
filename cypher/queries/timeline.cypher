// timeline: dated events and attacks, and dated statements, in date order between the API's from and $to
// (ISO dates, inclusive, null = open), each with its evidence: a statement's quotes, an event's mentions.
// One page, in the order (date, kind, id); the cursor ($afterDate, $afterKind, $afterKey; null for the first
// page) is the last entry shown, and $lower the later of the API's from and $afterDate (null = open),
// where each date index's range starts. Each branch walks its (date, id) index in that order and stops after
// $first + 1 entries (`id IS NOT NULL` lets the planner use the two-property index, which gives the order
// whole: with the date alone, every entry of the first day was read and sorted); only the page is then
// projected with its evidence, not every dated node of a large graph (bench/results/profile-*).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo — the API's documents, reportedFrom, reportedTo): only the
// statements a document of the scope reports and the events one of them mentions.
// An event's evidence is at most $eventEvidence of the places that name it (in document-id, then text
// order), found unnarrowed in the mention_entity_doc index (a few entries, not every place's sentence);
// evidenceCount is how many there are. Unnarrowed, that count is the event's MENTIONS degree (every MENTIONS
// comes from a Sentence), read from the store without walking the mentions: a much-reported event has thousands. A statement's evidence is its own quotes, all of them.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): only the statements whose claim
// passes (its confidence, 1 when none was given; its method, 'hand' when none); events are not claims.
// :param {to: null, lower: '2025-03-01', afterDate: null, afterKind: null, afterKey: null, first: 20, eventEvidence: 10, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
  WHERE e.date >= coalesce($lower, '') AND e.id IS NOT NULL AND ($to IS NULL OR e.date <= $to)
    AND ($afterDate IS NULL OR e.date > $afterDate
         OR (e.date = $afterDate AND ('EVENT' > $afterKind OR ('EVENT' = $afterKind AND e.id > $afterKey))))
    AND (scope IS NULL OR EXISTS { MATCH (s:Sentence)-[:MENTIONS]->(e) WHERE s.docId IN scope })
  WITH e ORDER BY e.date, e.id LIMIT $first + 1
  RETURN e.date AS date, 'EVENT' AS kind, e.id AS key, e AS node
  UNION ALL
  MATCH (c:Claim)
  WHERE c.date >= coalesce($lower, '') AND c.id IS NOT NULL AND ($to IS NULL OR c.date <= $to)
    AND ($afterDate IS NULL OR c.date > $afterDate
         OR (c.date = $afterDate AND ('STATEMENT' > $afterKind OR ('STATEMENT' = $afterKind AND c.id > $afterKey))))
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH c ORDER BY c.date, c.id LIMIT $first + 1
  RETURN c.date AS date, 'STATEMENT' AS kind, c.id AS key, c AS node
}
WITH scope, date, kind, key, node
ORDER BY date, kind, key
LIMIT $first + 1
CALL (kind, node, scope) {
  WITH node AS e WHERE kind = 'EVENT'
  WITH e, scope,
    CASE WHEN scope IS NULL THEN COUNT { (e)<-[:MENTIONS]-() }
      ELSE COUNT { MATCH (s:Sentence)-[:MENTIONS]->(e) WHERE s.docId IN scope } END AS evidenceCount,
    // Unnarrowed: the first places from the mention_entity_doc index, in its order (entityId fixed, so that is
    // docId, start), reading $eventEvidence entries; CASE keeps a narrowed page from seeking at all.
    CASE WHEN scope IS NULL THEN COLLECT {
      MATCH (s)-[m:MENTIONS]->() WHERE m.entityId = e.id AND m.docId IS NOT NULL AND m.start IS NOT NULL
      RETURN {quote: m.surface, start: m.start, end: m.end, docId: m.docId,
              sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} AS mention
      ORDER BY m.entityId, m.docId, m.start LIMIT $eventEvidence } ELSE [] END AS keyed
  // The index holds every place of the event (whole) unless mentions lack the keys (a store written before
  // them, until applySchema keys it): then, and when narrowed, each place's sentence is read for its docId.
  WITH e, scope, evidenceCount, keyed,
    scope IS NULL AND size(keyed) = CASE WHEN evidenceCount < $eventEvidence THEN evidenceCount ELSE $eventEvidence END AS whole
  WITH e, scope, evidenceCount, keyed, whole,
    COLLECT { MATCH (s:Sentence)-[m:MENTIONS]->(e) WHERE NOT whole AND (scope IS NULL OR s.docId IN scope)
              RETURN {quote: m.surface, start: m.start, end: m.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} AS mention
              ORDER BY s.docId, m.start LIMIT $eventEvidence } AS walked
  RETURN e.dateText AS dateText, null AS stance,
    e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity,
    CASE WHEN whole THEN keyed ELSE walked END AS evidence,
    evidenceCount
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
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence,
    COUNT { (c)-[:EVIDENCE]->(:Sentence) } AS evidenceCount
}
RETURN {date: date, dateText: dateText, kind: kind, key: key, entity: entity, stance: stance, evidence: evidence,
        evidenceCount: evidenceCount} AS entry
ORDER BY date, kind, key
