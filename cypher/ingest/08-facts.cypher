// A fact is a relationship of an allow-listed type between two entities. Several documents may report the
// same fact: its evidence is kept as parallel lists (docIds[i], sentenceIds[i], quotes[i], starts[i],
// ends[i]) that each document adds its own entries to. A row is one fact with the new entries of every
// document of the transaction (src/ingest/loader.ts factRows): a fact many documents report is rewritten
// once a transaction, not once a document — the lists are rewritten whole on every SET.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {about: row.about}]->(b)
// Taking the lock before reading the lists keeps a concurrent load of another document from losing entries.
SET r.lock = true
REMOVE r.lock
SET r.docIds = coalesce(r.docIds, []) + row.docIds,
    r.sentenceIds = coalesce(r.sentenceIds, []) + row.sentenceIds,
    r.quotes = coalesce(r.quotes, []) + row.quotes,
    r.starts = coalesce(r.starts, []) + row.starts,
    r.ends = coalesce(r.ends, []) + row.ends,
    r.date = coalesce(row.date, r.date),
    r.dateText = coalesce(row.dateText, r.dateText)
RETURN count(*) AS facts
