import { createHash } from 'node:crypto';
import { Database, WriteTx } from '../db/database';
import { ServiceError } from '../db/errors';
import { cypher, cypherFolder } from '../cypher';
import { DocumentPlan } from './plan';

export interface LoadCounters {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export interface LoadSummary {
  docId: string;
  /** created: new document; replaced: its text or annotation changed; unchanged: nothing was written. */
  status: 'created' | 'replaced' | 'unchanged';
  counters: LoadCounters;
  rows: { sentences: number; entities: number; mentions: number; claims: number; facts: number };
  ms: number;
}

export interface LoadOptions {
  /** Rows per UNWIND statement; a document is still one transaction. */
  batchSize?: number;
  /** Reload even when the stored document is identical. */
  force?: boolean;
  onProgress?: (step: string, done: number, total: number) => void;
}

const emptyCounters = (): LoadCounters => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

let ingestVersion: string | undefined;

/**
 * What a stored document was written with: its plan and the ingest statements. A changed loader therefore
 * rewrites documents whose annotation did not change.
 */
function writtenWith(plan: DocumentPlan): string {
  ingestVersion ??= createHash('sha256')
    .update(
      cypherFolder('ingest')
        .map((s) => s.text)
        .join('\n'),
    )
    .digest('hex');
  return createHash('sha256').update(`${plan.document.planSha256}:${ingestVersion}`).digest('hex');
}

/** Creates the constraints and indexes (IF NOT EXISTS: safe on every start). */
export async function applySchema(db: Database): Promise<void> {
  for (const statement of cypherFolder('schema')) {
    await db.write(statement.name, (tx) => tx.run(statement));
  }
  await db.write('schema/await-indexes', (tx) =>
    tx.run({ name: 'schema/await-indexes', text: 'CALL db.awaitIndexes(300)' }),
  );
}

/**
 * Loads one validated document in one transaction: the document's own data is replaced when its text or
 * annotation changed, left alone when not, and nothing of other documents is touched. Any failure rolls
 * the whole document back.
 */
export async function loadPlan(
  db: Database,
  plan: DocumentPlan,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 2_000;
  const docId = plan.document.id;
  const counters = emptyCounters();
  const rows = {
    sentences: plan.sentences.length,
    entities: plan.entities.length,
    mentions: plan.mentions.length,
    claims: plan.claims.length,
    facts: plan.facts.length,
  };
  const version = writtenWith(plan);
  const status = await db.write(`ingest/${docId}`, async (tx) => {
    Object.assign(counters, emptyCounters());
    const count = async (name: string, params: Record<string, unknown>) => {
      const { rows: out, summary } = await tx.run({
        name: `ingest/${name}`,
        text: cypher(`ingest/${name}`),
        params,
      });
      const u = summary.counters.updates();
      for (const key of Object.keys(counters) as (keyof LoadCounters)[]) counters[key] += u[key];
      return out;
    };
    const [state] = await count('01-lock-document', { docId });
    if (!state.isNew && state.planSha256 === version && !options.force) {
      // The lock's SET/REMOVE counts as two property writes; an unchanged document reports none.
      Object.assign(counters, emptyCounters());
      return 'unchanged' as const;
    }
    // Cleared first, so that only other documents' entities can conflict: an entity this document alone
    // describes may change its kind. Throwing rolls the clearing back with everything else.
    if (!state.isNew) await count('02-clear-document', { docId });
    const conflicts = await count('03-entity-kind-conflicts', {
      entities: plan.entities.map(({ id, kind }) => ({ id, kind })),
    });
    if (conflicts.length) {
      throw new ServiceError(
        'CONFLICT',
        `entity kinds conflict with the stored graph: ${conflicts.map((c) => `${c.id} is stored as ${c.storedKind}, given as ${c.givenKind}`).join('; ')}`,
        { conflicts },
      );
    }
    await count('04-document', { doc: { ...plan.document, planSha256: version } });
    const steps: [string, unknown[]][] = [
      ['05-headings', plan.headings],
      ['06-sentences', plan.sentences],
      ['07-entities', plan.entities],
      ['08-mentions', plan.mentions],
      ['09-claims', plan.claims],
      ['10-responses', plan.claims.filter((c) => c.respondsTo)],
      ['11-facts', plan.facts],
    ];
    const total = steps.reduce((n, [, r]) => n + r.length, 0);
    let done = 0;
    for (const [name, all] of steps) {
      await inBatches(all, batchSize, async (batch) => {
        await count(name, { docId, rows: batch });
        done += batch.length;
        options.onProgress?.(name, done, total);
      });
    }
    return state.isNew ? ('created' as const) : ('replaced' as const);
  });
  return { docId, status, counters, rows, ms: Date.now() - started };
}

async function inBatches<T>(rows: T[], size: number, work: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await work(rows.slice(i, i + size));
}

export type { WriteTx };
