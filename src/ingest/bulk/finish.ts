import { QueryRunner } from '../../db/database';
import { ENTITY_KINDS, FACT_TYPE_NAMES } from '../../domain/vocabulary';
import { applySchema } from '../loader';
import { Fixup } from './csv';

/** What the bulk path does over Bolt: before the import, whether it may; after it, what CSV cannot say. */

/** True when the database holds no node (constraints and indexes alone do not count). */
export async function databaseIsEmpty(db: QueryRunner): Promise<boolean> {
  const rows = await db.read({ name: 'bulk/any-node', text: 'MATCH (n) RETURN 1 AS one LIMIT 1' });
  return rows.length === 0;
}

/** Labels and types reach Cypher text only from the vocabulary's allow-lists. */
const LABELS = new Set<string>(['Document', 'Heading', 'Sentence', 'Claim', 'Entity', ...ENTITY_KINDS]);
const TYPES = new Set<string>([
  'PART_OF',
  'IN_SECTION',
  'NEXT',
  'DESCRIBES',
  'MENTIONS',
  'BY',
  'ON',
  'CITES',
  'RESPONDS_TO',
  'EVIDENCE',
  'STANCE',
  ...FACT_TYPE_NAMES,
]);
const PROPERTY = /^[A-Za-z][A-Za-z0-9]*$/;

function fixupStatement(fixup: Fixup): string {
  if (!PROPERTY.test(fixup.property)) throw new Error(`not a property name: ${fixup.property}`);
  if ('labels' in fixup.target) {
    for (const label of fixup.target.labels)
      if (!LABELS.has(label)) throw new Error(`not a label of the graph: ${label}`);
    return `MATCH (n:${fixup.target.labels.join(':')}) WHERE n.${fixup.property} IS NULL SET n.${fixup.property} = $value RETURN count(n) AS fixed`;
  }
  const { type, from, to } = fixup.target;
  if (!TYPES.has(type)) throw new Error(`not a relationship type of the graph: ${type}`);
  // Facts share types with the text layer (PART_OF): the ends' labels tell them apart.
  for (const label of [from, to])
    if (!LABELS.has(label)) throw new Error(`not a label of the graph: ${label}`);
  return `MATCH (:${from})-[r:${type}]->(:${to}) WHERE r.${fixup.property} IS NULL SET r.${fixup.property} = $value RETURN count(r) AS fixed`;
}

/**
 * After the import: the properties the CSV could not hold ([] and [''] read as no value), then the
 * constraints, indexes and fulltext indexes of cypher/schema, awaited — as the transactional loader
 * leaves them. Returns how many properties were set.
 */
export async function finishImport(
  db: QueryRunner,
  fixups: Fixup[],
  log: (line: string) => void = () => {},
): Promise<number> {
  let fixed = 0;
  for (const fixup of fixups) {
    const text = fixupStatement(fixup);
    const [row] = await db.write(
      'bulk/fixup',
      async (tx) => (await tx.run({ name: 'bulk/fixup', text, params: { value: fixup.value } })).rows,
      600_000,
    );
    fixed += Number(row?.fixed ?? 0);
  }
  if (fixups.length) log(`set ${fixed} empty list(s) the CSV could not hold`);
  await applySchema(db, { keyed: true }); // the CSV's MENTIONS carry docId and entityId
  return fixed;
}
