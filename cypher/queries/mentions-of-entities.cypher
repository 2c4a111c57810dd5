// Where these entities are mentioned (Entity.mentions, mentionsCount): per entity at most $first places, in
// document-id then text order, and how many there are. Only the page is projected with its sentence; the
// count is the entity's MENTIONS degree (no relationship is read for it). $first = 0 asks for the count alone.
// :param {ids: ['putin'], first: 20}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id AS key, {
  count: COUNT { (e)<-[:MENTIONS]-() },
  mentions: COLLECT {
    MATCH (s:Sentence)-[m:MENTIONS]->(e) WHERE $first > 0
    WITH s, m ORDER BY s.docId, m.start, m.end LIMIT $first
    RETURN {surface: m.surface, start: m.start, end: m.end, docId: s.docId,
      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end},
      entity: e {.id, .kind, .name, .aliases, .description, .date, .dateText}} }
} AS page
