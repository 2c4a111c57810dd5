import { cypher } from '../cypher';
import { FACT_TYPE_NAMES } from '../domain/vocabulary';
import { DocumentPlan } from './plan';

/**
 * Facts as the loader writes them (cypher/ingest/08-facts.cypher): one row per fact and transaction with
 * the evidence of every document, and one statement per fact type.
 */

/** A fact of the plan, its evidence as the parallel lists it is stored as (08-facts.cypher). */
export type FactRow = Omit<DocumentPlan['facts'][number], 'evidence'> & {
  docIds: string[];
  sentenceIds: string[];
  quotes: string[];
  starts: number[];
  ends: number[];
};

/**
 * One row per fact with the evidence entries of every document given, in document order, each entry once
 * per document; date and dateText are the last given, as if the documents had been written one by one.
 * The documents are new or cleared, so none of these entries is stored yet.
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
        const { from, type, to, about } = fact;
        row = {
          from,
          type,
          to,
          about,
          date: null,
          dateText: null,
          docIds: [],
          sentenceIds: [],
          quotes: [],
          starts: [],
          ends: [],
        };
        facts.set(key, row);
      }
      let added = false;
      for (const ev of fact.evidence) {
        const entry = JSON.stringify([key, docId, ev.sentenceId, ev.start, ev.end]);
        if (seen.has(entry)) continue;
        seen.add(entry);
        added = true;
        row.docIds.push(docId);
        row.sentenceIds.push(ev.sentenceId);
        row.quotes.push(ev.quote);
        row.starts.push(ev.start);
        row.ends.push(ev.end);
      }
      if (added) {
        row.date = fact.date ?? row.date;
        row.dateText = fact.dateText ?? row.dateText;
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
