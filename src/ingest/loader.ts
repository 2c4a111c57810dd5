import { createHash } from 'node:crypto';
import { QueryRunner, WriteTx } from '../db/database';
import { ServiceError } from '../domain/errors';
import { cypher, cypherFolder } from '../cypher';
import { factRows, factsStatement } from './facts';
import { DocumentPlan } from './plan';
import { stanceDays, stancePairs } from './stance-aggregates';
import { compareCodePoints } from './code-points';

export type * from './load-types';
import type {
  LoadCounters,
  DocumentRows,
  StanceChange,
  DocumentLoad,
  LoadSummary,
  BatchSummary,
  LoadOptions,
} from './load-types';

export const DEFAULT_ROWS_PER_TRANSACTION = 20_000;

const emptyCounters = (): LoadCounters => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

function addCounters(into: LoadCounters, more: LoadCounters): void {
  for (const key of Object.keys(into) as (keyof LoadCounters)[]) into[key] += more[key];
}

let ingestVersion: string | undefined;

/**
 * What a stored document was written with: its plan and the ingest statements. A changed loader therefore
 * rewrites documents whose annotation did not change.
 */
export function writtenWith(plan: DocumentPlan): string {
  ingestVersion ??= createHash('sha256')
    .update(
      cypherFolder('ingest')
        .map((s) => s.text)
        .join('\n'),
    )
    .digest('hex');
  return createHash('sha256').update(`${plan.document.planSha256}:${ingestVersion}`).digest('hex');
}

export { applySchema, keyMentions } from './schema';

const stanceKey = (s: StanceChange) => JSON.stringify([s.claimId, s.actorId, s.kind, s.targetId]);

/** The plan's stances against those its document's earlier version stored (none for a new document). */
function stanceChanges(plan: DocumentPlan, stored: StanceChange[]): DocumentLoad['stances'] {
  const planned: StanceChange[] = plan.claims.map((c) => ({
    actorId: c.by,
    kind: c.kind,
    targetId: c.on,
    claimId: c.id,
  }));
  const before = new Set(stored.map(stanceKey));
  const after = new Set(planned.map(stanceKey));
  return {
    added: planned.filter((s) => !before.has(stanceKey(s))),
    removed: stored
      .filter((s) => !after.has(stanceKey(s)))
      .sort((a, b) => a.claimId.localeCompare(b.claimId)),
  };
}

const NO_CHANGE = (): DocumentLoad['stances'] => ({ added: [], removed: [] });

const rowsOf = (plan: DocumentPlan): DocumentRows => ({
  sentences: plan.sentences.length,
  entities: plan.entities.length,
  mentions: plan.mentions.length,
  claims: plan.claims.length,
  facts: plan.facts.length,
});

/** The rows a document writes: what rowsPerTransaction counts. */
export const planRows = (plan: DocumentPlan) =>
  plan.headings.length +
  plan.sentences.length +
  plan.entities.length +
  plan.mentions.length +
  plan.claims.length +
  plan.facts.length;

/** Consecutive documents, several to a group until their rows reach the limit. */
function groups(plans: DocumentPlan[], rowsPerTransaction: number): DocumentPlan[][] {
  const out: DocumentPlan[][] = [];
  let current: DocumentPlan[] = [];
  let rows = 0;
  for (const plan of plans) {
    if (current.length && rows + planRows(plan) > rowsPerTransaction) {
      out.push(current);
      current = [];
      rows = 0;
    }
    current.push(plan);
    rows += planRows(plan);
  }
  if (current.length) out.push(current);
  return out;
}

/** Entity ids that two documents of one group give different kinds. */
function kindConflictsWithin(plans: DocumentPlan[]): string[] {
  const kinds = new Map<string, string>();
  const conflicts = new Set<string>();
  for (const plan of plans) {
    for (const { id, kind } of plan.entities) {
      const seen = kinds.get(id);
      if (seen === undefined) kinds.set(id, kind);
      else if (seen !== kind) conflicts.add(id);
    }
  }
  return [...conflicts];
}

