// path: the shortest chain of stances and facts between two entities, at most $maxHops (≤ 6) long.
// It walks only the relationships between entities (STANCE and the fact types; tests/unit/cypher-types.test.ts
// keeps the list in step with src/domain/vocabulary.ts), never a hub's mentions, claims or documents.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): the chain uses only stances and facts a document of the scope
// reports, and a fact's evidence is narrowed to those documents' entries.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): a stance edge passes by its own
// (the STANCE edge carries its claim's), a fact when one of its reports passes by the report's
// (reportConfidences[i], reportMethods[i]), in the same entry as the document: one expression serves both,
// since a STANCE edge has a docId where a fact has lists. Nothing narrowing, the walk checks nothing.
// :param {from: 'scholz', to: 'sumy', maxHops: 6, evidenceFirst: 5, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH p = ANY SHORTEST (a) (()-[r:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) WHERE (scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL) OR any(i IN range(0, size(coalesce(r.docIds, [r.docId])) - 1) WHERE (scope IS NULL OR coalesce(r.docIds, [r.docId])[i] IN scope) AND coalesce(r.reportConfidences[i], r.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0) AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], r.method, 'hand') IN $scopeMethods))){1,6} (b)
WHERE length(p) <= $maxHops
WITH p, scope
WHERE p IS NOT NULL
// Each edge with the first $evidenceFirst of its evidence (what the request shows; 0: none), in document id
// then text order (a fact's entries are stored so: 08-facts), and its evidenceCount (all of it).
RETURN [x IN nodes(p) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}] AS nodes,
  [x IN [r IN relationships(p) | {r: r, passing: CASE WHEN r.claimId IS NULL THEN
      [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
        AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
        AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)] END}] | {
    id: coalesce(x.r.claimId, elementId(x.r)), type: type(x.r), claimId: x.r.claimId, kind: x.r.kind,
    polarity: x.r.polarity, fromId: startNode(x.r).id, toId: endNode(x.r).id, about: x.r.about,
    evidence: CASE WHEN x.r.claimId IS NOT NULL
      THEN COLLECT { MATCH (:Claim {id: x.r.claimId})-[ev:EVIDENCE]->(s:Sentence)
                     WITH ev, s ORDER BY s.docId, ev.start, ev.end, s.id LIMIT $evidenceFirst
                     RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
                             sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} }
      ELSE [i IN x.passing[..$evidenceFirst] |
        {quote: x.r.quotes[i], start: x.r.starts[i], end: x.r.ends[i], docId: x.r.docIds[i],
         sentence: head(COLLECT { MATCH (s:Sentence {id: x.r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}] END,
    evidenceCount: CASE WHEN x.r.claimId IS NOT NULL
      THEN COUNT { (:Claim {id: x.r.claimId})-[:EVIDENCE]->(:Sentence) } ELSE size(x.passing) END
  }] AS edges
