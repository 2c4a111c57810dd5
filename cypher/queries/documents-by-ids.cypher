// The documents with these ids (DataLoader batch for document(id:), Evidence.document, Mention.document, …),
// with their full text only when $withText (Document.text asked): an answer that names the documents of
// its evidence (`document { id }`) must not carry every one of those articles' text from the store.
// :param {ids: ['trump-putin-call-energy-ceasefire'], withText: true}
UNWIND $ids AS id
MATCH (d:Document {id: id})
WHERE d.sha256 IS NOT NULL
RETURN CASE WHEN $withText THEN d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length, .text}
  ELSE d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length} END AS document
