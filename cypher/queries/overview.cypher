// graph: the $first most connected entities (optionally of $kinds) and every stance and fact among them,
// each edge with its evidence — the whole picture for a dashboard, capped so a large corpus stays drawable.
// An entity's degree counts its stances and facts only (the types named: tests/unit/cypher-types.test.ts keeps
// them in step with src/domain/vocabulary.ts), so that a hub's mentions, claims and documents are not read.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances and facts a document of the scope reports
// (a fact's evidence narrowed to those documents' entries), and only the entities that have any.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {first: 200, kinds: null, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
MATCH (e:Entity)
WHERE $kinds IS NULL OR e.kind IN $kinds
WITH scope, e, COUNT { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) } AS degree
WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR degree > 0
ORDER BY degree DESC, e.id
LIMIT $first
WITH scope, collect(e) AS nodes, count(e) AS shown
CALL (scope) {
  MATCH (e:Entity)
  WHERE ($kinds IS NULL OR e.kind IN $kinds)
    AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR EXISTS { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) })
  RETURN count(e) AS total
}
WITH scope, nodes, shown < total AS truncated, [x IN nodes | elementId(x)] AS keys
CALL (nodes, keys, scope) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE elementId(b) IN keys AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
  RETURN collect({
    id: coalesce(r.claimId, elementId(r)), type: type(r), claimId: r.claimId, kind: r.kind, polarity: r.polarity,
    fromId: a.id, toId: b.id, about: r.about,
    evidence: CASE WHEN r.claimId IS NOT NULL
      THEN COLLECT { MATCH (:Claim {id: r.claimId})-[ev:EVIDENCE]->(s:Sentence)
                     RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
                             sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} }
      ELSE [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
          AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods) |
        {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
         sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}] END
  }) AS edges
}
RETURN [x IN nodes | x {.id, .kind, .name, .aliases, .description, .date, .dateText}] AS nodes, edges, truncated
