import neo4j, { Driver } from 'neo4j-driver';
import { LIMITS } from '../../src/api/argument-limits';
import { cypher } from '../../src/cypher';
import { scopeParams } from '../../src/graph/scope';
import { Subjects, WorkloadName } from '../workloads';

/**
 * The Cypher of each workload, as the service sends it (the very files in cypher/queries, the same
 * parameters), run straight through neo4j-driver: the bare arm, and the scale benchmark's Cypher timings.
 */
export type BareQuery = (driver: Driver, database: string, subjects: Subjects) => Promise<unknown>;

async function read(driver: Driver, database: string, name: string, params: Record<string, unknown>) {
  // The whole graph: the scope's parameters at their defaults, as the service sends them unscoped.
  const result = await driver.executeQuery(
    cypher(`queries/${name}`),
    { ...scopeParams(), ...params },
    {
      database,
      routing: neo4j.routing.READ,
    },
  );
  return result.records.map((r) => r.toObject());
}

const limit = neo4j.int(5_000);
/** The service's default page size (LIMITS.page) and matrix size (LIMITS.matrix), which the workloads use. */
const PAGE = 20;
const MATRIX = 20;

const stances = (
  driver: Driver,
  database: string,
  anchor: string,
  keys: string[],
  polarities: string[] | null,
  first = limit,
) =>
  read(driver, database, 'stances', {
    anchor,
    keys,
    actorId: null,
    targetId: null,
    kinds: null,
    polarities,
    limit: first,
  }).then((rows) => rows.map((r) => r.stance));

export const BARE_QUERIES: Record<WorkloadName, BareQuery> = {
  supporters: async (driver, db, s) => ({
    // supporters(of:) sends its default `first` as $limit (LIMITS.rootList).
    stances: await stances(
      driver,
      db,
      'TARGET',
      [s.supportersOf],
      ['SUPPORT', 'CONDITIONAL'],
      neo4j.int(LIMITS.rootList.default),
    ),
  }),
  citedAsObjections: async (driver, db) => ({
    // The first page, as the GraphQL arms ask for it.
    citations: (
      await read(driver, db, 'cited-as-objections', {
        byId: null,
        againstId: null,
        afterClaim: null,
        afterCited: null,
        first: neo4j.int(PAGE),
      })
    )
      .slice(0, PAGE)
      .map((r) => r.citation),
  }),
  // What the service sends for entity → stances: its stances in both roles, whose actors and targets hold
  // the entity itself; the entity's own lookup only when it is in no stance.
  nested: async (driver, db, s) => {
    const found = (await stances(driver, db, 'ENTITY', [s.entity], null)) as {
      actor: { id: string };
      target: { id: string };
    }[];
    const self = found.flatMap((stance) => [stance.actor, stance.target]).find((e) => e.id === s.entity);
    const entity =
      self ?? (await read(driver, db, 'entities-by-ids', { ids: [s.entity] }))[0]?.entity ?? null;
    return { entity, stances: found };
  },
  neighborhood: async (driver, db, s) =>
    (
      await read(driver, db, 'neighborhood', {
        id: s.entity,
        depth: neo4j.int(s.neighborhoodDepth),
        limit: neo4j.int(LIMITS.neighborhood.default),
        edgeLimit: neo4j.int(LIMITS.neighborhood.default * LIMITS.neighborhood.edgesPerEntity),
        // The stancegraph arm's request selects edge evidence without `first`: the default, as its resolver
        // passes it (src/api/selection.ts).
        evidenceFirst: neo4j.int(LIMITS.factEvidence.default),
      })
    )[0] ?? { nodes: [], edges: [], sentences: [], truncated: false, omittedNodes: 0, omittedEdges: 0 },
  stanceMatrix: async (driver, db) =>
    (
      await read(driver, db, 'stance-matrix', {
        actorIds: null,
        targetIds: null,
        actorsFirst: neo4j.int(MATRIX),
        targetsFirst: neo4j.int(MATRIX),
        // The workload selects no cell's stances or sources: the API sends false (aggregate.resolver).
        cellLists: false,
      })
    )[0] ?? {
      actors: [],
      targets: [],
      cells: [],
    },
};
