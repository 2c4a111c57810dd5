// A claim is a node so that a stance can have a speaker, a target, cited evidence and provenance.
// confidence is always a float: the driver sends a whole 1 as an integer, and one property should have one
// type for Cypher and Python readers alike.
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (actor:Entity {id: row.by})
MATCH (target:Entity {id: row.on})
MERGE (c:Claim {id: row.id})
SET c.docId = d.id, c.kind = row.kind, c.polarity = row.polarity, c.cameo = row.cameo,
    c.confidence = toFloat(row.confidence), c.method = row.method, c.date = row.date, c.dateText = row.dateText
MERGE (c)-[:BY]->(actor)
MERGE (c)-[:ON]->(target)
// The same stance as one edge between entities, so that neighbourhoods and paths walk entity to entity.
MERGE (actor)-[s:STANCE {claimId: c.id}]->(target)
SET s.kind = row.kind, s.polarity = row.polarity, s.docId = d.id, s.evidenceCount = size(row.evidence)
WITH c, row
CALL (c, row) {
  UNWIND row.cites AS citedId
  MATCH (cited:Entity {id: citedId})
  MERGE (c)-[:CITES]->(cited)
}
CALL (c, row) {
  UNWIND row.evidence AS ev
  MATCH (s:Sentence {id: ev.sentenceId})
  MERGE (c)-[x:EVIDENCE {start: ev.start, end: ev.end}]->(s)
  SET x.quote = ev.quote
}
RETURN count(c) AS claims
