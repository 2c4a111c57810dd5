import path from 'node:path';
import { z } from 'zod';
import { cypherFile } from '../src/cypher';
import { QueryRunner } from '../src/db/database';
import { parseRow } from '../src/graph/named-query';
import type { DocumentPlan } from '../src/ingest/plan';

/**
 * How much of one document a reader sees (testkit/cypher/document-counts.cypher), and how much a whole load
 * of its plan stores: fault drills read the first during a load and compare it with the second.
 */
export interface DocumentCounts {
  document: boolean;
  sentences: number;
  headings: number;
  claims: number;
  mentions: number;
  stances: number;
}

const countsRow = z.object({
  document: z.boolean(),
  sentences: z.number(),
  headings: z.number(),
  claims: z.number(),
  mentions: z.number(),
  stances: z.number(),
});

const NAME = 'document-counts';

export async function documentCounts(db: QueryRunner, docId: string): Promise<DocumentCounts> {
  const [row] = await db.read({
    name: NAME,
    text: cypherFile(path.join(__dirname, 'cypher', `${NAME}.cypher`)),
    params: { docId },
  });
  return parseRow(NAME, countsRow, row);
}

/** What a reader sees of the document once its load has committed (every claim is one stance). */
export function fullCounts(plan: DocumentPlan): DocumentCounts {
  return {
    document: true,
    sentences: plan.sentences.length,
    headings: plan.headings.length,
    claims: plan.claims.length,
    mentions: plan.mentions.length,
    stances: plan.claims.length,
  };
}

/** What a reader sees of a document never stored. */
export const NO_DOCUMENT: DocumentCounts = {
  document: false,
  sentences: 0,
  headings: 0,
  claims: 0,
  mentions: 0,
  stances: 0,
};

const openRow = z.object({ id: z.string(), name: z.string(), ms: z.number(), status: z.string() });

/** The transactions running on the server whose name starts with prefix ('ingest/': loads). */
export async function openTransactions(db: QueryRunner, prefix: string): Promise<z.output<typeof openRow>[]> {
  const name = 'open-transactions';
  const rows = await db.read({
    name,
    text: cypherFile(path.join(__dirname, 'cypher', `${name}.cypher`)),
    params: { prefix },
  });
  return rows.map((row) => parseRow(name, openRow, row));
}
