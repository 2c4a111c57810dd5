// stanceMatrix: for each actor × target pair, the kinds and polarities of the actor's stances on the target
// and how much evidence backs them. Conflicting stances stay visible (several polarities), never averaged.
// $actorIds / $targetIds null = the actors and targets that have stances, most stances first, $limit each.
// Rows and columns are ranked by counting as the stance edges stream by; only the cells among them are
// collected, so that memory stays bounded by $limit² cells however large the graph (collecting every pair
// first ran out of transaction memory at 10⁶ relationships: bench/results).
// :param {actorIds: null, targetIds: null, limit: 50}
CALL () {
  MATCH (actor:Entity)-[s:STANCE]->(target:Entity)
  WHERE ($actorIds IS NULL OR actor.id IN $actorIds) AND ($targetIds IS NULL OR target.id IN $targetIds)
  WITH actor AS e, count(s) AS n
  ORDER BY n DESC, e.name
  LIMIT $limit
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS actors
}
CALL () {
  MATCH (actor:Entity)-[s:STANCE]->(target:Entity)
  WHERE ($actorIds IS NULL OR actor.id IN $actorIds) AND ($targetIds IS NULL OR target.id IN $targetIds)
  WITH target AS e, count(s) AS n
  ORDER BY n DESC, e.name
  LIMIT $limit
  RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS targets
}
WITH actors, targets, [x IN actors | x.id] AS actorKeys, [x IN targets | x.id] AS targetKeys
CALL (actorKeys, targetKeys) {
  UNWIND actorKeys AS actorId
  MATCH (actor:Entity {id: actorId})-[s:STANCE]->(target:Entity)
  WHERE target.id IN targetKeys
  // In a fixed order — cells by actor and target, stances by claim — so that the same graph always gives
  // the same answer (grouping alone keeps no order; the order of a restarted database's store differs).
  WITH actor, target, s
  ORDER BY s.claimId
  WITH actor, target, collect(s) AS stances
  ORDER BY actor.id, target.id
  RETURN collect({
    actorId: actor.id,
    targetId: target.id,
    stanceIds: [s IN stances | s.claimId],
    kinds: reduce(acc = [], s IN stances | CASE WHEN s.kind IN acc THEN acc ELSE acc + s.kind END),
    polarities: reduce(acc = [], s IN stances | CASE WHEN s.polarity IN acc THEN acc ELSE acc + s.polarity END),
    evidenceCount: reduce(n = 0, s IN stances | n + coalesce(s.evidenceCount, 0))
  }) AS cells
}
RETURN actors, targets, cells
