// A fact is a relationship of an allow-listed type between two entities. Several documents may report the
// same fact: each report is an entry of parallel lists (docIds[i], sentenceIds[i], quotes[i], starts[i],
// ends[i], and what that document says of the fact: reportDates[i], reportDateTexts[i] ('' for none),
// reportDatesInferred[i], reportConfidences[i], reportMethods[i] (hand, draft, reviewed)). A row is one fact
// with the new entries of every document of the transaction (src/ingest/facts.ts factRows): a fact many
// documents report is rewritten once a transaction, not once a document. The entries are kept sorted by
// (docId, start, end) and the fact's own date, confidence and method come from the earliest report
// (publishedAt, then document id) — the earliest that dates it, for the date — so that the stored fact does
// not depend on the order documents were loaded in. Entries stored before reports kept a method are hand's.
//
// One statement for every fact type: the CALL below is a template that src/ingest/facts.ts factsStatement
// repeats once per fact type of the vocabulary (UNION ALL of branches, each taking the rows of its type and
// naming the type in its MERGE). A typed MERGE expands between the two entities whatever the statistics say;
// with $(row.type) the planner may scan every relationship instead. One statement rather than one per type
// because of planning: Neo4j plans the ingest statements again whenever a growing graph's statistics make
// their plans stale (several times on the way to 10⁶ relationships), and the 19 per-type statements took
// 2.6–3.8 s of its CPU to plan, this one about 0.6 s (docs/performance.md); it is also one round trip a batch.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) {
  WITH a, b, row
  WHERE row.type = $(row.type)
  MERGE (a)-[r:$(row.type) {about: row.about}]->(b)
  // Taking the lock before reading the lists keeps a concurrent load of another document from losing entries.
  SET r.lock = true
  REMOVE r.lock
  RETURN r
}
WITH r, row
CALL (r, row) {
  UNWIND [i IN range(0, size(coalesce(r.docIds, [])) - 1) | {
    docId: r.docIds[i], sentenceId: r.sentenceIds[i], quote: r.quotes[i], start: r.starts[i], end: r.ends[i],
    date: coalesce(r.reportDates[i], ''), dateText: coalesce(r.reportDateTexts[i], ''),
    dateInferred: coalesce(r.reportDatesInferred[i], false), confidence: coalesce(r.reportConfidences[i], 1.0),
    method: coalesce(r.reportMethods[i], 'hand')
  }] + row.entries AS e
  WITH e
  ORDER BY e.docId, e.start, e.end, e.sentenceId
  RETURN collect(e) AS entries
}
CALL (entries) {
  UNWIND entries AS e
  MATCH (d:Document {id: e.docId})
  WITH e
  ORDER BY d.publishedAt, d.id, e.start, e.end
  RETURN collect(e) AS byDate
}
WITH r, entries, head(byDate) AS first, head([e IN byDate WHERE e.date <> '']) AS dated
SET r.docIds = [e IN entries | e.docId],
    r.sentenceIds = [e IN entries | e.sentenceId],
    r.quotes = [e IN entries | e.quote],
    r.starts = [e IN entries | e.start],
    r.ends = [e IN entries | e.end],
    r.reportDates = [e IN entries | e.date],
    r.reportDateTexts = [e IN entries | e.dateText],
    r.reportDatesInferred = [e IN entries | e.dateInferred],
    r.reportConfidences = [e IN entries | toFloat(e.confidence)],
    r.reportMethods = [e IN entries | e.method],
    r.confidence = toFloat(first.confidence),
    r.method = first.method,
    r.date = dated.date,
    r.dateText = dated.dateText,
    r.dateInferred = CASE WHEN dated.dateInferred THEN true END
RETURN count(*) AS facts
