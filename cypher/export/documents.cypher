// export/documents: the stored documents, a page at a time in id order ($after: the last id of the previous
// page, '' for the first), with what `npm run export` writes back: the article's text, its sha256 and the
// annotation it was loaded from. A Document the lock statement created for a load that never committed has
// no sha256 and is no document.
// :param {after: '', limit: 100}
MATCH (d:Document)
WHERE d.id > $after AND d.sha256 IS NOT NULL
RETURN d.id AS id, d.text AS text, d.sha256 AS sha256, d.annotation AS annotation
ORDER BY d.id
LIMIT $limit
