// counts: how many of a thing per group — $groupBy one of ENTITY_KIND (entities), STANCE_KIND and
// POLARITY (stances), RELATION_TYPE (facts), DOCUMENT (stances per reporting document) and DATE (stances
// per $bucket — DAY, WEEK or MONTH — of the date they were stated: the claim's date, else its document's
// publishedAt; a bucket's key is its first day, ISO weeks starting on Monday; in date order). Only the first
// $first groups are returned, with the total.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only stances and facts a document of the scope reports,
// entities mentioned in one, documents in it.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): stances by their claim's, facts by
// their reports' (reportConfidences[i], reportMethods[i]: a fact counts when one report passes); entity and
// document groups are not narrowed by them, but a document's stance count is.
// :param {groupBy: 'DATE', bucket: 'WEEK', first: 20, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
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
  // Unscoped, a kind's entities are the nodes with its label (07-entities, 00-registry): the store's label
  // count, one lookup per kind, no entity read. Written out as the claims' labels below are: every entity
  // kind of src/domain/vocabulary.ts, which tests/unit/stance-aggregates.test.ts holds this list to.
  WITH 1 AS x WHERE $groupBy = 'ENTITY_KIND' AND scope IS NULL
  UNWIND [
    ['Person', COUNT { (:Person) }],
    ['Country', COUNT { (:Country) }],
    ['Organization', COUNT { (:Organization) }],
    ['Group', COUNT { (:Group) }],
    ['Place', COUNT { (:Place) }],
    ['Facility', COUNT { (:Facility) }],
    ['Proposal', COUNT { (:Proposal) }],
    ['Condition', COUNT { (:Condition) }],
    ['Event', COUNT { (:Event) }],
    ['Attack', COUNT { (:Attack) }]
  ] AS group
  WITH group WHERE group[1] > 0
  RETURN group[0] AS key, null AS label, group[1] AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'ENTITY_KIND' AND scope IS NOT NULL
  UNWIND scope AS docId
  MATCH (:Sentence {docId: docId})-[:MENTIONS]->(e:Entity)
  WITH DISTINCT e
  RETURN e.kind AS key, null AS label, count(e) AS count
  UNION
  // Unnarrowed, a kind's or polarity's stances are the claims with its label (10-claims): the store's label
  // count, one lookup per group, no claim read. The labels are written out (a label from a parameter is not
  // looked up in the count store): every kind and polarity of src/domain/vocabulary.ts, which
  // tests/unit/queries.test.ts holds this list to.
  WITH 1 AS x WHERE $groupBy = 'STANCE_KIND' AND scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL
  UNWIND [
    ['AGREES_TO', COUNT { (:ClaimKind_AGREES_TO) }],
    ['SUPPORTS', COUNT { (:ClaimKind_SUPPORTS) }],
    ['OPEN_TO', COUNT { (:ClaimKind_OPEN_TO) }],
    ['ACCEPTS', COUNT { (:ClaimKind_ACCEPTS) }],
    ['CALLS_FOR', COUNT { (:ClaimKind_CALLS_FOR) }],
    ['PROPOSES', COUNT { (:ClaimKind_PROPOSES) }],
    ['REJECTS', COUNT { (:ClaimKind_REJECTS) }],
    ['CRITICIZES', COUNT { (:ClaimKind_CRITICIZES) }],
    ['DEMANDS', COUNT { (:ClaimKind_DEMANDS) }],
    ['PRAISES', COUNT { (:ClaimKind_PRAISES) }]
  ] AS group
  WITH group WHERE group[1] > 0
  RETURN group[0] AS key, null AS label, group[1] AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'POLARITY' AND scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL
  UNWIND [
    ['SUPPORT', COUNT { (:ClaimPolarity_SUPPORT) }],
    ['OPPOSE', COUNT { (:ClaimPolarity_OPPOSE) }],
    ['CONDITIONAL', COUNT { (:ClaimPolarity_CONDITIONAL) }]
  ] AS group
  WITH group WHERE group[1] > 0
  RETURN group[0] AS key, null AS label, group[1] AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'STANCE_KIND' AND NOT (scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL)
  MATCH (c:Claim)
  WHERE (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  RETURN c.kind AS key, null AS label, count(c) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'POLARITY' AND NOT (scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL)
  MATCH (c:Claim)
  WHERE (scope IS NULL OR c.docId IN scope)
    AND coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  RETURN c.polarity AS key, null AS label, count(c) AS count
  UNION
  // Unnarrowed, a type's facts are the relationships of that type that start at an entity (a fact has at
  // least one report: 02-clear-document deletes it with its last; PART_OF also joins sentences and headings
  // to their document, which do not start at an entity): the store's count, one lookup per type. Every fact
  // type of src/domain/vocabulary.ts, which tests/unit/stance-aggregates.test.ts holds this list to.
  WITH 1 AS x WHERE $groupBy = 'RELATION_TYPE' AND scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL
  UNWIND [
    ['LEADS', COUNT { (:Entity)-[:LEADS]->() }],
    ['MEMBER_OF', COUNT { (:Entity)-[:MEMBER_OF]->() }],
    ['ALLY_OF', COUNT { (:Entity)-[:ALLY_OF]->() }],
    ['PART_OF', COUNT { (:Entity)-[:PART_OF]->() }],
    ['LOCATED_IN', COUNT { (:Entity)-[:LOCATED_IN]->() }],
    ['WAS_IN', COUNT { (:Entity)-[:WAS_IN]->() }],
    ['PARTICIPATED_IN', COUNT { (:Entity)-[:PARTICIPATED_IN]->() }],
    ['CARRIED_OUT', COUNT { (:Entity)-[:CARRIED_OUT]->() }],
    ['TARGETED', COUNT { (:Entity)-[:TARGETED]->() }],
    ['DESTROYED', COUNT { (:Entity)-[:DESTROYED]->() }],
    ['RETALIATION_FOR', COUNT { (:Entity)-[:RETALIATION_FOR]->() }],
    ['HELD_IN', COUNT { (:Entity)-[:HELD_IN]->() }],
    ['ABOUT', COUNT { (:Entity)-[:ABOUT]->() }],
    ['DISCUSSED_IN', COUNT { (:Entity)-[:DISCUSSED_IN]->() }],
    ['FOLLOWED', COUNT { (:Entity)-[:FOLLOWED]->() }],
    ['ISSUED', COUNT { (:Entity)-[:ISSUED]->() }],
    ['PERSUADED', COUNT { (:Entity)-[:PERSUADED]->() }],
    ['CONDITION_FOR', COUNT { (:Entity)-[:CONDITION_FOR]->() }],
    ['CONTROLS', COUNT { (:Entity)-[:CONTROLS]->() }]
  ] AS group
  WITH group WHERE group[1] > 0
  RETURN group[0] AS key, null AS label, group[1] AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'RELATION_TYPE' AND NOT (scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL)
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.docIds IS NOT NULL AND any(i IN range(0, size(r.docIds) - 1) WHERE (scope IS NULL OR r.docIds[i] IN scope)
    AND coalesce(r.reportConfidences[i], 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(r.reportMethods[i], 'hand') IN $scopeMethods))
  RETURN type(r) AS key, null AS label, count(r) AS count
  UNION
  // A document's stances: without confidence or method, its stanceCount (13-stance-aggregates), not a count
  // of its claims. Unnarrowed, only what the first $first groups need is read from the document_stance_count
  // index (stanceCount, id), not every document: the $first-th largest count (floor), the documents above it
  // (fewer than $first) and the first $first of those at it in id order (the tie order below), whatever the
  // ties. The total is the store's count of documents (below).
  WITH 1 AS x WHERE $groupBy = 'DOCUMENT' AND scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL
  CALL (x) {
    MATCH (d:Document)
    WHERE d.stanceCount >= 0 AND d.id IS NOT NULL
    WITH d.stanceCount AS n
    ORDER BY n DESC
    LIMIT $first
    RETURN min(n) AS floor
  }
  CALL (floor) {
    MATCH (d:Document)
    WHERE d.stanceCount > floor AND d.id IS NOT NULL
    RETURN d
    UNION
    MATCH (d:Document)
    WHERE d.stanceCount = floor AND d.id IS NOT NULL
    WITH d
    ORDER BY d.stanceCount, d.id
    LIMIT $first
    RETURN d
  }
  RETURN d.id AS key, d.title AS label, d.stanceCount AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'DOCUMENT' AND scope IS NOT NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL
  MATCH (d:Document)
  WHERE d.sha256 IS NOT NULL AND d.id IN scope
  RETURN d.id AS key, d.title AS label, d.stanceCount AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'DOCUMENT' AND NOT ($scopeMinConfidence IS NULL AND $scopeMethods IS NULL)
  MATCH (d:Document)
  WHERE d.sha256 IS NOT NULL AND (scope IS NULL OR d.id IN scope)
  RETURN d.id AS key, d.title AS label,
    COUNT { MATCH (c:Claim {docId: d.id})
            WHERE coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
              AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods) } AS count
  UNION
  // Unnarrowed, the stances of a day are its StanceDay's (13-stance-aggregates), read in day order from the
  // constraint's index: a node a day, not a claim read.
  WITH 1 AS x WHERE $groupBy = 'DATE' AND scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL
  MATCH (s:StanceDay)
  WHERE s.day >= ''
  WITH date(s.day) AS stated, s.stances AS stances
  WITH stances, CASE $bucket
    WHEN 'WEEK' THEN date.truncate('week', stated)
    WHEN 'MONTH' THEN date.truncate('month', stated)
    ELSE stated END AS first
  RETURN toString(first) AS key,
    CASE $bucket
      WHEN 'WEEK' THEN toString(first.weekYear) + '-W' + right('0' + toString(first.week), 2)
      WHEN 'MONTH' THEN left(toString(first), 7)
      ELSE null END AS label,
    sum(stances) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'DATE' AND NOT (scope IS NULL AND $scopeMinConfidence IS NULL
    AND $scopeMethods IS NULL)
  MATCH (d:Document)
  WHERE d.sha256 IS NOT NULL AND (scope IS NULL OR d.id IN scope)
  MATCH (c:Claim {docId: d.id})
  WHERE coalesce(c.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(c.method, 'hand') IN $scopeMethods)
  WITH date(coalesce(c.date, d.publishedAt)) AS stated
  WITH CASE $bucket
    WHEN 'WEEK' THEN date.truncate('week', stated)
    WHEN 'MONTH' THEN date.truncate('month', stated)
    ELSE stated END AS first
  RETURN toString(first) AS key,
    CASE $bucket
      WHEN 'WEEK' THEN toString(first.weekYear) + '-W' + right('0' + toString(first.week), 2)
      WHEN 'MONTH' THEN left(toString(first), 7)
      ELSE null END AS label,
    count(*) AS count
}
WITH key, label, count
ORDER BY CASE WHEN $groupBy = 'DATE' THEN key END, count DESC, key
// The first $first groups, and how many there are in all (counts by DOCUMENT have one group a document:
// unnarrowed, the store's count of Document nodes, each of which a committed load gave its sha256 and
// stanceCount, 04-documents and 13-stance-aggregates being in its one transaction).
WITH collect({key: key, label: label, count: count}) AS groups
RETURN CASE
    WHEN $groupBy = 'DOCUMENT' AND $scopeDocuments IS NULL AND $scopeFrom IS NULL AND $scopeTo IS NULL
      AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL THEN COUNT { (:Document) }
    ELSE size(groups) END AS total,
  groups[..$first] AS groups
