// Mentions never overlap (src/ingest/plan.ts findMentions), so each is new.
UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentenceId})
MATCH (e:Entity {id: row.entityId})
CREATE (s)-[m:MENTIONS {start: row.start, end: row.end, surface: row.surface}]->(e)
RETURN count(m) AS mentions
