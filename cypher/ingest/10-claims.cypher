// A claim is a node so that a stance can have a speaker, a target, cited evidence and provenance.
// confidence is always a float: the driver sends a whole 1 as an integer, and one property should have one
// type for Cypher and Python readers alike. Cited entities and evidence come deduplicated from the plan.
// Its kind and polarity are labels too (ClaimKind_<kind>, ClaimPolarity_<polarity>), so that counts by kind
// or polarity come from the store's label counts rather than a read of every claim; deleting the claim
// takes them away, so no other statement keeps them.
UNWIND $rows AS row
MATCH (actor:Entity {id: row.by})
MATCH (target:Entity {id: row.on})
CREATE (c:Claim:$('ClaimKind_' + row.kind):$('ClaimPolarity_' + row.polarity) {id: row.id, docId: row.docId, kind: row.kind, polarity: row.polarity, cameo: row.cameo,
                 confidence: toFloat(row.confidence), method: row.method, date: row.date, dateText: row.dateText,
                 dateInferred: row.dateInferred})
CREATE (c)-[:BY]->(actor)
CREATE (c)-[:ON]->(target)
// The same stance as one edge between entities, so that neighbourhoods and paths walk entity to entity; it
// carries the claim's confidence and method, so that a walk narrowed to confident or hand-made stances
// (minConfidence, methods) need not visit the claim.
CREATE (actor)-[:STANCE {claimId: row.id, kind: row.kind, polarity: row.polarity, docId: row.docId,
                         evidenceCount: size(row.evidence), confidence: toFloat(row.confidence),
                         method: row.method}]->(target)
WITH c, row
CALL (c, row) {
  UNWIND row.cites AS citedId
  MATCH (cited:Entity {id: citedId})
  CREATE (c)-[:CITES]->(cited)
}
CALL (c, row) {
  UNWIND row.evidence AS ev
  MATCH (s:Sentence {id: ev.sentenceId})
  CREATE (c)-[:EVIDENCE {start: ev.start, end: ev.end, quote: ev.quote}]->(s)
}
RETURN count(c) AS claims
