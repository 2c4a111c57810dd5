// export/checksum-nodes: every node as data — its labels, properties and the Cypher type of each property —
// streamed, not collected, so that a large graph never sits in one row on the server. src/backup/checksum.ts
// hashes the rows in an order of its own (the order here does not matter); the backup's manifest keeps the
// hash and a restore must give the same one. The GraphStamp (a count of loading transactions, not data) is
// left out, as the export leaves it out.
// :param {}
MATCH (n)
WHERE NOT n:GraphStamp
RETURN labels(n) AS labels, properties(n) AS properties, [k IN keys(n) | [k, valueType(n[k])]] AS types
