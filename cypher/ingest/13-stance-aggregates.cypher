// Stored aggregates of the stances, kept here for every document a transaction writes or clears, so that the
// unnarrowed dashboard reads (no scope, confidence or method) answer from them instead of walking every
// stance: a StancePair per actor → target pair (the stance matrix's cell), each Document's stanceCount
// (counts by DOCUMENT), a StanceDay per day stated on (counts by DATE) and each Entity's stancesMade and stancesReceived (the matrix's ranking) and degree
// (the graph's ranking). Counts by kind and polarity need nothing here: they are the claims' labels
// (10-claims). Run after 10-claims and before the graph stamp, last of the documents' statements, so that
// the pairs' locks are held the shortest time; $pairs come sorted by (actorId, targetId), so that two
// concurrent loads take shared pairs in the same order.
// A pair keeps its stances as parallel lists sorted by claim id (claimIds, claimDocIds, claimKinds,
// claimPolarities, claimEvidenceCounts): what the matrix's cell reads, in the order it shows them. Its
// entries of the documents written here ($docIds: cleared first if they were stored, or new) are replaced by
// $pairs' claims, so that writing a document twice, in any order among others, stores the same pair; a pair
// left with no stance is deleted. $pairs names every pair such a document had or has.
// src/ingest/bulk/graph-rows.ts writes the same nodes and properties for the bulk import.
// :param {docIds: [], pairs: [], documents: [], entities: []}
// The documents' stance counts, and the StanceDays (counts by DATE): one per day stances were stated on,
// with how many (stances). A document keeps its share as sorted lists (stanceDays, stanceDayCounts; absent at
// none): the version stored before is taken out of each of its days and the one written put in, days in
// order and each locked before it is read, so that concurrent loads neither lose a count nor deadlock; a day
// left with none is deleted.
CALL () {
  UNWIND $documents AS doc
  MATCH (d:Document {id: doc.id})
  WITH d, doc, coalesce(d.stanceDays, []) AS oldDays, coalesce(d.stanceDayCounts, []) AS oldCounts
  SET d.stanceCount = doc.stanceCount,
      d.stanceDays = doc.days,
      d.stanceDayCounts = doc.dayCounts
  WITH [i IN range(0, size(oldDays) - 1) | [oldDays[i], -oldCounts[i]]]
    + [i IN range(0, size(coalesce(doc.days, [])) - 1) | [doc.days[i], doc.dayCounts[i]]] AS changes
  UNWIND changes AS change
  WITH change[0] AS day, sum(change[1]) AS delta
  WHERE delta <> 0
  WITH day, delta
  ORDER BY day
  MERGE (s:StanceDay {day: day})
  SET s.lock = true
  REMOVE s.lock
  WITH s, coalesce(s.stances, 0) + delta AS stances
  CALL (s, stances) {
    WITH s, stances WHERE stances = 0
    DELETE s
  }
  CALL (s, stances) {
    WITH s, stances WHERE stances <> 0
    SET s.stances = stances
  }
}
// The entities whose relationships the transaction's documents change ($entities, sorted: every entity a
// document written or cleared here describes, since a claim or fact names only those): how many stances
// each makes (stancesMade) and receives (stancesReceived), for ranking the matrix's rows and columns, absent
// at none; and its degree over the stances and facts (0 at none), for ranking the graph's entities
// (overview.cypher). Each read from the store's counts, not walked.
CALL () {
  UNWIND $entities AS id
  MATCH (e:Entity {id: id})
  WITH e, COUNT { (e)-[:STANCE]->() } AS made, COUNT { (e)<-[:STANCE]-() } AS received,
    COUNT { (e)-[:STANCE|LEADS|MEMBER_OF|ALLY_OF|PART_OF|LOCATED_IN|WAS_IN|PARTICIPATED_IN|CARRIED_OUT|TARGETED|DESTROYED|RETALIATION_FOR|HELD_IN|ABOUT|DISCUSSED_IN|FOLLOWED|ISSUED|PERSUADED|CONDITION_FOR|CONTROLS]-() } AS degree
  SET e.stancesMade = CASE WHEN made > 0 THEN made END,
      e.stancesReceived = CASE WHEN received > 0 THEN received END,
      e.degree = degree
}
UNWIND $pairs AS pair
MERGE (p:StancePair {actorId: pair.actorId, targetId: pair.targetId})
WITH p, pair.claims + [i IN range(0, coalesce(size(p.claimIds), 0) - 1) WHERE NOT p.claimDocIds[i] IN $docIds | {
  claimId: p.claimIds[i], docId: p.claimDocIds[i], kind: p.claimKinds[i], polarity: p.claimPolarities[i],
  evidenceCount: p.claimEvidenceCounts[i]
}] AS entries
CALL (p, entries) {
  WITH p, entries WHERE size(entries) = 0
  DELETE p
}
CALL (p, entries) {
  WITH p, entries WHERE size(entries) > 0
  CALL (entries) {
    UNWIND entries AS e
    WITH e
    ORDER BY e.claimId
    RETURN collect(e) AS sorted
  }
  SET p.claimIds = [e IN sorted | e.claimId],
      p.claimDocIds = [e IN sorted | e.docId],
      p.claimKinds = [e IN sorted | e.kind],
      p.claimPolarities = [e IN sorted | e.polarity],
      p.claimEvidenceCounts = [e IN sorted | e.evidenceCount]
}
RETURN count(*) AS pairs
