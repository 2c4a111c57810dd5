// relations: Entity.relations and relationsCount — per entity $ids, at most $first of the facts around it
// (relationships of an allow-listed type between two entities), with the evidence of every document that
// reports them, and how many match. $types (null = all) and $direction (OUT, IN, BOTH). The order: type, the
// start's name, the end's name, then the start's id, the end's id and `about` (what makes a fact unique).
// Every matching relationship is read and sorted (its type and its ends' names and ids), but only the page
// is projected with its evidence and sentences. $first = 0 asks for the count alone.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only facts with evidence in a document of the scope, their
// evidence narrowed to those documents' entries.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any) narrow a fact's reports as the
// documents do: a report by its own confidence (reportConfidences[i]) and method (reportMethods[i], 'hand'
// for one stored before reports kept it); a fact counts when one report passes. Each evidence entry carries
// its report's confidence and method: Relation.confidence and method are the strongest's (src/graph/records.ts).
// :param {ids: ['russia'], types: null, direction: 'BOTH', first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e, scope) {
  CALL (e, scope) {
    MATCH (e)-[r]->(other:Entity)
    WHERE $direction IN ['OUT', 'BOTH'] AND type(r) <> 'STANCE' AND ($types IS NULL OR type(r) IN $types)
      AND any(i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
          AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods))
    RETURN r, e AS a, other AS b
    UNION
    MATCH (e)<-[r]-(other:Entity)
    WHERE $direction IN ['IN', 'BOTH'] AND type(r) <> 'STANCE' AND ($types IS NULL OR type(r) IN $types)
      AND any(i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
          AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods))
    RETURN r, other AS a, e AS b
  }
  WITH r, a, b ORDER BY type(r), a.name, b.name, a.id, b.id, coalesce(r.about, '')
  RETURN count(r) AS count, collect({r: r, a: a, b: b})[0..$first] AS page
}
RETURN e.id AS key, {
  count: count,
  relations: COLLECT {
    UNWIND range(0, size(page) - 1) AS n
    WITH n, page[n].r AS r, page[n].a AS a, page[n].b AS b
    ORDER BY n
    RETURN {
      id: elementId(r), type: type(r), about: r.about, date: r.date, dateText: r.dateText,
      from: a {.id, .kind, .name, .aliases, .description, .date, .dateText},
      to: b {.id, .kind, .name, .aliases, .description, .date, .dateText},
      evidence: [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
          AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
          AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods) |
        {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
         confidence: coalesce(r.reportConfidences[i], 1.0), method: coalesce(r.reportMethods[i], 'hand'),
         sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}]
    } }
} AS page
