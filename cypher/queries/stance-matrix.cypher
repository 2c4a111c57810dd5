// stanceMatrix: for each actor × target pair, the kinds and polarities of the actor's stances on the target
// and how much evidence backs them. Conflicting stances stay visible (several polarities), never averaged.
// $actorIds / $targetIds null = the actors and targets that have stances, most stances first, $limit each.
// :param {actorIds: null, targetIds: null, limit: 50}
MATCH (actor:Entity)-[s:STANCE]->(target:Entity)
WHERE ($actorIds IS NULL OR actor.id IN $actorIds) AND ($targetIds IS NULL OR target.id IN $targetIds)
WITH actor, target, collect(s) AS stances
WITH collect({actor: actor, target: target, stances: stances}) AS pairs
CALL (pairs) {
  UNWIND pairs AS p
  WITH p.actor AS e, sum(size(p.stances)) AS n
  ORDER BY n DESC, e.name
  LIMIT $limit
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS actors
}
CALL (pairs) {
  UNWIND pairs AS p
  WITH p.target AS e, sum(size(p.stances)) AS n
  ORDER BY n DESC, e.name
  LIMIT $limit
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS targets
}
WITH actors, targets, pairs, [x IN actors | x.id] AS actorKeys, [x IN targets | x.id] AS targetKeys
RETURN actors, targets, [p IN pairs WHERE p.actor.id IN actorKeys AND p.target.id IN targetKeys | {
  actorId: p.actor.id,
  targetId: p.target.id,
  stanceIds: [s IN p.stances | s.claimId],
  kinds: reduce(acc = [], s IN p.stances | CASE WHEN s.kind IN acc THEN acc ELSE acc + s.kind END),
  polarities: reduce(acc = [], s IN p.stances | CASE WHEN s.polarity IN acc THEN acc ELSE acc + s.polarity END),
  evidenceCount: reduce(n = 0, s IN p.stances | n + coalesce(s.evidenceCount, 0))
}] AS cells
