// documents: a page of the loaded documents (without their text), newest first: publishedAt descending,
// then id. The cursor is the last document shown: $upTo is its publishedAt ('\uffff', above every date,
// on the first page) and $afterId its id. The page walks the publishedAt index down from the cursor and
// stops after $first + 1, however many documents there are; the count is taken from the same index.
// :param {first: 20, upTo: '\uffff', afterId: null}
CALL () {
  MATCH (d:Document)
  WHERE d.publishedAt IS NOT NULL AND d.sha256 IS NOT NULL
  RETURN count(d) AS totalCount
}
CALL () {
  MATCH (d:Document)
  WHERE d.publishedAt <= $upTo
    AND d.sha256 IS NOT NULL
    AND (d.publishedAt < $upTo OR $afterId IS NULL OR d.id > $afterId)
  WITH d ORDER BY d.publishedAt DESC, d.id LIMIT $first + 1
  RETURN collect(d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length}) AS page
}
RETURN totalCount, page
