// export/registry: the corpus registry as stored (the entities loaded from entities.yaml), in the
// registry's own fields; the aliases on a registered entity are the registry's, never a document's.
// :param {}
MATCH (e:Entity)
WHERE e.registered = true
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.description AS description,
       e.iso3166 AS iso3166, e.wikidata AS wikidata
ORDER BY e.id
