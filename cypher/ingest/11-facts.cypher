// A fact is a relationship of an allow-listed type between two entities. Several documents may report the
// same fact: its evidence is kept as parallel lists (docIds[i], sentenceIds[i], quotes[i], starts[i],
// ends[i]) that each document adds its own entries to, once.
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {about: row.about}]->(b)
// Taking the lock before reading the lists keeps a concurrent load of another document from losing entries.
SET r.lock = true
REMOVE r.lock
WITH d, r, row
UNWIND row.evidence AS ev
WITH d, r, row, ev
WHERE NOT any(i IN range(0, size(coalesce(r.docIds, [])) - 1)
              WHERE r.docIds[i] = d.id AND r.sentenceIds[i] = ev.sentenceId AND r.starts[i] = ev.start AND r.ends[i] = ev.end)
SET r.docIds = coalesce(r.docIds, []) + d.id,
    r.sentenceIds = coalesce(r.sentenceIds, []) + ev.sentenceId,
    r.quotes = coalesce(r.quotes, []) + ev.quote,
    r.starts = coalesce(r.starts, []) + ev.start,
    r.ends = coalesce(r.ends, []) + ev.end,
    r.date = coalesce(row.date, r.date),
    r.dateText = coalesce(row.dateText, r.dateText)
RETURN count(*) AS evidence
