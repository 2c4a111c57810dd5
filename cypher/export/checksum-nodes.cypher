// export/checksum-nodes: every node as data — its labels, properties and the Cypher type of each property —
// streamed, not collected, so that a large graph never sits in one row on the server. src/backup/checksum.ts
// hashes the rows in an order of its own (the order here does not matter); the backup's manifest keeps the
// hash and a restore must give the same one.
// :param {}
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties, [k IN keys(n) | [k, valueType(n[k])]] AS types
