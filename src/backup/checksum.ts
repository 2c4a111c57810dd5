import { Hash, createHash } from 'node:crypto';
import { cypher } from '../cypher';
import { QueryRunner } from '../db/database';
import { canonicalJson } from '../canonical-json';

/**
 * The graph checksum a backup's manifest keeps and a restore must reproduce: every node (labels, properties
 * and the Cypher type of each) and every relationship (type, the `id` of both ends, properties and types),
 * each written as canonical JSON, the two sets sorted and hashed. Equal checksums mean equal data whatever
 * the internal ids or the order things were written in. It is the same hash as the test kit's
 * graphChecksum (testkit/checksum.ts; tests/integration/backup.test.ts checks that they agree), computed
 * from two streamed reads instead of one collected row, and hashed piece by piece, so that a large graph is
 * never one value on the server nor one string here.
 */
export interface GraphChecksum {
  nodes: number;
  relationships: number;
  sha256: string;
}

type Row = Record<string, unknown>;

/** A row as the hash sees it: property types as an object, labels sorted. */
function normalise(row: Row): Row {
  const out: Row = { ...row, types: Object.fromEntries(row.types as [string, string][]) };
  if (Array.isArray(row.labels)) out.labels = [...(row.labels as string[])].sort();
  return out;
}

/** Writes `"name":[…]` of sorted canonical strings into the hash, as canonicalJson would. */
function hashSet(hash: Hash, name: string, rows: Row[]): void {
  const items = rows.map((row) => canonicalJson(normalise(row))).sort();
  hash.update(`${JSON.stringify(name)}:[`);
  items.forEach((item, i) => hash.update(i ? `,${JSON.stringify(item)}` : JSON.stringify(item)));
  hash.update(']');
}

export async function graphChecksum(db: QueryRunner): Promise<GraphChecksum> {
  const nodes = await db.read({ name: 'export/checksum-nodes', text: cypher('export/checksum-nodes') });
  const relationships = await db.read({
    name: 'export/checksum-relationships',
    text: cypher('export/checksum-relationships'),
  });
  const hash = createHash('sha256');
  hash.update('{');
  hashSet(hash, 'nodes', nodes);
  hash.update(',');
  hashSet(hash, 'relationships', relationships);
  hash.update('}');
  return { nodes: nodes.length, relationships: relationships.length, sha256: hash.digest('hex') };
}
