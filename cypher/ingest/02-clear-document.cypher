// Removes what one document contributed (its text nodes, claims, evidence and its share of facts) and
// touches no other document's data. Entities no document describes any more go too, unless the corpus
// registry lists them. Returns the entities the document described, whose stored names the loader then
// recomputes from the documents that still declare them (12-entity-properties), and the stances it made,
// which the loader compares with the new version's to tell subscribers what changed (stancesChanged).
MATCH (d:Document {id: $docId})
WITH d,
     COLLECT { MATCH (d)-[:DESCRIBES]->(e:Entity) RETURN e.id } AS described,
     COLLECT {
       MATCH (actor:Entity)<-[:BY]-(c:Claim {docId: d.id})-[:ON]->(target:Entity)
       RETURN {claimId: c.id, kind: c.kind, actorId: actor.id, targetId: target.id}
     } AS stances
CALL (d) {
  MATCH (s:Sentence {docId: d.id})
  DETACH DELETE s
}
CALL (d) {
  MATCH (h:Heading {docId: d.id})
  DETACH DELETE h
}
CALL (d) {
  MATCH (c:Claim {docId: d.id})
  OPTIONAL MATCH (c)-[:BY]->(:Entity)-[s:STANCE {claimId: c.id}]->(:Entity)
  DELETE s
  DETACH DELETE c
}
// The fact's own date, confidence and method are recomputed from the reports that remain, as 08-facts
// computes them.
CALL (d) {
  MATCH (d)-[:DESCRIBES]->(:Entity)-[r]->(:Entity)
  WHERE d.id IN r.docIds
  WITH DISTINCT r, [i IN range(0, size(r.docIds) - 1) WHERE r.docIds[i] <> d.id] AS keep
  CALL (r, keep) {
    WITH r, keep WHERE size(keep) = 0
    DELETE r
  }
  CALL (r, keep) {
    WITH r, keep WHERE size(keep) > 0
    WITH r, [i IN keep | {
      docId: r.docIds[i], sentenceId: r.sentenceIds[i], quote: r.quotes[i], start: r.starts[i], end: r.ends[i],
      date: coalesce(r.reportDates[i], ''), dateText: coalesce(r.reportDateTexts[i], ''),
      dateInferred: coalesce(r.reportDatesInferred[i], false), confidence: coalesce(r.reportConfidences[i], 1.0),
      method: coalesce(r.reportMethods[i], 'hand')
    }] AS entries
    CALL (entries) {
      UNWIND entries AS e
      MATCH (doc:Document {id: e.docId})
      WITH e
      ORDER BY doc.publishedAt, doc.id, e.start, e.end
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
  }
}
CALL (d) {
  MATCH (d)-[x:DESCRIBES]->(e:Entity)
  DELETE x
  WITH DISTINCT e
  WHERE NOT (e)<-[:DESCRIBES]-(:Document) AND e.registered IS NULL
  DETACH DELETE e
}
RETURN d.id AS id, described, stances
