// documents: every loaded document (without its text), newest first.
MATCH (d:Document)
WHERE d.sha256 IS NOT NULL
RETURN d {.id, .title, .source, .url, .publishedAt, .language, .sha256, .length} AS document
ORDER BY d.publishedAt DESC, d.id
