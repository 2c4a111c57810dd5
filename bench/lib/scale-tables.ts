import type { IngestStep } from './ingest-run';
import type { GraphSize } from './scale-support';
import type { RootFieldTiming, TraversalTiming } from './traversals';
import { round, table } from './report';

/** Every root field timed at one size of the graph: a point of the scaling curve. */
export interface CurvePoint {
  size: GraphSize;
  rootFields: RootFieldTiming[];
}

export interface ScaleResult {
  sizes: { seed: GraphSize; reached: GraphSize };
  ingest: { bulk: IngestStep; stretches: IngestStep[]; sweep: IngestStep[]; cli: IngestStep | null };
  traversals: { seed: TraversalTiming[]; scale: TraversalTiming[]; representative: TraversalTiming[] };
  curve: CurvePoint[];
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
    [...r.ingest.stretches, r.ingest.bulk, ...r.ingest.sweep, ...(r.ingest.cli ? [r.ingest.cli] : [])].map(
      (s) => [
        s.label,
        s.documents,
        s.counters.relationshipsCreated,
        s.relationshipsPerSecond,
        s.relationshipsPerSecondWall,
        s.neo4jCpuUsPerRelationship,
        s.peakRssMb,
      ],
    ),
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
    '',
    curveTable(r.curve),
  ].join('\n');
}

export function printScale(r: ScaleResult): void {
  process.stdout.write(`\n${scaleTables(r)}\n`);
}

/** Each root field's GraphQL p50 (ms) at every size, and its ratio at the largest size to the seed's. */
export function curveTable(curve: CurvePoint[]): string {
  if (!curve.length) return '';
  const first = curve[0];
  const last = curve[curve.length - 1];
  const rows = first.rootFields.map((seed) => {
    const at = (p: CurvePoint) => p.rootFields.find((f) => f.name === seed.name);
    const end = at(last);
    const ratio = end ? round(end.graphqlMs.p50 / seed.graphqlMs.p50) : NaN;
    return [
      seed.name,
      ...curve.map((p) => {
        const f = at(p);
        return f?.error ? 'error' : `${f?.graphqlMs.p50 ?? ''} (${f?.size ?? ''})`;
      }),
      ratio,
      Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'met' : 'MISSED') : '',
    ];
  });
  return table(
    [
      'root field: p50 ms (items) at relationships',
      ...curve.map((p) => String(p.size.relationships)),
      'ratio',
      `≤ ${TARGET_RATIO}`,
    ],
    rows,
  );
}
