/**
 * What a load reports and what it is told: the counters, each document's outcome and the options of
 * loadPlans / loadPlan (src/ingest/loader.ts, which re-exports them).
 */

export interface LoadCounters {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export interface DocumentRows {
  sentences: number;
  entities: number;
  mentions: number;
  claims: number;
  facts: number;
}

/** A stance as one claim makes it, by entity id. */
export interface StanceChange {
  actorId: string;
  kind: string;
  targetId: string;
  claimId: string;
}

/** What became of one document. */
export interface DocumentLoad {
  docId: string;
  title: string;
  /** created: new document; replaced: its text or annotation changed; unchanged: nothing was written. */
  status: 'created' | 'replaced' | 'unchanged';
  rows: DocumentRows;
  /**
   * The stances the load stored that its earlier version did not have (added), and those of the earlier
   * version it did not store again (removed), compared by claim id, actor, kind and target. Both empty for
   * an unchanged document.
   */
  stances: { added: StanceChange[]; removed: StanceChange[] };
  /** When its transaction committed (ISO 8601), as this process saw it. */
  committedAt: string;
}

/** One document loaded in a transaction of its own (loadPlan): the counters are its own. */
export interface LoadSummary extends DocumentLoad {
  counters: LoadCounters;
  ms: number;
}

/** Documents loaded by loadPlans: the counters are the sum over all their transactions. */
export interface BatchSummary {
  documents: DocumentLoad[];
  counters: LoadCounters;
  /** Transactions committed. */
  transactions: number;
  ms: number;
}

export interface LoadOptions {
  /** Rows per UNWIND statement; a transaction may need several statements of one kind. */
  batchSize?: number;
  /**
   * Documents are written several to a transaction until their rows (sentences, headings, entities, mentions,
   * claims, facts) reach this many; a larger document is a transaction of its own. 0: one document each.
   */
  rowsPerTransaction?: number;
  /** Reload even when the stored document is identical. */
  force?: boolean;
  /** Within a transaction: rows written so far of the transaction's total, after each statement. */
  onProgress?: (step: string, done: number, total: number) => void;
  /**
   * After each commit, never before: the documents it stored (or found unchanged), and its counters. Not
   * called for a transaction that failed or was rolled back. Subscriptions' events are published from here.
   */
  onCommitted?: (documents: DocumentLoad[], counters: LoadCounters, ms: number) => void;
}
