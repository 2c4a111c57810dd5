// A document's own nodes are found by docId when it is replaced.
CREATE INDEX sentence_doc IF NOT EXISTS FOR (s:Sentence) ON (s.docId);
CREATE INDEX heading_doc IF NOT EXISTS FOR (h:Heading) ON (h.docId);
CREATE INDEX claim_doc IF NOT EXISTS FOR (c:Claim) ON (c.docId);
// Stance filters and aggregates start from a kind or a polarity.
CREATE INDEX claim_kind IF NOT EXISTS FOR (c:Claim) ON (c.kind);
CREATE INDEX claim_polarity IF NOT EXISTS FOR (c:Claim) ON (c.polarity);
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
// A page of one kind's entities, in id order.
CREATE INDEX entity_kind_id IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.id);
// The timeline starts from what is dated (a range over dates, not a scan of every entity and claim), and
// reads a page in the index's (date, id) order: a day with thousands of statements is not sorted to show
// twenty. These replace the single-property date indexes of earlier versions, dropped here on upgrade.
CREATE INDEX entity_date_id IF NOT EXISTS FOR (e:Entity) ON (e.date, e.id);
CREATE INDEX claim_date_id IF NOT EXISTS FOR (c:Claim) ON (c.date, c.id);
DROP INDEX entity_date IF EXISTS;
DROP INDEX claim_date IF EXISTS;
// An event's places in document order, per event: a timeline entry shows the first few of an event named in
// thousands of places by reading that many index entries (MENTIONS carries its entity's and document's ids,
// cypher/ingest/09-mentions.cypher). A store written before them gets them first (src/ingest/schema.ts
// applySchema: cypher/backfill/mention-keys.cypher, while this index does not exist yet).
CREATE INDEX mention_entity_doc IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.entityId, m.docId, m.start);
// A date window (from:, to:) finds its documents by a range over publishedAt.
CREATE INDEX document_published IF NOT EXISTS FOR (d:Document) ON (d.publishedAt);
// The documents page, newest first, in the index's (publishedAt, id) order read backwards.
CREATE INDEX document_published_id IF NOT EXISTS FOR (d:Document) ON (d.publishedAt, d.id);
// The stance matrix's top actors and targets: the entities with the most stances, by index order
// (stancesMade, stancesReceived: cypher/ingest/13-stance-aggregates.cypher).
CREATE INDEX entity_stances_made IF NOT EXISTS FOR (e:Entity) ON (e.stancesMade);
CREATE INDEX entity_stances_received IF NOT EXISTS FOR (e:Entity) ON (e.stancesReceived);
// The graph's most connected entities: by index order of their degree over the stances and facts (degree:
// cypher/ingest/13-stance-aggregates.cypher).
CREATE INDEX entity_degree IF NOT EXISTS FOR (e:Entity) ON (e.degree);
// Counts by DOCUMENT: the documents with the most stances, by index order of their stored stanceCount
// (cypher/ingest/13-stance-aggregates.cypher), ties in id order.
CREATE INDEX document_stance_count IF NOT EXISTS FOR (d:Document) ON (d.stanceCount, d.id);
// The conditions page without a proposal or event: the conditions in (name, id) order, from the index.
CREATE INDEX condition_name_id IF NOT EXISTS FOR (c:Condition) ON (c.name, c.id);
