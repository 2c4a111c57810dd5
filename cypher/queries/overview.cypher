// graph: the $first most connected entities (optionally of $kinds) and the stances and facts among them,
// each edge with its evidence — the whole picture for a dashboard, capped so a large corpus stays drawable:
// at most $edgeLimit edges, most evidence first (an edge's evidence counted from properties it carries, as
// in neighborhood.cypher), evidence projected for those alone — the first $evidenceFirst of each edge's
// (what the request shows; 0: none) and its evidenceCount (all of it), as in neighborhood.cypher — and
// each sentence that evidence quotes sent once (sentences; evidence names its sentenceId; none unless
// $sentences). omittedNodes
// counts the entities left out, omittedEdges the edges among those kept that were left out.
// An entity's degree counts its stances and facts only (the types named: tests/unit/cypher-types.test.ts keeps
// them in step with src/domain/vocabulary.ts), so that a hub's mentions, claims and documents are not read.
// With nothing narrowing, the degree is the entity's stored degree (cypher/ingest/13-stance-aggregates, read
// there from the store's per-type counts), and the top $first are read in its index order.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances and facts a document of the scope reports
// (a fact's evidence narrowed to those documents' entries), and only the entities that have any.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {first: 200, edgeLimit: 800, evidenceFirst: 5, sentences: true, kinds: null, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
CALL (scope, everything) {
  // Nothing narrowing: an entity's degree is its stored one (13-stance-aggregates): the top $first in index
  // order, with any that tie with the last of them, so that the order below (degree, then id) is the same.
  UNWIND CASE WHEN everything THEN [true] ELSE [] END AS stored
  CALL () {
    MATCH (e:Entity)
    WHERE e.degree >= 0 AND ($kinds IS NULL OR e.kind IN $kinds)
    WITH e
    ORDER BY e.degree DESC
    LIMIT $first
    RETURN min(e.degree) AS floor
  }
  MATCH (e:Entity)
  WHERE e.degree >= floor AND ($kinds IS NULL OR e.kind IN $kinds)
  RETURN e, e.degree AS degree
  UNION ALL
  // Narrowed: the stances and facts that pass, counted for every entity; only entities that have any.
  // (Unwound, not filtered: the planner would scan every entity before testing the flag.)
  UNWIND CASE WHEN everything THEN [] ELSE [true] END AS walked
  MATCH (e:Entity)
  WHERE $kinds IS NULL OR e.kind IN $kinds
  WITH e, COUNT { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) } AS degree
  WHERE degree > 0
  RETURN e, degree
}
WITH scope, everything, e, degree
ORDER BY degree DESC, e.id
LIMIT $first
WITH scope, everything, collect(e) AS nodes, count(e) AS shown
// How many entities there are to show: nothing narrowing, every entity (of $kinds): the store's count of the
// label, or the kind index; narrowed, those with a stance or fact that passes.
CALL (scope, everything) {
  UNWIND CASE WHEN everything AND $kinds IS NULL THEN [true] ELSE [] END AS all
  RETURN COUNT { (:Entity) } AS total
  UNION ALL
  UNWIND CASE WHEN everything AND $kinds IS NOT NULL THEN [true] ELSE [] END AS ofKinds
  MATCH (e:Entity)
  WHERE e.kind IN $kinds
  RETURN count(e) AS total
  UNION ALL
  UNWIND CASE WHEN everything THEN [] ELSE [true] END AS walked
  MATCH (e:Entity)
  WHERE ($kinds IS NULL OR e.kind IN $kinds)
    AND EXISTS { (e)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)) }
  RETURN count(e) AS total
}
WITH scope, everything, nodes, shown, sum(total) AS total
WITH scope, everything, nodes, total - shown AS omittedNodes, [x IN nodes | elementId(x)] AS keys
// Edges among the entities kept, most evidence first, $edgeLimit in all; then evidence for those alone.
// Every edge among them is read with its weight (the ranking and omittedEdges need them all), but the order's
// other keys (type, endpoint ids, claim id) only for the edges that can make the cut: those whose weight is at
// least the $edgeLimit-th largest (every edge above it is chosen, those at it by the other keys), so that a
// large graph's ~20,000 edges among the 200 shown do not each have their endpoints' ids read for a sort.
// (Nothing narrowing, a fact's weight is its number of entries: every entry passes.)
CALL (nodes, keys, scope, everything) {
  UNWIND nodes AS a
  MATCH (a)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]->(b)
  WHERE elementId(b) IN keys AND (everything OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
  WITH a, r, b, CASE WHEN r.claimId IS NOT NULL THEN coalesce(r.evidenceCount, 1) WHEN everything THEN size(r.docIds) ELSE size([i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope) AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)]) END AS weight
  // The edges by weight, heaviest first (a few dozen weights); the heaviest groups until $edgeLimit edges are
  // reached are the candidates (every edge above the $edgeLimit-th weight, and every edge at it).
  WITH weight, collect({a: a, r: r, b: b}) AS edges
  ORDER BY weight DESC
  WITH collect({weight: weight, edges: edges}) AS byWeight
  WITH reduce(cut = {found: 0, candidates: []}, g IN byWeight |
      {found: cut.found + size(g.edges),
       candidates: CASE WHEN cut.found >= $edgeLimit THEN cut.candidates
         ELSE cut.candidates + [e IN g.edges | {a: e.a, r: e.r, b: e.b, weight: g.weight}] END}) AS cut
  WITH cut.candidates AS candidates, CASE WHEN cut.found > $edgeLimit THEN cut.found - $edgeLimit ELSE 0 END AS omittedEdges
  // (Sorted whole and sliced, not LIMITed: the planner's Top keeps every row's copy of the list in its memory
  // estimate, past the transaction's memory limit at 10^6.)
  CALL (candidates) {
    UNWIND candidates AS c
    WITH c.a AS a, c.r AS r, c.b AS b, c.weight AS weight
    ORDER BY weight DESC, type(r), a.id, b.id, r.claimId
    WITH collect({a: a, r: r, b: b, weight: weight}) AS sorted
    RETURN sorted[..$edgeLimit] AS chosen
  }
  UNWIND chosen AS c
  // Evidence: the first $evidenceFirst of each edge's (the most the request shows), counted whole. A fact's:
  // its entries that pass, in their stored order (document id, then place in the text: 08-facts keeps the
  // lists sorted), the lists read once and only when some are sent; counted by its weight (the entries that
  // pass). A stance's: its claim's (a few places in one document), in the same order; counted without being
  // read when none are sent.
  WITH c.a AS a, c.r AS r, c.b AS b, c.weight AS weight, omittedEdges
  WITH a, r, b, weight, omittedEdges,
    CASE WHEN r.claimId IS NULL AND $evidenceFirst > 0
      THEN r {.docIds, .quotes, .starts, .ends, .sentenceIds, .reportConfidences, .reportMethods} END AS f,
    CASE WHEN r.claimId IS NOT NULL AND $evidenceFirst > 0
      THEN COLLECT { MATCH (:Claim {id: r.claimId})-[ev:EVIDENCE]->(s:Sentence)
                     WITH ev, s ORDER BY s.docId, ev.start, ev.end, s.id
                     RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId, sentenceId: s.id} } END AS said
  WITH a, r, b, weight, omittedEdges, f, said, CASE WHEN f IS NULL THEN []
      WHEN scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL THEN range(0, size(f.docIds) - 1)[..$evidenceFirst]
      ELSE [i IN range(0, size(f.docIds) - 1) WHERE (scope IS NULL OR f.docIds[i] IN scope)
          AND coalesce(f.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(f.reportMethods[i], 'hand') IN $scopeMethods)][..$evidenceFirst] END AS picked
  ORDER BY weight DESC, type(r), a.id, b.id, r.claimId
  RETURN collect({
    id: coalesce(r.claimId, elementId(r)), type: type(r), claimId: r.claimId, kind: r.kind, polarity: r.polarity,
    fromId: a.id, toId: b.id, about: r.about,
    evidence: CASE WHEN r.claimId IS NOT NULL THEN coalesce(said[..$evidenceFirst], [])
      ELSE [i IN picked | {quote: f.quotes[i], start: f.starts[i], end: f.ends[i], docId: f.docIds[i], sentenceId: f.sentenceIds[i]}] END,
    evidenceCount: CASE WHEN r.claimId IS NULL THEN weight WHEN said IS NOT NULL THEN size(said)
      ELSE COUNT { (:Claim {id: r.claimId})-[:EVIDENCE]->(:Sentence) } END
  }) AS edges, coalesce(max(omittedEdges), 0) AS omittedEdges
}
// The sentences only when the question asks for them ($sentences: `sentences`, or `evidence { sentence }`).
CALL (edges) {
  UNWIND CASE WHEN $sentences THEN edges ELSE [] END AS e
  UNWIND e.evidence AS ev
  WITH DISTINCT ev.sentenceId AS sentenceId
  MATCH (s:Sentence {id: sentenceId})
  WITH s ORDER BY s.docId, s.index
  RETURN collect(s {.id, .docId, .index, .paragraph, .text, .start, .end}) AS sentences
}
RETURN [x IN nodes | x {.id, .kind, .name, .aliases, .description, .date, .dateText}] AS nodes, edges, sentences,
  omittedNodes > 0 OR omittedEdges > 0 AS truncated, omittedNodes, omittedEdges
