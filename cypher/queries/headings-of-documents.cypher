// The section headings of these documents in reading order.
// :param {ids: ['trump-putin-call-energy-ceasefire']}
UNWIND $ids AS id
MATCH (h:Heading {docId: id})
RETURN id AS key, h {.id, .docId, .index, .text, .start, .end} AS heading
ORDER BY key, h.index
