// The sentences with these ids, with their section heading.
// :param {ids: ['trump-putin-call-energy-ceasefire#s2']}
UNWIND $ids AS id
MATCH (s:Sentence {id: id})
OPTIONAL MATCH (s)-[:IN_SECTION]->(h:Heading)
RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end,
  heading: h {.id, .index, .text, .start, .end}} AS sentence
