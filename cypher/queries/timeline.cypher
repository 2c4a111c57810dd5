// timeline: dated events and attacks, and dated statements, in date order between $from and $to
// (ISO dates, inclusive, null = open), each with its evidence: a statement's quotes, an event's mentions.
// :param {from: '2025-03-01', to: null, limit: 500}
CALL () {
  MATCH (e:Entity)
  WHERE e.date IS NOT NULL AND ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
  RETURN e.date AS date, e.dateText AS dateText, 'EVENT' AS kind, e.id AS key, null AS stance,
    e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity,
    COLLECT { MATCH (s:Sentence)-[m:MENTIONS]->(e)
              RETURN {quote: m.surface, start: m.start, end: m.end, docId: s.docId,
                      sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} } AS evidence
  UNION ALL
  MATCH (actor:Entity)<-[:BY]-(c:Claim)-[:ON]->(target:Entity)
  WHERE c.date IS NOT NULL AND ($from IS NULL OR c.date >= $from) AND ($to IS NULL OR c.date <= $to)
  RETURN c.date AS date, c.dateText AS dateText, 'STATEMENT' AS kind, c.id AS key,
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
LIMIT $limit
