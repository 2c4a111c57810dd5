// Each document that names an entity DESCRIBES it, with what it says of it: its own aliases (document-
// scoped: "the call" in one report is not "the call" in another) and, for an entity of its own (not in the
// registry), its name, description and date. The entity node's own names are the registry's
// (00-registry) or, for a local entity, derived from all the documents that declare it (12-entity-
// properties), never from whichever document was loaded last. The kind label comes from the validated
// allow-list (src/domain/vocabulary.ts). A document names an entity once (the validator refuses duplicate
// ids), so its DESCRIBES is new. How the document's entry was made (method: draft or reviewed; stored only
// then, as dateInferred only when true: absent means by hand) and the drafter's confidence in it (when
// given; a whole one stored as a float, as claims' are) are the document's too, so they live on DESCRIBES.
UNWIND $rows AS row
MATCH (d:Document {id: row.docId})
MERGE (e:Entity {id: row.id})
SET e:$(row.kind),
    e.kind = row.kind
CREATE (d)-[x:DESCRIBES]->(e)
SET x.aliases = row.aliases,
    x.name = CASE WHEN row.registered THEN null ELSE row.name END,
    x.description = row.description,
    x.date = row.date,
    x.dateText = row.dateText,
    x.dateInferred = row.dateInferred,
    x.method = CASE WHEN row.method <> 'hand' THEN row.method END,
    x.confidence = toFloat(row.confidence)
RETURN count(e) AS entities
