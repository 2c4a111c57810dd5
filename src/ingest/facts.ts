import { cypher } from '../cypher';
import { FACT_TYPE_NAMES } from '../domain/vocabulary';
import { DocumentPlan } from './plan';

/**
 * Facts as the loader writes them (cypher/ingest/08-facts.cypher): one row per fact and transaction with
 * the evidence of every document, in one statement for every fact type.
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

let statement: string | undefined;

/**
 * 08-facts with its CALL repeated once per fact type of src/domain/vocabulary.ts, as a UNION of branches:
 * each takes the rows of its type (`row.type = $(row.type)`, the type as a string literal) and names the type
 * in its MERGE (`:$(row.type)`, the type as an identifier). With a dynamic type, the planner may look for an
 * existing fact by scanning every relationship and filtering on its two ends — the plan it picks while the
 * graph is empty, under which each fact scans every relationship the transaction has written so far
 * (PROFILE: 53,806,940 rows scanned for 1,441 facts in one transaction). A typed MERGE expands between the
 * two entities. Only the allow-listed type names are written into the text, never a value of a row.
 */
export function factsStatement(): string {
  if (statement) return statement;
  const text = cypher('ingest/08-facts');
  const open = 'CALL (a, b, row) {\n';
  const start = text.indexOf(open);
  const end = text.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('08-facts.cypher: no CALL (a, b, row) { … } to repeat');
  const branch = text
    .slice(start + open.length, end)
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  if (!branch.includes('= $(row.type)') || !branch.includes(':$(row.type)')) {
    throw new Error('08-facts.cypher: the CALL names no = $(row.type) and :$(row.type) to specialise');
  }
  const branches = FACT_TYPE_NAMES.map((type) => {
    if (!/^[A-Z][A-Z_]*$/.test(type)) throw new Error(`not a fact type: ${type}`);
    return branch.replace('= $(row.type)', `= '${type}'`).replace(':$(row.type)', `:${type}`);
  });
  statement = `${text.slice(0, start + open.length)}${branches.join('\n  UNION ALL\n')}${text.slice(end)}`;
  return statement;
}
