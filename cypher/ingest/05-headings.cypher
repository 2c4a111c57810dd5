// From here on every statement writes rows of several documents, each row naming its document. A document
// written here is new or was cleared by 02-clear-document, so its headings, sentences, claims and their
// relationships do not exist yet: they are CREATEd (the id constraints still refuse a duplicate), which
// spares the existence checks of MERGE. Only what documents share — entities and facts — is MERGEd.
UNWIND $rows AS row
MATCH (d:Document {id: row.docId})
CREATE (h:Heading {id: row.id, docId: row.docId, index: row.index, text: row.text, start: row.start, end: row.end})
CREATE (h)-[:PART_OF]->(d)
RETURN count(h) AS headings
