import { z } from 'zod';
import { cypher } from '../cypher';
import { QueryRunner } from '../db/database';
import { ServiceError } from '../domain/errors';
import { ENTITY_KINDS } from '../domain/vocabulary';
import { RegistryRow, registryRow } from './plan';
import { Registry, RegistryEntity } from './registry';

/** The corpus registry in the graph: written before a load's documents, read for documents sent by the API. */

/**
 * Writes every registry entity (cypher/ingest/00-registry.cypher), in one transaction of its own before the
 * documents: entities no document names yet are stored too, so that the graph holds the whole registry (the
 * export writes it back). An id stored with another kind is a CONFLICT, as for a document.
 */
export async function writeRegistry(db: QueryRunner, registry: Registry): Promise<number> {
  const rows: RegistryRow[] = [...registry.byId.values()].map(registryRow);
  if (!rows.length) return 0;
  return db.write('ingest/registry', async (tx) => {
    const { rows: conflicts } = await tx.run({
      name: 'ingest/03-entity-kind-conflicts',
      text: cypher('ingest/03-entity-kind-conflicts'),
      params: { entities: rows.map(({ id, kind }) => ({ id, kind })) },
    });
    if (conflicts.length) {
      throw new ServiceError(
        'CONFLICT',
        `registry kinds conflict with the stored graph: ${conflicts.map((c) => `${c.id} is stored as ${c.storedKind}, registered as ${c.givenKind}`).join('; ')}`,
        { conflicts },
      );
    }
    const { summary } = await tx.run({
      name: 'ingest/00-registry',
      text: cypher('ingest/00-registry'),
      params: { rows },
    });
    return summary.counters.updates().propertiesSet;
  });
}

const storedRow = z.object({
  id: z.string(),
  kind: z.enum(ENTITY_KINDS),
  name: z.string(),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  iso3166: z.string().nullable(),
  wikidata: z.string().nullable(),
});

/** The registry as stored (cypher/ingest/registered-entities.cypher), what the loadDocument mutation links to. */
export async function storedRegistry(db: QueryRunner): Promise<Registry> {
  const rows = await db.read({
    name: 'ingest/registered-entities',
    text: cypher('ingest/registered-entities'),
    params: {},
  });
  const entities: RegistryEntity[] = rows.map((row) => ({
    ...storedRow.parse(row),
    where: 'the registry stored in the graph',
  }));
  return new Registry(entities);
}
