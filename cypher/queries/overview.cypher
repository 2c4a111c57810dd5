// graph: the $first most connected entities (optionally of $kinds) and every stance and fact among them,
// each edge with its evidence — the whole picture for a dashboard, capped so a large corpus stays drawable.
// An entity's degree counts its stances and facts only (the types named: tests/unit/cypher-types.test.ts keeps
// them in step with src/domain/vocabulary.ts), so that a hub's mentions, claims and documents are not read.
// :param {first: 200, kinds: null}
MATCH (e:Entity)
WHERE $kinds IS NULL OR e.kind IN $kinds
WITH e, COUNT { (e)-[:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-(:Entity) } AS degree
ORDER BY degree DESC, e.id
LIMIT $first
WITH collect(e) AS nodes, count(e) AS shown
CALL () {
  MATCH (e:Entity)
  WHERE $kinds IS NULL OR e.kind IN $kinds
  RETURN count(e) AS total
}
WITH nodes, shown < total AS truncated, [x IN nodes | elementId(x)] AS keys
CALL (nodes, keys) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE elementId(b) IN keys
  RETURN collect({
    id: coalesce(r.claimId, elementId(r)), type: type(r), claimId: r.claimId, kind: r.kind, polarity: r.polarity,
    fromId: a.id, toId: b.id, about: r.about,
    evidence: CASE WHEN r.claimId IS NOT NULL
      THEN COLLECT { MATCH (:Claim {id: r.claimId})-[ev:EVIDENCE]->(s:Sentence)
                     RETURN {quote: ev.quote, start: ev.start, end: ev.end, docId: s.docId,
                             sentence: s {.id, .docId, .index, .paragraph, .text, .start, .end}} }
      ELSE [i IN range(0, size(r.docIds) - 1) |
        {quote: r.quotes[i], start: r.starts[i], end: r.ends[i], docId: r.docIds[i],
         sentence: head(COLLECT { MATCH (s:Sentence {id: r.sentenceIds[i]}) RETURN s {.id, .docId, .index, .paragraph, .text, .start, .end} })}] END
  }) AS edges
}
RETURN [x IN nodes | x {.id, .kind, .name, .aliases, .description, .date, .dateText}] AS nodes, edges, truncated
