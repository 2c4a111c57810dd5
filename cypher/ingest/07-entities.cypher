// Entities are shared by every document that names them: names and descriptions are the latest
// annotation's, aliases accumulate. The kind label comes from the validated allow-list (src/domain/vocabulary.ts).
// A document names an entity once (the validator refuses duplicate ids), so its DESCRIBES is new.
UNWIND $rows AS row
MATCH (d:Document {id: row.docId})
MERGE (e:Entity {id: row.id})
SET e:$(row.kind),
    e.kind = row.kind,
    e.name = row.name,
    e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.description = coalesce(row.description, e.description),
    e.date = coalesce(row.date, e.date),
    e.dateText = coalesce(row.dateText, e.dateText)
SET e.aliasText = reduce(t = '', a IN e.aliases | t + a + ' | ')
CREATE (d)-[:DESCRIBES]->(e)
RETURN count(e) AS entities
