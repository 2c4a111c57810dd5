import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { cypherFile } from '../src/cypher';
import { QueryRunner } from '../src/db/database';
import { canonicalJson } from '../src/canonical-json';
import { parseRow } from '../src/graph/named-query';

/**
 * Content checksums of the stored graph: equal checksums mean equal data (labels, properties with their
 * Cypher types, relationships by the ids of their ends), whatever the internal element ids or the order in
 * which things were written. Tests and fault drills use them to prove that a load or a failure changed
 * exactly what it should and nothing else.
 */
export interface GraphChecksum {
  nodes: number;
  relationships: number;
  sha256: string;
}

export interface DocumentChecksum extends GraphChecksum {
  /** The document's own entries in the evidence lists of facts (shared facts count once per entry). */
  factEntries: number;
}

const typePairs = z.array(z.tuple([z.string(), z.string()]));
const nodeRow = z.object({
  labels: z.array(z.string()),
  properties: z.record(z.string(), z.unknown()),
  types: typePairs,
});
const relationshipRow = z.object({
  type: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  properties: z.record(z.string(), z.unknown()),
  types: typePairs,
});
const graphRow = z.object({ nodes: z.array(nodeRow), relationships: z.array(relationshipRow) });
const documentRow = graphRow.extend({ factEvidence: z.array(z.record(z.string(), z.unknown())) });

/** Each item as canonical JSON, sorted: the order the database returned them in does not matter. */
function canonicalSet(items: unknown[]): string[] {
  return items.map(canonicalJson).sort();
}

function normalise(item: { types: [string, string][] } & Record<string, unknown>) {
  const out: Record<string, unknown> = { ...item, types: Object.fromEntries(item.types) };
  if (Array.isArray(item.labels)) out.labels = [...(item.labels as string[])].sort();
  return out;
}

function sha256(parts: Record<string, string[]>): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** The kit's own queries: plain .cypher files like the service's, runnable in cypher-shell. */
const query = (name: string) => cypherFile(path.join(__dirname, 'cypher', `${name}.cypher`));

/** One read of the whole graph (testkit/cypher/graph-checksum.cypher), hashed here. */
export async function graphChecksum(db: QueryRunner): Promise<GraphChecksum> {
  const name = 'graph-checksum';
  const [row] = await db.read({ name, text: query(name), params: {} });
  const { nodes, relationships } = parseRow(name, graphRow, row);
  return {
    nodes: nodes.length,
    relationships: relationships.length,
    sha256: sha256({
      nodes: canonicalSet(nodes.map(normalise)),
      relationships: canonicalSet(relationships.map(normalise)),
    }),
  };
}

/**
 * What one document contributed (testkit/cypher/document-checksum.cypher): unchanged by loading or
 * replacing any other document. A document that is not stored has zero nodes.
 */
export async function documentChecksum(db: QueryRunner, docId: string): Promise<DocumentChecksum> {
  const name = 'document-checksum';
  const rows = await db.read({ name, text: query(name), params: { docId } });
  const { nodes, relationships, factEvidence } = rows.length
    ? parseRow(name, documentRow, rows[0])
    : { nodes: [], relationships: [], factEvidence: [] };
  return {
    nodes: nodes.length,
    relationships: relationships.length,
    factEntries: factEvidence.length,
    sha256: sha256({
      nodes: canonicalSet(nodes.map(normalise)),
      relationships: canonicalSet(relationships.map(normalise)),
      factEvidence: canonicalSet(factEvidence),
    }),
  };
}
