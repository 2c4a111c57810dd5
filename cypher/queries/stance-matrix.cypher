// stanceMatrix: for each actor × target pair, the kinds and polarities of the actor's stances on the target
// and how much evidence backs them. Conflicting stances stay visible (several polarities), never averaged.
// $actorIds / $targetIds null = the actors and targets that have stances, most stances first: the top
// $actorsFirst rows and $targetsFirst columns; totalActors and totalTargets say how many there are in all.
// Rows and columns are ranked by counting as the stance edges stream by; only the cells among them are
// collected, so that memory stays bounded by $actorsFirst × $targetsFirst cells however large the graph
// (collecting every pair first ran out of transaction memory at 10⁶ relationships: bench/results).
// With nothing narrowing (no actors, targets, scope, confidence or method asked), an entity's stance count
// is its stored stancesMade or stancesReceived (its STANCE degree, kept by cypher/ingest/13-stance-aggregates):
// the top rows and columns are read in index order, without a pass over the entities.
// Scope ($scopeDocuments, $scopeFrom, $scopeTo): only the stances a document of the scope reports. Each cell
// lists its stances' documents and polarities (docIds, stancePolarities, in the order of stanceIds) so that the
// API can say which reports disagree.
// Confidence and method ($scopeMinConfidence, $scopeMethods; null = any): only the stances whose STANCE edge
// (it carries its claim's) passes: confidence 1 and method 'hand' for an edge stored before edges kept them.
// Each cell's stanceCount, and its per-stance lists (stanceIds, docIds, stancePolarities) only when $cellLists:
// the API asks for them when the question selects a cell's stances or sources (at 10⁶ relationships the
// default matrix's lists are two thirds of the answer's bytes: bench/baselines/agg-s7-1m-2026-11-29.json).
// :param {actorIds: null, targetIds: null, actorsFirst: 20, targetsFirst: 20, cellLists: true, scopeDocuments: null, scopeFrom: null, scopeTo: null, scopeMinConfidence: null, scopeMethods: null}
// Scope: the ids of the documents asked for ($scopeDocuments, null = all) published in [$scopeFrom, $scopeTo]
// (ISO dates, inclusive, null = open); null when nothing narrows it. Unknown ids are the API's to report.
WITH CASE
  WHEN $scopeDocuments IS NOT NULL THEN COLLECT {
    MATCH (d:Document) WHERE d.id IN $scopeDocuments
      AND d.publishedAt >= coalesce($scopeFrom, '') AND d.publishedAt <= coalesce($scopeTo, '9999-12-31')
    RETURN d.id }
  WHEN $scopeFrom IS NOT NULL OR $scopeTo IS NOT NULL THEN COLLECT {
    MATCH (d:Document) WHERE d.publishedAt >= coalesce($scopeFrom, '') AND d.publishedAt <= coalesce($scopeTo, '9999-12-31')
      AND d.sha256 IS NOT NULL
    RETURN d.id }
END AS scope
WITH scope, scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL
  AND $actorIds IS NULL AND $targetIds IS NULL AS everything
