// An entity id that another document already gave another kind: the load stops before writing.
UNWIND $entities AS row
MATCH (e:Entity {id: row.id})
WHERE e.kind <> row.kind
RETURN e.id AS id, e.kind AS storedKind, row.kind AS givenKind
