import { cypher, cypherFolder } from '../cypher';
import { QueryRunner } from '../db/database';

/** The schema step before every load: cypher/schema, after keying an older store's mentions. */

/** Entities per transaction of the mention backfill (cypher/backfill/mention-keys.cypher). */
const BACKFILL_ENTITIES = 500;

/**
 * Gives every MENTIONS its document's and entity's ids where a store written before they were stored lacks
 * them, a batch of entities per transaction (idempotent; a run cut short is finished by the next). Returns
 * how many mentions it keyed.
 */
export async function keyMentions(db: QueryRunner): Promise<number> {
  const name = 'backfill/mention-keys';
  let after: string | null = null;
  let keyed = 0;
  for (;;) {
    const params = { after, entities: BACKFILL_ENTITIES };
    const rows: Record<string, unknown>[] = await db.write(
      name,
      async (tx) => (await tx.run({ name, text: cypher(name), params })).rows,
      600_000,
    );
    const row = rows[0];
    keyed += Number(row?.keyed ?? 0);
    if (row?.last == null) return keyed;
    after = String(row.last);
  }
}

/**
 * Whether the index exists, asked in a write transaction like the schema step it decides: a load sent while
 * Neo4j restarts waits for it there (the driver retries a write until it is back), where a read would fail at
 * once with SERVICE_UNAVAILABLE (reads are not held for the database).
 */
async function hasIndex(db: QueryRunner, index: string): Promise<boolean> {
  const name = 'schema/has-index';
  return db.write(name, async (tx) => {
    const text = 'SHOW INDEXES YIELD name WHERE name = $index RETURN name';
    return (await tx.run({ name, text, params: { index } })).rows.length > 0;
  });
}

/**
 * Creates the constraints and indexes (IF NOT EXISTS: safe on every start). First, on a store that has no
 * mention_entity_doc index yet (written before MENTIONS carried docId and entityId), the mentions get them
 * (keyMentions), so that the index, once it exists, covers every mention; `keyed: true` skips that look (a
 * bulk import's CSV holds them).
 */
export async function applySchema(db: QueryRunner, options: { keyed?: boolean } = {}): Promise<void> {
  if (!options.keyed && !(await hasIndex(db, 'mention_entity_doc'))) await keyMentions(db);
  for (const statement of cypherFolder('schema')) {
    await db.write(statement.name, (tx) => tx.run(statement));
  }
  await db.write('schema/await-indexes', (tx) =>
    tx.run({ name: 'schema/await-indexes', text: 'CALL db.awaitIndexes(300)' }),
  );
}
