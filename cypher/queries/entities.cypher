// entities: a page of entities ordered by id (the cursor), optionally of one kind, with the total count.
// The count comes from the count store (all entities) or the kind index; the page walks the id index in
// order from the cursor and stops after $first + 1, however many entities there are.
// :param {kind: 'Person', after: null, first: 20}
CALL () {
  MATCH (e:Entity)
  WITH count(e) AS n WHERE $kind IS NULL
  RETURN n AS totalCount
  UNION ALL
  MATCH (e:Entity {kind: $kind})
  WITH count(e) AS n WHERE $kind IS NOT NULL
  RETURN n AS totalCount
}
CALL () {
  MATCH (e:Entity)
  WHERE e.id > coalesce($after, '') AND ($kind IS NULL OR e.kind = $kind)
  WITH e ORDER BY e.id LIMIT $first + 1
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText}) AS page
}
RETURN totalCount, page
