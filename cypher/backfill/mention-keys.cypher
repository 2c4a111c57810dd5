// The MENTIONS of a store written before they carried their entity's and document's ids (cypher/ingest/
// 09-mentions.cypher) get them here, for a batch of $entities entities in id order after $after (null: from the
// first). src/ingest/schema.ts applySchema runs it batch after batch, each its own transaction, until no entity
// is left (last is null), and only while the mention_entity_doc index does not exist: the index is created
// after, so a store that has it has every mention keyed. Idempotent: a mention that has both is left alone.
// :param {after: null, entities: 500}
MATCH (e:Entity) WHERE e.id > coalesce($after, '')
WITH e ORDER BY e.id LIMIT $entities
CALL (e) {
  MATCH (s:Sentence)-[m:MENTIONS]->(e) WHERE m.docId IS NULL OR m.entityId IS NULL
  SET m.docId = s.docId, m.entityId = e.id
  RETURN count(m) AS keyed
}
RETURN max(e.id) AS last, sum(keyed) AS keyed
