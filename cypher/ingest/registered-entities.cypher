// The corpus registry as stored: what a document sent through the loadDocument mutation is checked and
// linked against (src/ingest/registry.ts), as a document in a folder is against its entities.yaml.
MATCH (e:Entity)
WHERE e.registered = true
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.description AS description,
       e.iso3166 AS iso3166, e.wikidata AS wikidata
ORDER BY e.id
