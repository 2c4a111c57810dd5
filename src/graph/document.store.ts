import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { parseRow, readColumn, readKeyed, readRows } from './named-query';
import {
  DocumentRecord,
  HeadingRecord,
  MentionPage,
  MentionRecord,
  SentenceRecord,
  documentRecord,
  headingRecord,
  mentionPage,
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

  /**
   * A page of documents, newest first (publishedAt descending, then id descending), after the document `after` names
   * by its publishedAt and id (null: from the newest); `hasNextPage` says whether more follow.
   */
  async page(
    first: number,
    after: { publishedAt: string; id: string } | null,
  ): Promise<{ totalCount: number; documents: DocumentRecord[]; hasNextPage: boolean }> {
    const [row] = await readRows(this.db, 'documents', {
      first,
      upTo: after?.publishedAt ?? '\uffff',
      afterId: after?.id ?? null,
    });
    const page = parseRow('documents', z.array(documentRecord), row.page);
    return {
      totalCount: Number(row.totalCount),
      documents: page.slice(0, first),
      hasNextPage: page.length > first,
    };
  }

  /** The documents with these ids; their full text only with `withText` (it is most of a document's bytes). */
  async byIds(ids: readonly string[], withText = false): Promise<Map<string, DocumentRecord>> {
    const found = await readColumn(
      this.db,
      'documents-by-ids',
      { ids: [...ids], withText },
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

  /**
   * Per entity, at most `first` of the places that name it (document-id, then text order) and how many there
   * are; `first` 0 asks for the count alone.
   */
  async mentionsOfEntities(ids: readonly string[], first: number): Promise<Map<string, MentionPage>> {
    const found = await readKeyed(
      this.db,
      'mentions-of-entities',
      { ids: [...ids], first },
      'page',
      mentionPage,
    );
    return new Map([...found].map(([id, [page]]) => [id, page]));
  }
}
