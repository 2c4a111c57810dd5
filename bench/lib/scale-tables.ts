import type { IngestStep } from './ingest-run';
import type { GraphSize } from './scale-support';
import type { TraversalTiming } from './traversals';
import { round, table } from './report';

export interface ScaleResult {
  sizes: { seed: GraphSize; reached: GraphSize };
  ingest: { sweep: IngestStep[]; cli: IngestStep; bulk: IngestStep };
  traversals: { seed: TraversalTiming[]; scale: TraversalTiming[]; representative: TraversalTiming[] };
}

const TARGET_RATIO = 1.5;

/** Which entity a row asks about; citedAsObjections (its first page) and stanceMatrix (its top rows and columns) take none: the whole graph. */
function subjectOf(t: TraversalTiming, kind: string): string {
  if (t.workload === 'citedAsObjections' || t.workload === 'stanceMatrix') return 'whole graph';
  return `${kind}: ${t.workload === 'supporters' ? t.subjects.supportersOf : t.subjects.entity}`;
}

/** The ingest and scale tables as Markdown. */
export function scaleTables(r: ScaleResult): string {
  const ingest = table(
    [
      'run',
      'docs',
      'relationships',
      'rel/s (load)',
      'rel/s (wall)',
      'Neo4j µs CPU/rel',
      'loader peak RSS MB',
    ],
    [...r.ingest.sweep, r.ingest.cli, r.ingest.bulk].map((s) => [
      s.label,
      s.documents,
      s.counters.relationshipsCreated,
      s.relationshipsPerSecond,
      s.relationshipsPerSecondWall,
      s.neo4jCpuUsPerRelationship,
      s.peakRssMb,
    ]),
  );
  const seedOf = (w: string) => r.traversals.seed.find((t) => t.workload === w);
  const rows = [
    ...r.traversals.scale.map((t) => ['same subject', t] as const),
    ...r.traversals.representative.map((t) => ['representative', t] as const),
  ].map(([kind, t]) => {
    const seed = seedOf(t.workload);
    const ratio = seed ? round(t.graphqlMs.p50 / seed.graphqlMs.p50) : NaN;
    return [
      `${t.workload} (${subjectOf(t, kind)})`,
      seed?.size ?? null,
      t.size,
      seed?.graphqlMs.p50 ?? null,
      t.graphqlMs.p50,
      ratio,
      Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'met' : 'MISSED') : '',
      seed?.cypherMs.p50 ?? null,
      t.cypherMs.p50,
    ];
  });
  const traversal = table(
    [
      'query',
      'items (seed)',
      'items (scale)',
      'GraphQL p50 ms (seed)',
      'GraphQL p50 ms (scale)',
      'ratio',
      `≤ ${TARGET_RATIO}`,
      'Cypher p50 ms (seed)',
      'Cypher p50 ms (scale)',
    ],
    rows,
  );
  return [
    `Graph: ${r.sizes.seed.relationships} relationships (seed) → ${r.sizes.reached.relationships} relationships, ${r.sizes.reached.nodes} nodes, ${r.sizes.reached.documents} documents.`,
    '',
    ingest,
    '',
    traversal,
  ].join('\n');
}

export function printScale(r: ScaleResult): void {
  process.stdout.write(`\n${scaleTables(r)}\n`);
}
