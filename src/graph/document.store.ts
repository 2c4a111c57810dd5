import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { readColumn, readKeyed } from './named-query';
import {
  DocumentRecord,
  HeadingRecord,
  MentionRecord,
  SentenceRecord,
  documentRecord,
  headingRecord,
  mentionRecord,
  sentenceRecord,
} from './records';

export class DocumentStore {
  constructor(private readonly db: QueryRunner) {}

  /** How many loading transactions the graph has committed; 0 before the first. */
  async graphStamp(): Promise<number> {
    const [loads] = await readColumn(this.db, 'graph-stamp', {}, 'loads', z.number().int());
    return loads ?? 0;
  }

  async list(): Promise<DocumentRecord[]> {
    return readColumn(this.db, 'documents', {}, 'document', documentRecord);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
    const found = await readColumn(
      this.db,
      'documents-by-ids',
      { ids: [...ids] },
      'document',
      documentRecord,
    );
    return new Map(found.map((d) => [d.id, d]));
  }

  async sentencesOf(docIds: readonly string[]): Promise<Map<string, SentenceRecord[]>> {
    return readKeyed(this.db, 'sentences-of-documents', { ids: [...docIds] }, 'sentence', sentenceRecord);
  }

  async headingsOf(docIds: readonly string[]): Promise<Map<string, HeadingRecord[]>> {
    return readKeyed(this.db, 'headings-of-documents', { ids: [...docIds] }, 'heading', headingRecord);
  }

  async mentionsInSentences(ids: readonly string[]): Promise<Map<string, MentionRecord[]>> {
    return readKeyed(this.db, 'mentions-of-sentences', { ids: [...ids] }, 'mention', mentionRecord);
  }

  async mentionsOfEntities(ids: readonly string[]): Promise<Map<string, MentionRecord[]>> {
    return readKeyed(this.db, 'mentions-of-entities', { ids: [...ids] }, 'mention', mentionRecord);
  }
}
