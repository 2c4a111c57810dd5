// The entities with these ids (DataLoader batch for entity(id:) and every nested Entity reference).
// :param {ids: ['putin', 'trump']}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e {.id, .kind, .name, .aliases, .description, .date, .dateText} AS entity