/**
 * Thrown inside a group's transaction to roll it back and load its documents one by one (a ServiceError, so
 * that the database layer passes it through as it is).
 */
class SplitGroup extends ServiceError {
  constructor() {
    super('CONFLICT', 'entity kinds conflict within a group of documents');
  }
}

/**
 * Loads validated documents. Each document's own data is replaced when its text or annotation changed and
 * left alone when not; nothing of other documents is touched. Documents are written several to a
 * transaction (options.rowsPerTransaction), in the order given; a failing transaction rolls back all of its
 * documents and the error is thrown, after the earlier transactions have committed. An entity kind conflict
 * is the one failure of a single document's making: a group that meets one is rolled back and loaded a
 * document per transaction, so that the documents before the conflicting one are stored and the
 * CONFLICT names it.
 */
export async function loadPlans(
  db: QueryRunner,
  plans: DocumentPlan[],
  options: LoadOptions = {},
): Promise<BatchSummary> {
  const started = Date.now();
  const ids = new Set<string>();
  for (const plan of plans) {
    if (ids.has(plan.document.id)) {
      throw new ServiceError('BAD_USER_INPUT', `document ${plan.document.id} is given twice`);
    }
    ids.add(plan.document.id);
  }
  const summary: BatchSummary = { documents: [], counters: emptyCounters(), transactions: 0, ms: 0 };
  const commit = (documents: DocumentLoad[], counters: LoadCounters, ms: number) => {
    summary.documents.push(...documents);
    addCounters(summary.counters, counters);
    summary.transactions += 1;
    options.onCommitted?.(documents, counters, ms);
  };
  // loadGroup returns once its transaction has committed: only then are its documents reported.
  const committed = (documents: Omit<DocumentLoad, 'committedAt'>[]) => {
    const committedAt = new Date().toISOString();
    return documents.map((d) => ({ ...d, committedAt }));
  };
  for (const group of groups(plans, options.rowsPerTransaction ?? DEFAULT_ROWS_PER_TRANSACTION)) {
    try {
      const t0 = Date.now();
      const { documents, counters } = await loadGroup(db, group, options);
      commit(committed(documents), counters, Date.now() - t0);
    } catch (error) {
      if (!(error instanceof SplitGroup)) throw error;
      for (const plan of group) {
        const t0 = Date.now();
        const { documents, counters } = await loadGroup(db, [plan], options);
        commit(committed(documents), counters, Date.now() - t0);
      }
    }
  }
  summary.ms = Date.now() - started;
  return summary;
}

/** Loads one validated document in a transaction of its own; any failure rolls all of it back. */
export async function loadPlan(
  db: QueryRunner,
  plan: DocumentPlan,
  options: Omit<LoadOptions, 'rowsPerTransaction' | 'onCommitted'> = {},
): Promise<LoadSummary> {
  const { documents, counters, ms } = await loadPlans(db, [plan], { ...options, rowsPerTransaction: 0 });
  return { ...documents[0], counters, ms };
}

