import { createStores } from '../../src/api/context';
import { Database, openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { startService } from '../../src/server';
import { SUBJECTS, Subjects } from '../workloads';
import { BenchNeo4j, benchServiceConfig } from './neo4j';
import type { TraversalTiming } from './traversals';

export interface GraphSize {
  nodes: number;
  relationships: number;
  documents: number;
}

export async function graphSize(db: Database): Promise<GraphSize> {
  const [row] = await db.read({
    name: 'bench/size',
    // Count-store lookups: constant time at any size.
    text:
      'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } ' +
      'CALL () { MATCH (d:Document) RETURN count(d) AS documents } RETURN nodes, relationships, documents',
  });
  return {
    nodes: Number(row.nodes),
    relationships: Number(row.relationships),
    documents: Number(row.documents),
  };
}

/**
 * Synthetic entities whose answers are as large as the seed subjects' were at seed size: a proposal with
 * as many supporting stances as the limited ceasefire, a person with as many stances as Putin. Comparing
 * their latency at scale with the seed subjects' at seed size isolates the size of the graph from the size
 * of the answer.
 */
export async function representativeSubjects(db: Database, seed: TraversalTiming[]): Promise<Subjects> {
  const size = (w: string) => seed.find((t) => t.workload === w)?.size ?? 0;
  const [proposal] = await db.read({
    name: 'bench/representative-proposal',
    text:
      "MATCH (p:Proposal) WHERE p.id STARTS WITH 'syn-' " +
      "WITH p, COUNT { (p)<-[:ON]-(c:Claim) WHERE c.polarity IN ['SUPPORT', 'CONDITIONAL'] } AS n " +
      'RETURN p.id AS id ORDER BY abs(n - $n), p.id LIMIT 1',
    params: { n: size('supporters') },
  });
  const [person] = await db.read({
    name: 'bench/representative-person',
    text:
      "MATCH (e:Person) WHERE e.id STARTS WITH 'syn-' WITH e, COUNT { (e)<-[:BY|ON]-(:Claim) } AS n " +
      'RETURN e.id AS id ORDER BY abs(n - $n), e.id LIMIT 1',
    params: { n: size('nested') },
  });
  return {
    supportersOf: String(proposal?.id ?? SUBJECTS.supportersOf),
    entity: String(person?.id ?? SUBJECTS.entity),
    neighborhoodDepth: SUBJECTS.neighborhoodDepth,
  };
}

/** The service in this process, for latency one request at a time (no load, so no CPU split needed). */
export async function startInProcessService(neo4j: BenchNeo4j) {
  const config = benchServiceConfig(neo4j);
  const db = openDatabase(config, neo4j.uri, { queryTimeoutMs: 60_000 });
  const stores = createStores(db);
  const service = await startService({
    config,
    db,
    stores,
    logger: createLogger('silent'),
  });
  return {
    url: service.url,
    clearCaches: () => stores.cache.clear(),
    async close() {
      await service.close();
      await db.close();
    },
  };
}
