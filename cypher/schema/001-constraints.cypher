// Unique ids: MERGE on these is what makes a reload idempotent, and each one is also the lookup index.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT heading_id IF NOT EXISTS FOR (h:Heading) REQUIRE h.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE;
// The one GraphStamp node (cypher/ingest/14-graph-stamp.cypher): MERGE on it must not race into two.
CREATE CONSTRAINT graph_stamp_id IF NOT EXISTS FOR (s:GraphStamp) REQUIRE s.id IS UNIQUE;
// One StancePair per actor → target pair with stances (cypher/ingest/13-stance-aggregates.cypher): concurrent
// loads MERGE it, and the stance matrix finds a cell's by the pair.
CREATE CONSTRAINT stance_pair IF NOT EXISTS FOR (p:StancePair) REQUIRE (p.actorId, p.targetId) IS UNIQUE;
// One StanceDay per day stances were stated on (cypher/ingest/13-stance-aggregates.cypher): concurrent loads
// MERGE it, and counts by DATE read the days in order from the index.
CREATE CONSTRAINT stance_day IF NOT EXISTS FOR (s:StanceDay) REQUIRE s.day IS UNIQUE;
