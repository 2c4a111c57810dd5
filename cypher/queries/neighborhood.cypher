// neighborhood: the entities within $depth hops of one entity (stances as actor→target edges, facts as
// edges of their type), and every edge among them with its evidence. $maxNodes caps the answer so a hub
// cannot return the whole graph.
// The walk names the relationships between entities — STANCE and every fact type of src/domain/vocabulary.ts
// (tests/unit/cypher-types.test.ts keeps the lists in step) — so that a hub's mentions, claims and
// documents are never scanned, and goes no deeper than $depth: a quantifier takes no parameter, so there is
// one branch per depth, and the untaken ones cost nothing (bench/results/profile-*).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): the walk follows only stances and facts reported by a
// document of the scope (a stance by its docId, a fact by any of its docIds), and a fact's evidence is narrowed
// to those documents' entries.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {id: 'putin', depth: 2, maxNodes: 200, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
MATCH (start:Entity {id: $id})
CALL (start, scope) {
  CALL (start, scope) {
    WITH start WHERE $depth = 1
    MATCH p = ANY SHORTEST (start) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,1} (n:Entity)
    RETURN n, length(p) AS hops
    UNION
    WITH start WHERE $depth = 2
    MATCH p = ANY SHORTEST (start) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,2} (n:Entity)
    RETURN n, length(p) AS hops
    UNION
    WITH start WHERE $depth = 3
    MATCH p = ANY SHORTEST (start) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,3} (n:Entity)
    RETURN n, length(p) AS hops
  }
  RETURN n, hops
  ORDER BY hops, n.id
  LIMIT $maxNodes
}
WITH start, scope, collect(n) AS found
WITH scope, [start] + found AS nodes, size(found) >= $maxNodes AS truncated
WITH scope, nodes, truncated, [x IN nodes | elementId(x)] AS keys
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
