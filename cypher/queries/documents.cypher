// documents: a page of the loaded documents (without their text), newest first: publishedAt descending,
// then id descending. The cursor is the last document shown: $upTo is its publishedAt ('\uffff', above
// every date, on the first page) and $afterId its id. The page walks the (publishedAt, id) index backwards
// from the cursor and stops after $first + 1, however many documents there are and however many share a
// day (`id IS NOT NULL` lets the planner use that index, whose order is the page's whole order). The count
// is the store's count of Document nodes (no node is read): a Document without its sha256 exists only
// inside the load that is writing it (cypher/ingest/01-lock-documents), which no other transaction sees.
// :param {first: 20, upTo: '\uffff', afterId: null}
CALL () {
  MATCH (d:Document)
  RETURN count(d) AS totalCount
}
CALL () {
  MATCH (d:Document)
  WHERE d.publishedAt <= $upTo AND d.id IS NOT NULL
    AND d.sha256 IS NOT NULL
    AND (d.publishedAt < $upTo OR $afterId IS NULL OR d.id < $afterId)
  WITH d ORDER BY d.publishedAt DESC, d.id DESC LIMIT $first + 1
  RETURN collect(d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length}) AS page
}
RETURN totalCount, page
