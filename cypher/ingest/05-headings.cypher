MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MERGE (h:Heading {id: row.id})
SET h.docId = d.id, h.index = row.index, h.text = row.text, h.start = row.start, h.end = row.end
MERGE (h)-[:PART_OF]->(d)
RETURN count(h) AS headings
