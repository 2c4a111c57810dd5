// neighborhood: the entities within $depth hops of one entity (stances as actor→target edges, facts as
// edges of their type), and the edges among them with their evidence; ranked and capped, so that a hub
// cannot return the whole graph: at most $limit entities besides the start, at most $edgeLimit edges.
// Entities: nearest first — so that every entity kept is joined to the start through entities kept — and of
// equally near ones, the most evidence first: the evidence of the stances and facts that tie the entity to
// the entities one hop nearer (every such last step).
// Edges: each entity's heaviest such step (its joining edge, so that none is left unconnected; of equally
// heavy steps, the one from the nearer entity first in id order, then by type, claim and direction), then
// the other edges among the entities kept, most evidence first; listed most evidence first.
// An edge's evidence is counted from properties it carries (a STANCE edge's evidenceCount, a fact's report
// lists: their length when nothing narrows), so ranking projects no evidence: only the edges kept are
// projected, each with the first $evidenceFirst of its evidence (what the request shows; 0: none) and its
// evidenceCount (all of it), with their sentences (a fact's lists read once each, not once per entry).
// Each sentence is sent once: evidence items name theirs by sentenceId, and `sentences` holds every sentence
// the evidence sent names, once. omittedNodes counts the entities within reach left out; omittedEdges the edges among the
// entities kept that the cap on edges left out (edges to entities left out are never enumerated).
// The walk names the relationships between entities — STANCE and every fact type of src/domain/vocabulary.ts
// (tests/unit/cypher-types.test.ts keeps the lists in step) — so that a hub's mentions, claims and
// documents are never scanned, and goes no deeper than $depth: a quantifier takes no parameter, so there is
// one branch per depth, and the untaken ones cost nothing (bench/results/profile-*). Depth 2, the default
// and the one a hub makes large, is spelt out as two expansions (the entities next to the start, then the
// entities next to those that are neither): the same entities and last steps as ALL SHORTEST {1,2}, for
// about 30 % less of Neo4j's CPU at a hub (docs/performance.md).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): the walk follows only stances and facts reported by a
// document of the scope (a stance by its docId, a fact by any of its docIds), and a fact's evidence — and so
// its weight in the ranking — is narrowed to those documents' entries.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {id: 'putin', depth: 2, limit: 50, edgeLimit: 200, evidenceFirst: 5, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
// OPTIONAL: an entity with no stance or fact within reach is its own neighbourhood.
OPTIONAL CALL (start, scope) {
  CALL (start, scope) {
    WITH start WHERE $depth = 1
    MATCH p = ALL SHORTEST (start) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,1} (n:Entity)
    RETURN n, length(p) AS hops, last(r) AS reaching
    UNION ALL
    WITH start, scope WHERE $depth = 2
    MATCH (start)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(n:Entity)
    WHERE n <> start AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
    WITH start, scope, collect({n: n, r: r}) AS first, collect(DISTINCT n) AS near
    CALL (start, scope, first, near) {
      UNWIND first AS x
      RETURN x.n AS n, 1 AS hops, x.r AS reaching
      UNION ALL
      UNWIND near AS m
      MATCH (m)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(n:Entity)
      WHERE n <> start AND NOT n IN near AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
      RETURN n, 2 AS hops, r AS reaching
    }
    RETURN n, hops, reaching
    UNION ALL
    WITH start WHERE $depth = 3
    MATCH p = ALL SHORTEST (start) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,3} (n:Entity)
    RETURN n, length(p) AS hops, last(r) AS reaching
  }
  WITH n, hops, collect(DISTINCT reaching) AS steps
  WHERE n <> start
  // Each step's weight; the heaviest step is the edge that joins n to the nearer entities in any answer.
  WITH n, hops, [r IN steps | {r: r, weight: CASE WHEN r.claimId IS NOT NULL THEN coalesce(r.evidenceCount, 1) WHEN scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL THEN size(r.docIds) ELSE size([i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope) AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)]) END}] AS weighed
  RETURN n, hops, reduce(w = 0, x IN weighed | w + x.weight) AS weight, weighed
}
WITH start, scope, n, hops, weight, weighed ORDER BY hops, weight DESC, n.id
WITH start, scope, collect({n: n, weighed: weighed}) AS ranked
WITH scope, start, ranked[..$limit] AS kept, size(ranked) AS reached
// A kept entity's joining edge: its heaviest step; of equally heavy ones, the one from the nearer entity
// first in id order, then by type, claim, and direction (so that the choice is the same in any database).
// The keys are read only on a tie (AND stops at the first false).
WITH scope, [start] + [x IN kept | x.n] AS nodes, [x IN kept | reduce(best = head(x.weighed), s IN tail(x.weighed) |
    CASE WHEN s.weight > best.weight OR (s.weight = best.weight AND
      [(CASE WHEN startNode(s.r) = x.n THEN endNode(s.r) ELSE startNode(s.r) END).id, type(s.r),
        coalesce(s.r.claimId, ''), startNode(s.r) = x.n] <
      [(CASE WHEN startNode(best.r) = x.n THEN endNode(best.r) ELSE startNode(best.r) END).id, type(best.r),
        coalesce(best.r.claimId, ''), startNode(best.r) = x.n]) THEN s ELSE best END).r] AS joining,
  CASE WHEN reached > $limit THEN reached - $limit ELSE 0 END AS omittedNodes
WITH scope, nodes, joining, omittedNodes, [x IN nodes | elementId(x)] AS keys
// Edges: every entity's joining edge (so that none is drawn unconnected), then the others among the entities
// kept, most evidence first, $edgeLimit in all; then evidence for those alone, in order of evidence.
CALL (nodes, keys, joining, scope) {
  UNWIND nodes AS a
  MATCH (a)-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]->(b:Entity)
  WHERE elementId(b) IN keys AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods)))
  WITH a, r, b, CASE WHEN r.claimId IS NOT NULL THEN coalesce(r.evidenceCount, 1) WHEN scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL THEN size(r.docIds) ELSE size([i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope) AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)]) END AS weight
  ORDER BY r IN joining DESC, weight DESC, type(r), a.id, b.id, r.claimId
  WITH collect({a: a, r: r, b: b, weight: weight}) AS among
  WITH among[..$edgeLimit] AS chosen, CASE WHEN size(among) > $edgeLimit THEN size(among) - $edgeLimit ELSE 0 END AS omittedEdges
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
