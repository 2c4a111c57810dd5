// conditions: each Condition, what it is a condition for, who set it (DEMANDS), who rejected it (REJECTS)
// and who accepted it (ACCEPTS, AGREES_TO). $forId optional: only conditions for that proposal or event.
// One page, in the order (name, id); the cursor ($afterName, $afterId; null for the first page) is the last
// condition shown. Which conditions are in the page is decided first (in scope: those with a stance or a
// CONDITION_FOR fact that passes), and only those $first + 1 are then projected with their facts' evidence,
// not every condition of a large graph. Its stances come as ids and kinds only, in id order: the API reads
// in full only the first few that each list (stances, setBy, rejectedBy, acceptedBy) shows (docs/paging.md).
// What a condition is for (its CONDITION_FOR facts) comes sorted by the end's name, id and `about`: only the
// first $forFirst with their evidence (the largest `first` the request asks of `for` and `conditionFor`; 0
// when it asks neither), and how many there are (forCount).
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances and CONDITION_FOR facts the documents in
// it report (a fact's evidence narrowed to theirs), and only the conditions that have any.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): stances by their claim's, the
// CONDITION_FOR facts by their reports' (reportConfidences[i], reportMethods[i]), as the documents narrow them.
// :param {forId: 'full-ceasefire', first: 20, forFirst: 20, afterName: null, afterId: null, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
// The candidates: with $forId, the conditions for it, found from it (not a scan of every condition);
// without, and narrowed, every condition, from the kind index; without and unnarrowed (every condition is
// in the page's order then), only the page's $first + 1 after the cursor, read in the condition_name_id
// index's (name, id) order.
CALL (scope) {
  UNWIND CASE WHEN $forId IS NULL THEN [] ELSE [$forId] END AS forId
  MATCH (:Entity {id: forId})<-[:CONDITION_FOR]-(cond:Condition)
  RETURN DISTINCT cond
  UNION
  UNWIND CASE WHEN $forId IS NULL AND NOT (scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL) THEN [true] ELSE [] END AS all
  MATCH (cond:Entity)
  WHERE cond.kind = 'Condition'
  RETURN cond
  UNION
  UNWIND CASE WHEN $forId IS NULL AND scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL THEN [true] ELSE [] END AS all
  CALL () {
    MATCH (cond:Condition)
    WHERE cond.name >= coalesce($afterName, '') AND cond.id IS NOT NULL
      AND ($afterName IS NULL OR cond.name > $afterName OR (cond.name = $afterName AND cond.id > $afterId))
      AND cond.kind = 'Condition'
    WITH cond
    ORDER BY cond.name, cond.id
    LIMIT $first + 1
    RETURN cond
  }
  RETURN cond
}
WITH scope, cond
WHERE ($afterName IS NULL OR cond.name > $afterName OR (cond.name = $afterName AND cond.id > $afterId))
  AND ((scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL)
    OR EXISTS { MATCH (cond)-[r:CONDITION_FOR]->(:Entity)
                WHERE any(i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
                  AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
                  AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods)) }
    OR EXISTS { MATCH (:Entity)<-[:BY]-(c:Claim)-[:ON]->(cond)
                WHERE c.kind IN ['DEMANDS', 'REJECTS', 'ACCEPTS', 'AGREES_TO', 'OPEN_TO', 'CRITICIZES', 'SUPPORTS', 'CALLS_FOR', 'PROPOSES']
                  AND (scope IS NULL OR c.docId IN scope)
                  AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
                  AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods) })
WITH scope, cond ORDER BY cond.name, cond.id LIMIT $first + 1
CALL (cond, scope) {
  MATCH (cond)-[r:CONDITION_FOR]->(f:Entity)
  WHERE any(i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
      AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
      AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods))
  WITH r, f ORDER BY f.name, f.id, coalesce(r.about, '')
  RETURN count(r) AS forCount, collect({r: r, f: f})[0..$forFirst] AS forPage
}
CALL (cond, scope, forPage) {
  UNWIND range(0, size(forPage) - 1) AS n
  WITH n, forPage[n].r AS r, forPage[n].f AS f
  ORDER BY n
  RETURN collect({
    type: type(r), about: r.about, date: r.date, dateText: r.dateText,
    from: cond {.id, .kind, .name, .aliases, .description, .date, .dateText},
    to: f {.id, .kind, .name, .aliases, .description, .date, .dateText},
    evidence: [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
        AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
        AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods) |
      {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
       confidence: coalesce(r.reportConfidences[i], 1.0), method: coalesce(r.reportMethods[i], 'hand'),
       sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}]
  }) AS conditionFor
}
CALL (cond, scope) {
  OPTIONAL MATCH (actor:Entity)<-[:BY]-(c:Claim)-[:ON]->(cond)
  WHERE c.kind IN ['DEMANDS', 'REJECTS', 'ACCEPTS', 'AGREES_TO', 'OPEN_TO', 'CRITICIZES', 'SUPPORTS', 'CALLS_FOR', 'PROPOSES']
    AND (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH c ORDER BY c.id
  RETURN collect(c {.id, .kind}) AS stances
}
RETURN {
  condition: cond {.id, .kind, .name, .aliases, .description, .date, .dateText},
  conditionFor: conditionFor,
  forCount: forCount,
  stances: stances
} AS condition
ORDER BY cond.name, cond.id
