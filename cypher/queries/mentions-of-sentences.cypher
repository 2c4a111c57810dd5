// The entity mentions in these sentences, in text order.
// :param {ids: ['trump-putin-call-energy-ceasefire#s5']}
UNWIND $ids AS id
MATCH (s:Sentence {id: id})-[m:MENTIONS]->(e:Entity)
RETURN id AS key, {surface: m.surface, start: m.start, end: m.end, docId: s.docId,
  sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end},
  entity: e {.id, .kind, .name, .aliases, .description, .date, .dateText}} AS mention
ORDER BY key, m.start
