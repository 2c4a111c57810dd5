// The sentences of these documents in reading order, with their section heading.
// :param {ids: ['trump-putin-call-energy-ceasefire']}
UNWIND $ids AS id
MATCH (s:Sentence {docId: id})
OPTIONAL MATCH (s)-[:IN_SECTION]->(h:Heading)
RETURN id AS key, s {.id, .docId, .index, .paragraph, .text, .start, .end,
  heading: h {.id, .index, .text, .start, .end}} AS sentence
ORDER BY key, s.index
