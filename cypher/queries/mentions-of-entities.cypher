// Where these entities are mentioned, in document and text order.
// :param {ids: ['putin']}
UNWIND $ids AS id
MATCH (s:Sentence)-[m:MENTIONS]->(e:Entity {id: id})
RETURN id AS key, {surface: m.surface, start: m.start, end: m.end, docId: s.docId,
  sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end},
  entity: e {.id, .kind, .name, .aliases, .description, .date, .dateText}} AS mention
ORDER BY key, s.docId, m.start
