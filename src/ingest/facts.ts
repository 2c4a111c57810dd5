import { cypher } from '../cypher';
import { FACT_TYPE_NAMES } from '../domain/vocabulary';
import { DocumentPlan } from './plan';

/**
 * Facts as the loader writes them (cypher/ingest/08-facts.cypher): one row per fact and transaction with
 * the evidence of every document, and one statement per fact type.
 */

/**
 * One report of a fact: an evidence entry and what its document says about the fact. Stored as parallel
 * lists on the relationship (docIds[i], sentenceIds[i], … reportConfidences[i], reportMethods[i]); lists
 * cannot hold null, so "no date" is '' here.
 */
export interface FactEntry {
  docId: string;
  sentenceId: string;
  quote: string;
  start: number;
  end: number;
  date: string;
  dateText: string;
  dateInferred: boolean;
  confidence: number;
  /** hand, draft or reviewed: how that document's annotation of the fact was made. */
  method: string;
}

/** A fact with the new entries of every document of a transaction (08-facts.cypher). */
export interface FactRow {
  from: string;
  type: string;
  to: string;
  about: string;
  entries: FactEntry[];
}

/**
 * One row per fact with the evidence entries of every document given, each entry once per document. The
 * statement merges them with the stored entries and sorts them, so that the order in which documents are
 * loaded does not show. The documents are new or cleared, so none of these entries is stored yet.
 */
export function factRows(plans: DocumentPlan[]): FactRow[] {
  const facts = new Map<string, FactRow>();
  const seen = new Set<string>();
  for (const plan of plans) {
    const docId = plan.document.id;
    for (const fact of plan.facts) {
      const key = JSON.stringify([fact.from, fact.type, fact.to, fact.about]);
      let row = facts.get(key);
      if (!row) {
        row = { from: fact.from, type: fact.type, to: fact.to, about: fact.about, entries: [] };
        facts.set(key, row);
      }
      for (const ev of fact.evidence) {
        const entry = JSON.stringify([key, docId, ev.sentenceId, ev.start, ev.end]);
        if (seen.has(entry)) continue;
        seen.add(entry);
        row.entries.push({
          docId,
          sentenceId: ev.sentenceId,
          quote: ev.quote,
          start: ev.start,
          end: ev.end,
          date: fact.date ?? '',
          dateText: fact.dateText ?? '',
          dateInferred: fact.dateInferred === true,
          confidence: fact.confidence,
          method: fact.method,
        });
      }
    }
  }
  return [...facts.values()];
}

export function byFactType(rows: FactRow[]): Map<string, FactRow[]> {
  const out = new Map<string, FactRow[]>();
  for (const row of rows) {
    const ofType = out.get(row.type);
    if (ofType) ofType.push(row);
    else out.set(row.type, [row]);
  }
  return out;
}

/**
 * 08-facts with the relationship type written into its MERGE in place of $(row.type). With a dynamic type,
 * the planner may look for an existing fact by scanning every relationship and filtering on its two ends —
 * the plan it picks while the graph is empty, under which each fact scans every relationship the
 * transaction has written so far (PROFILE: 53,806,940 rows scanned for 1,441 facts in one transaction). A
 * typed MERGE expands between the two entities. The type must be a fact type of src/domain/vocabulary.ts: an
 * identifier from the allow-list, never a value.
 */
export function factStatement(type: string): string {
  if (!(FACT_TYPE_NAMES as string[]).includes(type)) throw new Error(`not a fact type: ${type}`);
  const text = cypher('ingest/08-facts');
  if (!text.includes(':$(row.type)')) throw new Error('08-facts.cypher: no :$(row.type) to specialise');
  return text.replace(':$(row.type)', `:${type}`);
}
