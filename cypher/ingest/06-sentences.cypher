UNWIND $rows AS row
MATCH (d:Document {id: row.docId})
CREATE (s:Sentence {id: row.id, docId: row.docId, index: row.index, paragraph: row.paragraph, text: row.text,
                    start: row.start, end: row.end})
CREATE (s)-[:PART_OF]->(d)
WITH s, row
CALL (s, row) {
  MATCH (h:Heading {id: row.headingId})
  CREATE (s)-[:IN_SECTION]->(h)
}
CALL (s, row) {
  MATCH (previous:Sentence {id: row.previousId})
  CREATE (previous)-[:NEXT]->(s)
}
RETURN count(s) AS sentences
