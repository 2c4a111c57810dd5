// A local entity (not in the registry) may be declared by several documents: its stored name and
// description are those of the earliest document that declares it (publishedAt, then document id; for the
// description and the date, the earliest that gives one), its aliases the sorted union of theirs. Run for
// every entity whose declarations a load added or removed, so the stored entity never depends on the
// order in which documents were loaded.
//
// A row is {id, full, added}. full: a document of this transaction was cleared (02-clear-document) and had
// declared the entity, so its stored names may come from a declaration that is gone: every declaration is
// read again. Otherwise declarations were only added, those of this transaction's documents (added: each
// document's id and publishedAt with what 07-entities stored on its DESCRIBES, from the same plan), and the
// stored names are those of the declarations that were there before: a new one gives a name only when no
// earlier declaration exists, which a walk that stops at the first earlier one tells, and the aliases are
// the stored union with the new ones. Both give the same entity; the second does not read every declaration
// of an entity that many documents describe on every load.
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WHERE e.registered IS NULL
CALL (e, row) {
  WITH e, row
  WHERE row.full
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
}
CALL (e, row) {
  WITH e, row
  WHERE NOT row.full
  CALL (row) {
    UNWIND row.added AS x
    WITH x
    ORDER BY x.publishedAt, x.docId
    RETURN collect(x) AS added
  }
  WITH e, added, [x IN added | x.docId] AS docIds, head(added) AS first,
       head([x IN added WHERE x.description IS NOT NULL]) AS described,
       head([x IN added WHERE x.date IS NOT NULL]) AS dated
  WHERE first IS NOT NULL
  // Is a declaration from before this transaction earlier than the first new one (that gives a description,
  // a date)? The stored value is then that declaration's, or an even earlier one's. The stored description
  // (date) is null exactly when no earlier declaration gave one.
  CALL (e, docIds, first) {
    MATCH (d:Document)-[:DESCRIBES]->(e)
    WHERE NOT d.id IN docIds
      AND (d.publishedAt < first.publishedAt OR (d.publishedAt = first.publishedAt AND d.id < first.docId))
    WITH d
    LIMIT 1
    RETURN count(d) > 0 AS nameKept
  }
  CALL (e, docIds, described) {
    WITH e, docIds, described
    WHERE described IS NOT NULL AND e.description IS NOT NULL
    MATCH (d:Document)-[x:DESCRIBES]->(e)
    WHERE x.description IS NOT NULL AND NOT d.id IN docIds
      AND (d.publishedAt < described.publishedAt OR (d.publishedAt = described.publishedAt AND d.id < described.docId))
    WITH d
    LIMIT 1
    RETURN count(d) > 0 AS descriptionKept
  }
  CALL (e, docIds, dated) {
    WITH e, docIds, dated
    WHERE dated IS NOT NULL AND e.date IS NOT NULL
    MATCH (d:Document)-[x:DESCRIBES]->(e)
    WHERE x.date IS NOT NULL AND NOT d.id IN docIds
      AND (d.publishedAt < dated.publishedAt OR (d.publishedAt = dated.publishedAt AND d.id < dated.docId))
    WITH d
    LIMIT 1
    RETURN count(d) > 0 AS dateKept
  }
  CALL (e, added) {
    UNWIND coalesce(e.aliases, []) + reduce(all = [], x IN added | all + x.aliases) AS alias
    WITH DISTINCT alias
    ORDER BY alias
    RETURN collect(alias) AS aliases
  }
  WITH e, aliases, first, nameKept,
       CASE WHEN described IS NULL OR descriptionKept THEN null ELSE described END AS described,
       CASE WHEN dated IS NULL OR dateKept THEN null ELSE dated END AS dated
  SET e.name = CASE WHEN nameKept THEN e.name ELSE first.name END,
      e.description = CASE WHEN described IS NULL THEN e.description ELSE described.description END,
      e.date = CASE WHEN dated IS NULL THEN e.date ELSE dated.date END,
      e.dateText = CASE WHEN dated IS NULL THEN e.dateText ELSE dated.dateText END,
      e.dateInferred = CASE WHEN dated IS NULL THEN e.dateInferred ELSE dated.dateInferred END,
      e.aliases = aliases,
      e.aliasText = reduce(t = '', a IN aliases | t + a + ' | ')
}
RETURN count(e) AS entities
