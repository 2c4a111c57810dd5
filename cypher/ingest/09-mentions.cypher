// Mentions never overlap (src/ingest/plan.ts findMentions), so each is new. Each carries its document's and its
// entity's ids: the timeline finds an event's first places in document order from the mention_entity_doc
// index over them (cypher/schema/002-indexes.cypher) rather than reading the sentence of every place.
UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentenceId})
MATCH (e:Entity {id: row.entityId})
CREATE (s)-[m:MENTIONS {start: row.start, end: row.end, surface: row.surface, docId: row.docId, entityId: row.entityId}]->(e)
RETURN count(m) AS mentions
