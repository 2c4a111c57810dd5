// graphChecksum: the whole graph as data — every node (labels, properties, the Cypher type of each property)
// and every relationship (type, the `id` of both ends, properties and their types) — in a fixed order, for
// testkit/checksum.ts to hash. Tests and fault drills compare it before and after a load or a failure.
// Types are included because the driver returns 1 and 1.0 alike, while Python clients do not.
// :param {}
CALL () {
  MATCH (n)
  WHERE NOT n:GraphStamp
  WITH n
  ORDER BY n.id
  RETURN collect({labels: labels(n), properties: properties(n), types: [k IN keys(n) | [k, valueType(n[k])]]}) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b)
  WITH a, r, b
  ORDER BY type(r), a.id, b.id, r.start, r.end, r.about, r.claimId
  RETURN collect({
    type: type(r), from: a.id, to: b.id, properties: properties(r), types: [k IN keys(r) | [k, valueType(r[k])]]
  }) AS relationships
}
RETURN nodes, relationships