/** One transaction: the documents of a group that need writing are cleared if stored, then written. */
async function loadGroup(
  db: QueryRunner,
  plans: DocumentPlan[],
  options: LoadOptions,
): Promise<{ documents: Omit<DocumentLoad, 'committedAt'>[]; counters: LoadCounters }> {
  const batchSize = options.batchSize ?? 2_000;
  const counters = emptyCounters();
  const name = plans.length === 1 ? plans[0].document.id : `${plans.length} documents`;
  const documents = await db.write(`ingest/${name}`, async (tx) => {
    Object.assign(counters, emptyCounters());
    const count = async (step: string, params: Record<string, unknown>, text = cypher(`ingest/${step}`)) => {
      const { rows: out, summary } = await tx.run({
        name: `ingest/${step}`,
        text,
        params,
      });
      addCounters(counters, summary.counters.updates() as unknown as LoadCounters);
      return out;
    };
    const locked = await count('01-lock-documents', {
      docIds: plans.map((p) => p.document.id).sort(),
    });
    // The lock's SET/REMOVE counts as two property writes a document; an unchanged document reports none.
    Object.assign(counters, emptyCounters());
    const state = new Map(locked.map((row) => [row.docId as string, row]));
    const write: { plan: DocumentPlan; version: string; isNew: boolean }[] = [];
    const outcome: Omit<DocumentLoad, 'committedAt'>[] = plans.map((plan) => {
      const stored = state.get(plan.document.id)!;
      const version = writtenWith(plan);
      const isNew = stored.isNew === true;
      const { id: docId, title } = plan.document;
      if (!isNew && stored.planSha256 === version && !options.force) {
        return { docId, title, status: 'unchanged', rows: rowsOf(plan), stances: NO_CHANGE() };
      }
      write.push({ plan, version, isNew });
      const status = isNew ? 'created' : 'replaced';
      // A replaced document's stances are compared once its clearing has said what it stored.
      return {
        docId,
        title,
        status,
        rows: rowsOf(plan),
        stances: isNew ? stanceChanges(plan, []) : NO_CHANGE(),
      };
    });
    if (!write.length) return outcome;
    const outcomeOf = new Map(outcome.map((o) => [o.docId, o]));
    // Cleared first, so that only other documents' entities can conflict: an entity this document alone
    // describes may change its kind. Throwing rolls the clearing back with everything else.
    // Entities whose declarations change: their stored names are recomputed at the end (12-entity-properties).
    const redeclared = new Set<string>();
    // The pairs the cleared versions made: 13-stance-aggregates takes their entries out.
    const clearedStances: StanceChange[] = [];
    for (const { plan, isNew } of write) {
      if (isNew) continue;
      const [cleared] = await count('02-clear-document', { docId: plan.document.id });
      for (const id of (cleared?.described as string[] | undefined) ?? []) redeclared.add(id);
      clearedStances.push(...((cleared?.stances as StanceChange[] | undefined) ?? []));
      outcomeOf.get(plan.document.id)!.stances = stanceChanges(
        plan,
        (cleared?.stances as StanceChange[] | undefined) ?? [],
      );
    }
    const toWrite = write.map((w) => w.plan);
    if (toWrite.length > 1 && kindConflictsWithin(toWrite).length) throw new SplitGroup();
    const entities = new Map<string, string>();
    for (const plan of toWrite) for (const { id, kind } of plan.entities) entities.set(id, kind);
    const conflicts = await count('03-entity-kind-conflicts', {
      entities: [...entities].map(([id, kind]) => ({ id, kind })),
    });
    if (conflicts.length) {
      if (toWrite.length > 1) throw new SplitGroup();
      throw new ServiceError(
        'CONFLICT',
        `entity kinds conflict with the stored graph: ${conflicts.map((c) => `${c.id} is stored as ${c.storedKind}, given as ${c.givenKind}`).join('; ')}`,
        { conflicts },
      );
    }
    const registered = new Map<string, DocumentPlan['registry'][number]>();
    for (const plan of toWrite) for (const row of plan.registry) registered.set(row.id, row);
    if (registered.size) await count('00-registry', { rows: [...registered.values()] });
    await count('04-documents', {
      docs: write.map(({ plan, version }) => ({ ...plan.document, planSha256: version })),
    });
    const rows = <T extends object>(pick: (plan: DocumentPlan) => T[]) =>
      toWrite.flatMap((plan) => pick(plan).map((row) => ({ ...row, docId: plan.document.id })));
    const steps: [string, unknown[]][] = [
      ['05-headings', rows((p) => p.headings)],
      ['06-sentences', rows((p) => p.sentences)],
      ['07-entities', rows((p) => p.entities)],
      ['12-entity-properties', entityRows(toWrite, redeclared)],
      // Facts need only the entities: they are MERGEd (expanding between two entities) before the mentions
      // and claims add this transaction's relationships to those entities.
      ['08-facts', factRows(toWrite)],
      ['09-mentions', rows((p) => p.mentions)],
      ['10-claims', rows((p) => p.claims)],
      ['11-responses', rows((p) => p.claims.filter((c) => c.respondsTo))],
    ];
    const total = steps.reduce((n, [, r]) => n + r.length, 0);
    let done = 0;
    for (const [step, all] of steps) {
      await inBatches(all, batchSize, async (batch) => {
        await count(step, { rows: batch }, step === '08-facts' ? factsStatement() : undefined);
        done += batch.length;
        options.onProgress?.(step, done, total);
      });
    }
    // The stored aggregates of the stances, once every stance of the group is written (the documents' stance
    // counts with the first batch of pairs, even when there is none).
    // Every entity whose stances or facts may change: those the written documents describe and those their
    // cleared versions described (a claim or fact names only its document's entities), in one order.
    const touched = new Set(redeclared);
    for (const plan of toWrite) for (const { id } of plan.entities) touched.add(id);
    const ranked = [...touched].sort(compareCodePoints);
    const pairs = stancePairs(toWrite, clearedStances);
    const rounds = Math.max(pairs.length, ranked.length);
    for (let i = 0; i === 0 || i < rounds; i += batchSize) {
      await count('13-stance-aggregates', {
        docIds: toWrite.map((p) => p.document.id),
        pairs: pairs.slice(i, i + batchSize),
        entities: ranked.slice(i, i + batchSize),
        documents: i === 0 ? toWrite.map(documentAggregates) : [],
      });
    }
    // Last, so that the stamp's lock is held for the shortest time; not counted: it is not the documents'.
    await tx.run({ name: 'ingest/14-graph-stamp', text: cypher('ingest/14-graph-stamp'), params: {} });
    return outcome;
  });
  return { documents, counters };
}

