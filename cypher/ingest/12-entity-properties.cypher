// A local entity (not in the registry) may be declared by several documents: its stored name and
// description are those of the earliest document that declares it (publishedAt, then document id; for the
// description and the date, the earliest that gives one), its aliases the sorted union of theirs. Run for
// every entity whose declarations a load added or removed, so the stored entity never depends on the
// order in which documents were loaded.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE e.registered IS NULL
CALL (e) {
  MATCH (d:Document)-[x:DESCRIBES]->(e)
  WITH x
  ORDER BY d.publishedAt, d.id
  RETURN collect(x) AS declared
}
CALL (declared) {
  UNWIND declared AS x
  UNWIND x.aliases AS alias
  WITH DISTINCT alias
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
WITH e, aliases, head(declared) AS first, head([x IN declared WHERE x.description IS NOT NULL]) AS described,
     head([x IN declared WHERE x.date IS NOT NULL]) AS dated
WHERE first IS NOT NULL
SET e.name = first.name,
    e.description = described.description,
    e.date = dated.date,
    e.dateText = dated.dateText,
    e.dateInferred = dated.dateInferred,
    e.aliases = aliases,
    e.aliasText = reduce(t = '', a IN aliases | t + a + ' | ')
RETURN count(e) AS entities
