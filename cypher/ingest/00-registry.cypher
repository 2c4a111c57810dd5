// The corpus registry's entities (corpus/entities.yaml): their kind, name, aliases, description and external
// ids are the registry's alone, whichever document names them (docs/corpus.md). Written before the
// documents of a load, and again with each document that names one, so that a document's entities exist
// whatever else was loaded. An entry already stored as given is not written again: an unchanged load
// reports no writes. The kind label comes from the validated allow-list (src/domain/vocabulary.ts). An
// entity's degree over the stances and facts (13-stance-aggregates) is 0 until a document gives it some, so
// that the graph's ranking by degree (overview.cypher) lists it too; an entry stored before degrees were
// kept is written once more to get its 0.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row
WHERE NOT (coalesce(e.registered, false) AND e.degree IS NOT NULL AND e.kind = row.kind AND e.name = row.name AND e.aliases = row.aliases
           AND coalesce(e.description, '') = coalesce(row.description, '')
           AND coalesce(e.iso3166, '') = coalesce(row.iso3166, '')
           AND coalesce(e.wikidata, '') = coalesce(row.wikidata, '')
           AND e.date IS NULL AND e.dateText IS NULL AND e.dateInferred IS NULL)
SET e:$(row.kind),
    e.kind = row.kind,
    e.registered = true,
    e.name = row.name,
    e.aliases = row.aliases,
    e.aliasText = reduce(t = '', a IN row.aliases | t + a + ' | '),
    e.description = row.description,
    e.iso3166 = row.iso3166,
    e.wikidata = row.wikidata,
    e.date = null,
    e.dateText = null,
    e.dateInferred = null,
    e.degree = coalesce(e.degree, 0)
RETURN count(e) AS registered
