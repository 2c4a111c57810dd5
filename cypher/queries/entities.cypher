// entities: a page of entities ordered by id (the cursor), optionally of one kind, with the total count.
// The count comes from the count store (all entities) or the kind index; the page walks the id index (all
// entities) or the (kind, id) index (one kind) in order from the cursor and stops after $first + 1, however
// many entities there are and wherever the kind's ids fall among the others'. Each branch of the page runs
// only when its case holds: the all-entities branch tests $kind before its MATCH (tested after it, the
// planner read the whole id range and filtered every row); the kind branch orders by (kind, id), the
// index's own order, so that it stops after $first + 1.
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
  CALL () {
    WITH $kind AS kind WHERE kind IS NULL
    MATCH (e:Entity)
    WHERE e.id > coalesce($after, '')
    WITH e ORDER BY e.id LIMIT $first + 1
    RETURN e
    UNION ALL
    MATCH (e:Entity)
    WHERE e.kind = $kind AND e.id > coalesce($after, '')
    WITH e ORDER BY e.kind, e.id LIMIT $first + 1
    RETURN e
  }
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText}) AS page
}
RETURN totalCount, page
