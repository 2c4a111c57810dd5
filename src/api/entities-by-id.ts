import { EntityRecord } from '../graph/records';

/**
 * The entities of one answer by id, for the edges and cells of the same answer that name them by id. The
 * queries return edges and cells only among the entities they return, so a missing one is a broken query,
 * answered as an internal error (as GraphQL's non-null check answered it before it was checked here).
 */
export function entitiesById(entities: readonly EntityRecord[]): (id: string) => EntityRecord {
  const byId = new Map(entities.map((e) => [e.id, e]));
  return (id) => {
    const found = byId.get(id);
    if (!found) throw new Error(`The answer names entity ${id} without holding it.`);
    return found;
  };
}
