MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MERGE (s:Sentence {id: row.id})
SET s.docId = d.id, s.index = row.index, s.paragraph = row.paragraph, s.text = row.text,
    s.start = row.start, s.end = row.end
MERGE (s)-[:PART_OF]->(d)
WITH s, row
CALL (s, row) {
  MATCH (h:Heading {id: row.headingId})
  MERGE (s)-[:IN_SECTION]->(h)
}
CALL (s, row) {
  MATCH (previous:Sentence {id: row.previousId})
  MERGE (previous)-[:NEXT]->(s)
}
RETURN count(s) AS sentences
