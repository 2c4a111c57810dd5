// Stored aggregates of the stances, kept here for every document a transaction writes or clears, so that the
// unnarrowed dashboard reads (no scope, confidence or method) answer from them instead of walking every
// stance: a StancePair per actor → target pair (the stance matrix's cell), each Document's stanceCount
// (counts by DOCUMENT) and each Entity's stancesMade and stancesReceived (the matrix's ranking) and degree
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
CALL () {
  UNWIND $documents AS doc
  MATCH (d:Document {id: doc.id})
  SET d.stanceCount = doc.stanceCount
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
