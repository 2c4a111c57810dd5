// The documents with these ids, with their text (DataLoader batch for document(id:) and Evidence.document).
// :param {ids: ['trump-putin-call-energy-ceasefire']}
UNWIND $ids AS id
MATCH (d:Document {id: id})
WHERE d.sha256 IS NOT NULL
RETURN d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length, .text} AS document
