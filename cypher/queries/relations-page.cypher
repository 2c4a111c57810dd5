// relations-page: one page of the facts around one entity (the root field relations(of:)), as
// relations.cypher finds them, in the order (type, start id, end id, about) — what makes a fact unique,
// since the loader MERGEs it on those. The cursor ($after: [type, fromId, toId, about]; null for the first
// page) is the last fact shown. Only this entity's relationships are sorted (not the graph's), and only
// the page is projected with its evidence; totalCount counts them all, which costs nothing more.
// :param {id: 'russia', types: null, direction: 'BOTH', after: null, first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
MATCH (e:Entity {id: $id})
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
WITH scope, r, a, b ORDER BY type(r), a.id, b.id, coalesce(r.about, '')
WITH scope, collect({r: r, a: a, b: b}) AS found
WITH scope, size(found) AS totalCount, [x IN found WHERE $after IS NULL
    OR [type(x.r), x.a.id, x.b.id, coalesce(x.r.about, '')] > $after][..$first + 1] AS page
UNWIND range(0, size(page) - 1) AS i
WITH scope, totalCount, i, page[i].r AS r, page[i].a AS a, page[i].b AS b
RETURN totalCount, [type(r), a.id, b.id, coalesce(r.about, '')] AS cursorKey, {
  id: elementId(r), type: type(r), about: r.about, date: r.date, dateText: r.dateText,
  from: a {.id, .kind, .name, .aliases, .description, .date, .dateText},
  to: b {.id, .kind, .name, .aliases, .description, .date, .dateText},
  evidence: [i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
      AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
      AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods) |
    {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
     confidence: coalesce(r.reportConfidences[i], 1.0), method: coalesce(r.reportMethods[i], 'hand'),
     sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}]
} AS relation
ORDER BY i
