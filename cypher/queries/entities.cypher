// entities: a page of entities ordered by id (the cursor), optionally of one kind, with the total count.
// The count streams over the kind index instead of collecting nodes.
// :param {kind: 'Person', after: null, first: 20}
CALL () {
  MATCH (e:Entity)
  WHERE $kind IS NULL OR e.kind = $kind
  RETURN count(e) AS totalCount
}
CALL () {
  MATCH (e:Entity)
  WHERE ($kind IS NULL OR e.kind = $kind) AND ($after IS NULL OR e.id > $after)
  WITH e ORDER BY e.id LIMIT $first + 1
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText}) AS page
}
RETURN totalCount, page
