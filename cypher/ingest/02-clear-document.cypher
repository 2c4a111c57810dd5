// Removes what one document contributed (its text nodes, claims, evidence and its share of facts) and
// touches no other document's data. Entities no document describes any more go too.
MATCH (d:Document {id: $docId})
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
    SET r.docIds = [i IN keep | r.docIds[i]],
        r.sentenceIds = [i IN keep | r.sentenceIds[i]],
        r.quotes = [i IN keep | r.quotes[i]],
        r.starts = [i IN keep | r.starts[i]],
        r.ends = [i IN keep | r.ends[i]]
  }
}
CALL (d) {
  MATCH (d)-[x:DESCRIBES]->(e:Entity)
  DELETE x
  WITH DISTINCT e
  WHERE NOT (e)<-[:DESCRIBES]-(:Document)
  DETACH DELETE e
}
RETURN d.id AS id
