// A document's own nodes are found by docId when it is replaced.
CREATE INDEX sentence_doc IF NOT EXISTS FOR (s:Sentence) ON (s.docId);
CREATE INDEX heading_doc IF NOT EXISTS FOR (h:Heading) ON (h.docId);
CREATE INDEX claim_doc IF NOT EXISTS FOR (c:Claim) ON (c.docId);
// Stance filters and aggregates start from a kind or a polarity.
CREATE INDEX claim_kind IF NOT EXISTS FOR (c:Claim) ON (c.kind);
CREATE INDEX claim_polarity IF NOT EXISTS FOR (c:Claim) ON (c.polarity);
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
// The timeline starts from what is dated (a range over dates, not a scan of every entity and claim).
CREATE INDEX entity_date IF NOT EXISTS FOR (e:Entity) ON (e.date);
CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date);
// A date window (from:, to:) finds its documents by a range over publishedAt.
CREATE INDEX document_published IF NOT EXISTS FOR (d:Document) ON (d.publishedAt);
// The stance matrix's top actors and targets: the entities with the most stances, by index order
// (stancesMade, stancesReceived: cypher/ingest/13-stance-aggregates.cypher).
CREATE INDEX entity_stances_made IF NOT EXISTS FOR (e:Entity) ON (e.stancesMade);
CREATE INDEX entity_stances_received IF NOT EXISTS FOR (e:Entity) ON (e.stancesReceived);
// The graph's most connected entities: by index order of their degree over the stances and facts (degree:
// cypher/ingest/13-stance-aggregates.cypher).
CREATE INDEX entity_degree IF NOT EXISTS FOR (e:Entity) ON (e.degree);
