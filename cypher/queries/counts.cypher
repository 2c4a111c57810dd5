// counts: how many of a thing per group — $groupBy one of ENTITY_KIND (entities), STANCE_KIND and
// POLARITY (stances), RELATION_TYPE (facts), DOCUMENT (stances, facts' evidence and sentences per document).
// :param {groupBy: 'STANCE_KIND'}
CALL () {
  WITH 1 AS x WHERE $groupBy = 'ENTITY_KIND'
  MATCH (e:Entity)
  RETURN e.kind AS key, null AS label, count(e) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'STANCE_KIND'
  MATCH (c:Claim)
  RETURN c.kind AS key, null AS label, count(c) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'POLARITY'
  MATCH (c:Claim)
  RETURN c.polarity AS key, null AS label, count(c) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'RELATION_TYPE'
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.docIds IS NOT NULL
  RETURN type(r) AS key, null AS label, count(r) AS count
  UNION
  WITH 1 AS x WHERE $groupBy = 'DOCUMENT'
  MATCH (d:Document)
  WHERE d.sha256 IS NOT NULL
  RETURN d.id AS key, d.title AS label, COUNT { (c:Claim {docId: d.id}) } AS count
}
RETURN key, label, count
ORDER BY count DESC, key
