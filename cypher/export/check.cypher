// export/check: how many documents are stored, and which of them lack the annotation they were loaded from
// (loaded before the Document node kept it). The export refuses to start while there are any, rather than
// write half a backup; the count lets it report progress.
// :param {}
MATCH (d:Document)
WHERE d.sha256 IS NOT NULL
RETURN count(d) AS documents,
       collect(CASE WHEN d.annotation IS NULL THEN d.id END) AS withoutAnnotation
