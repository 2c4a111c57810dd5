// graph: the $first most connected entities (optionally of $kinds) and the stances and facts among them,
// each edge with its evidence — the whole picture for a dashboard, capped so a large corpus stays drawable:
// at most $edgeLimit edges, most evidence first (an edge's evidence counted from properties it carries, as
// in neighborhood.cypher), evidence projected for those alone, and each sentence quoted sent once
// (sentences; evidence names its sentenceId). omittedNodes counts the entities left out, omittedEdges the
// edges among those kept that were left out.
// An entity's degree counts its stances and facts only (the types named: tests/unit/cypher-types.test.ts keeps
// them in step with src/domain/vocabulary.ts), so that a hub's mentions, claims and documents are not read.
// With nothing narrowing, the degree is read from the store's per-type counts without walking a
// relationship: every relationship of these types that touches an entity joins two entities (PART_OF also
// joins sentences and headings to their document, never to an entity).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances and facts a document of the scope reports
// (a fact's evidence narrowed to those documents' entries), and only the entities that have any.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {first: 200, edgeLimit: 800, kinds: null, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
WITH scope, scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL AS everything
MATCH (e:Entity)
WHERE $kinds IS NULL OR e.kind IN $kinds
WITH scope, everything, e, CASE WHEN everything
  THEN COUNT { (e)-[:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-() }
  ELSE COUNT { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) } END AS degree
WHERE everything OR degree > 0
ORDER BY degree DESC, e.id
LIMIT $first
WITH scope, everything, collect(e) AS nodes, count(e) AS shown
CALL (scope, everything) {
  MATCH (e:Entity)
  WHERE ($kinds IS NULL OR e.kind IN $kinds)
    AND (everything OR EXISTS { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) })
  RETURN count(e) AS total
}
WITH scope, everything, nodes, total - shown AS omittedNodes, [x IN nodes | elementId(x)] AS keys
// Edges among the entities kept, most evidence first, $edgeLimit in all; then evidence for those alone.
CALL (nodes, keys, scope, everything) {
  UNWIND nodes AS a
  MATCH (a)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]->(b:Entity)
  WHERE elementId(b) IN keys AND (everything OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
  WITH a, r, b, CASE WHEN r.claimId IS NOT NULL THEN coalesce(r.evidenceCount, 1) ELSE size([i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope) AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)]) END AS weight
  ORDER BY weight DESC, type(r), a.id, b.id, r.claimId
  WITH collect({a: a, r: r, b: b, weight: weight}) AS among
  WITH among[..$edgeLimit] AS chosen, CASE WHEN size(among) > $edgeLimit THEN size(among) - $edgeLimit ELSE 0 END AS omittedEdges
  UNWIND chosen AS c
  WITH c.a AS a, c.r AS r, c.b AS b, c.weight AS weight, omittedEdges
  ORDER BY weight DESC, type(r), a.id, b.id, r.claimId
  RETURN collect({
    id: coalesce(r.claimId, elementId(r)), type: type(r), claimId: r.claimId, kind: r.kind, polarity: r.polarity,
    fromId: a.id, toId: b.id, about: r.about,
    evidence: CASE WHEN r.claimId IS NOT NULL
      THEN COLLECT { MATCH (:Claim {id: r.claimId})-[ev:EVIDENCE]->(s:Sentence)
                     RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId, sentenceId: s.id} }
      ELSE [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
          AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods) |
        {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i], sentenceId: r.sentenceIds[i]}] END
  }) AS edges, coalesce(max(omittedEdges), 0) AS omittedEdges
}
CALL (edges) {
  UNWIND edges AS e
  UNWIND e.evidence AS ev
  WITH DISTINCT ev.sentenceId AS sentenceId
  MATCH (s:Sentence {id: sentenceId})
  WITH s ORDER BY s.docId, s.index
  RETURN collect(s {.id, .docId, .index, .paragraph, .text, .start, .end}) AS sentences
}
RETURN [x IN nodes | x {.id, .kind, .name, .aliases, .description, .date, .dateText}] AS nodes, edges, sentences,
  omittedNodes > 0 OR omittedEdges > 0 AS truncated, omittedNodes, omittedEdges
