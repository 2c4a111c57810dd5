// timeline: dated events and attacks, and dated statements, in date order between $from and $to
// (ISO dates, inclusive, null = open), each with its evidence: a statement's quotes, an event's mentions.
// The page is chosen from the dated nodes alone (the date indexes hold them); only its $limit entries are
// then projected with their evidence, not every dated node of a large graph (bench/results/profile-*).
// :param {from: '2025-03-01', to: null, limit: 500}
CALL () {
  MATCH (e:Entity)
  WHERE e.date >= coalesce($from, '') AND ($to IS NULL OR e.date <= $to)
  RETURN e.date AS date, 'EVENT' AS kind, e.id AS key, e AS node
  UNION ALL
  MATCH (c:Claim)
  WHERE c.date >= coalesce($from, '') AND ($to IS NULL OR c.date <= $to)
  RETURN c.date AS date, 'STATEMENT' AS kind, c.id AS key, c AS node
}
WITH date, kind, key, node
ORDER BY date, kind, key
LIMIT $limit
CALL (kind, node) {
  WITH node AS e WHERE kind = 'EVENT'
  RETURN e.dateText AS dateText, null AS stance,
    e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity,
    COLLECT { MATCH (s:Sentence)-[m:MENTIONS]->(e)
              RETURN {quote: m.surface, start: m.start, end: m.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence
  UNION ALL
  WITH node AS c WHERE kind = 'STATEMENT'
  MATCH (actor:Entity)<-[:BY]-(c)-[:ON]->(target:Entity)
  RETURN c.dateText AS dateText,
    c {
      .id, .kind, .polarity, .cameo, .confidence, .method, .docId, .date, .dateText,
      actor: actor {.id, .kind, .name, .aliases, .description, .date, .dateText},
      target: target {.id, .kind, .name, .aliases, .description, .date, .dateText},
      cites: [(c)-[:CITES]->(x:Entity) | x {.id, .kind, .name, .aliases, .description, .date, .dateText}],
      respondsToId: head([(c)-[:RESPONDS_TO]->(r:Claim) | r.id]),
      evidence: [(c)-[ev:EVIDENCE]->(s:Sentence) |
        {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
         sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}}]
    } AS stance,
    null AS entity,
    COLLECT { MATCH (c)-[ev:EVIDENCE]->(s:Sentence)
              RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence
}
RETURN {date: date, dateText: dateText, kind: kind, entity: entity, stance: stance, evidence: evidence} AS entry
ORDER BY date, kind, key
