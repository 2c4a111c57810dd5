UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentenceId})
MATCH (e:Entity {id: row.entityId})
MERGE (s)-[m:MENTIONS {start: row.start, end: row.end}]->(e)
SET m.surface = row.surface
RETURN count(m) AS mentions
