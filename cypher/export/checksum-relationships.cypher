// export/checksum-relationships: every relationship as data — its type, the `id` of both ends (internal ids
// differ after a restore), its properties and their Cypher types — streamed for src/backup/checksum.ts.
// :param {}
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties,
       [k IN keys(r) | [k, valueType(r[k])]] AS types