CALL (scope, everything) {
  CALL (scope, everything) {
    // The top $actorsFirst by the stored count, in index order, with any that tie with the last of them;
    // the total from the index.
    UNWIND CASE WHEN everything THEN [true] ELSE [] END AS stored
    CALL () {
      MATCH (e:Entity)
      WHERE e.stancesMade > 0
      WITH e
      ORDER BY e.stancesMade DESC
      LIMIT $actorsFirst
      RETURN min(e.stancesMade) AS floor
    }
    CALL () {
      MATCH (x:Entity)
      WHERE x.stancesMade > 0
      RETURN count(x) AS total
    }
    MATCH (e:Entity)
    WHERE e.stancesMade >= floor
    RETURN e, e.stancesMade AS n, total
    UNION ALL
    // (Unwound, not filtered: the planner would scan every entity before testing the flag.)
    UNWIND CASE WHEN everything THEN [] ELSE [scope] END AS narrowed
    MATCH (actor:Entity)-[s:STANCE]->(target:Entity)
    WHERE ($actorIds IS NULL OR actor.id IN $actorIds) AND ($targetIds IS NULL OR target.id IN $targetIds)
      AND (narrowed IS NULL OR s.docId IN narrowed)
      AND coalesce(s.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
      AND ($scopeMethods IS NULL OR coalesce(s.method, 'hand') IN $scopeMethods)
    WITH actor AS e, count(s) AS n
    RETURN e, n, null AS total
  }
  WITH e, n, total
  ORDER BY n DESC, e.name, e.id
  // Node references only, however many: the counted total and the top $actorsFirst come from the one pass.
  WITH collect({e: e, n: n}) AS ranked, max(total) AS total
  CALL (ranked) {
    UNWIND ranked[..$actorsFirst] AS x
    WITH x.e AS e, x.n AS n
    RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS actors
  }
  RETURN coalesce(total, size(ranked)) AS totalActors, actors
}
CALL (scope, everything) {
  CALL (scope, everything) {
    // The top $targetsFirst by the stored count, in index order, with any that tie with the last of them;
    // the total from the index.
    UNWIND CASE WHEN everything THEN [true] ELSE [] END AS stored
    CALL () {
      MATCH (e:Entity)
      WHERE e.stancesReceived > 0
      WITH e
      ORDER BY e.stancesReceived DESC
      LIMIT $targetsFirst
      RETURN min(e.stancesReceived) AS floor
    }
    CALL () {
      MATCH (x:Entity)
      WHERE x.stancesReceived > 0
      RETURN count(x) AS total
    }
    MATCH (e:Entity)
    WHERE e.stancesReceived >= floor
    RETURN e, e.stancesReceived AS n, total
    UNION ALL
    // (Unwound, not filtered: the planner would scan every entity before testing the flag.)
    UNWIND CASE WHEN everything THEN [] ELSE [scope] END AS narrowed
    MATCH (actor:Entity)-[s:STANCE]->(target:Entity)
    WHERE ($actorIds IS NULL OR actor.id IN $actorIds) AND ($targetIds IS NULL OR target.id IN $targetIds)
      AND (narrowed IS NULL OR s.docId IN narrowed)
      AND coalesce(s.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
      AND ($scopeMethods IS NULL OR coalesce(s.method, 'hand') IN $scopeMethods)
    WITH target AS e, count(s) AS n
    RETURN e, n, null AS total
  }
  WITH e, n, total
  ORDER BY n DESC, e.name, e.id
  // Node references only, however many: the counted total and the top $targetsFirst come from the one pass.
  WITH collect({e: e, n: n}) AS ranked, max(total) AS total
  CALL (ranked) {
    UNWIND ranked[..$targetsFirst] AS x
    WITH x.e AS e, x.n AS n
    RETURN collect(e {.id, .kind, .name, .aliases, .description, .date, .dateText, stanceCount: n}) AS targets
  }
  RETURN coalesce(total, size(ranked)) AS totalTargets, targets
}
WITH scope, totalActors, totalTargets, actors, targets, [x IN actors | x.id] AS actorKeys, [x IN targets | x.id] AS targetKeys,
  scope IS NULL AND $scopeMinConfidence IS NULL AND $scopeMethods IS NULL AS unnarrowed
// Unnarrowed (no scope, confidence or method), a cell is its pair's StancePair, kept by the loader
// (cypher/ingest/13-stance-aggregates.cypher) with the pair's stances sorted by claim id: at most
// $actorsFirst × $targetsFirst index seeks, however many stances the top actors have.
CALL (actorKeys, targetKeys, unnarrowed) {
  WITH actorKeys, targetKeys WHERE unnarrowed
  UNWIND actorKeys AS actorId
  UNWIND targetKeys AS targetId
  MATCH (p:StancePair {actorId: actorId, targetId: targetId})
  WITH p
  ORDER BY p.actorId, p.targetId
  WITH p, p.claimIds AS stanceIds
  RETURN collect({
    actorId: p.actorId,
    targetId: p.targetId,
    stanceCount: size(stanceIds),
    stanceIds: CASE WHEN $cellLists THEN stanceIds ELSE [] END,
    docIds: CASE WHEN $cellLists THEN p.claimDocIds ELSE [] END,
    stancePolarities: CASE WHEN $cellLists THEN p.claimPolarities ELSE [] END,
    kinds: reduce(acc = [], k IN p.claimKinds | CASE WHEN k IN acc THEN acc ELSE acc + k END),
    polarities: reduce(acc = [], x IN p.claimPolarities | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    evidenceCount: reduce(n = 0, x IN p.claimEvidenceCounts | n + x)
  }) AS pairCells
}
// Narrowed, the cells are counted from the stance edges that pass.
CALL (actorKeys, targetKeys, scope, unnarrowed) {
  WITH actorKeys, targetKeys, scope WHERE NOT unnarrowed
  UNWIND actorKeys AS actorId
  MATCH (actor:Entity {id: actorId})-[s:STANCE]->(target:Entity)
  WHERE target.id IN targetKeys AND (scope IS NULL OR s.docId IN scope)
    AND coalesce(s.confidence, 1.0) >= coalesce($scopeMinConfidence, 0.0)
    AND ($scopeMethods IS NULL OR coalesce(s.method, 'hand') IN $scopeMethods)
  // In a fixed order — cells by actor and target, stances by claim — so that the same graph always gives
  // the same answer (grouping alone keeps no order; the order of a restarted database's store differs).
  WITH actor, target, s
  ORDER BY s.claimId
  WITH actor, target, collect(s) AS stances
  ORDER BY actor.id, target.id
  RETURN collect({
    actorId: actor.id,
    targetId: target.id,
    stanceCount: size(stances),
    stanceIds: CASE WHEN $cellLists THEN [s IN stances | s.claimId] ELSE [] END,
    docIds: CASE WHEN $cellLists THEN [s IN stances | s.docId] ELSE [] END,
    stancePolarities: CASE WHEN $cellLists THEN [s IN stances | s.polarity] ELSE [] END,
    kinds: reduce(acc = [], s IN stances | CASE WHEN s.kind IN acc THEN acc ELSE acc + s.kind END),
    polarities: reduce(acc = [], s IN stances | CASE WHEN s.polarity IN acc THEN acc ELSE acc + s.polarity END),
    evidenceCount: reduce(n = 0, s IN stances | n + coalesce(s.evidenceCount, 0))
  }) AS edgeCells
}
RETURN totalActors, totalTargets, actors, targets, CASE WHEN unnarrowed THEN pairCells ELSE edgeCells END AS cells