/** 13-stance-aggregates' row of a document written: its stance count and the days they were stated on. */
function documentAggregates(plan: DocumentPlan) {
  const days = stanceDays(plan);
  return {
    id: plan.document.id,
    stanceCount: plan.claims.length,
    days: days?.days ?? null,
    dayCounts: days?.counts ?? null,
  };
}

/** A declaration this transaction adds: what 07-entities stores on the DESCRIBES, and its document's order. */
interface AddedDeclaration {
  docId: string;
  publishedAt: string;
  name: string;
  description: string | null;
  date: string | null;
  dateText: string | null;
  dateInferred: boolean | null;
  aliases: string[];
}

/**
 * 12-entity-properties' rows: the local entities of the documents written, each with the declarations they
 * add, and those the cleared documents described, whose declarations are all read again (full).
 */
function entityRows(
  plans: DocumentPlan[],
  cleared: Set<string>,
): { id: string; full: boolean; added: AddedDeclaration[] }[] {
  const rows = new Map<string, { id: string; full: boolean; added: AddedDeclaration[] }>();
  for (const id of cleared) rows.set(id, { id, full: true, added: [] });
  for (const plan of plans) {
    const { id: docId, publishedAt } = plan.document;
    for (const e of plan.entities) {
      if (e.registered) continue;
      let row = rows.get(e.id);
      if (!row) rows.set(e.id, (row = { id: e.id, full: false, added: [] }));
      if (row.full) continue;
      const { name, description, date, dateText, dateInferred, aliases } = e;
      row.added.push({ docId, publishedAt, name, description, date, dateText, dateInferred, aliases });
    }
  }
  return [...rows.values()];
}

async function inBatches<T>(rows: T[], size: number, work: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await work(rows.slice(i, i + size));
}

export type { WriteTx };
