import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { readColumn, readRows, parseRow } from './named-query';
import {
  EdgeRecord,
  EntityRecord,
  SentenceRecord,
  edgeRecord,
  entityRecord,
  sentenceRecord,
} from './records';
import { EVERYTHING, Scope, scopeParams } from './scope';

export interface EntityPage {
  totalCount: number;
  entities: EntityRecord[];
  hasNextPage: boolean;
}

export interface SubgraphRecord {
  nodes: EntityRecord[];
  edges: EdgeRecord[];
  truncated: boolean;
}

export type SearchHit = { score: number } & (
  { type: 'Entity'; entity: EntityRecord } | { type: 'Sentence'; sentence: SentenceRecord }
);

/** Lucene's reserved characters, escaped so that user text is always matched as words. */
export function luceneTerms(words: string[], fuzzy: boolean): string {
  const escape = (w: string) => w.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
  return words
    .filter(Boolean)
    .map((w) => (fuzzy && w.length >= 4 ? `${escape(w)} OR ${escape(w)}~1` : escape(w)))
    .join(' OR ');
}

// Built once: parseRow compiles a schema the first time it meets it (fast-parse.ts).
const entityList = z.array(entityRecord);
const edgeList = z.array(edgeRecord);

export class EntityStore {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const found = await readColumn(this.db, 'entities-by-ids', { ids: [...ids] }, 'entity', entityRecord);
    return new Map(found.map((e) => [e.id, e]));
  }

  async search(words: string[], limit: number): Promise<SearchHit[]> {
    const lucene = luceneTerms(words, false);
    if (!lucene) return [];
    const rows = await readRows(this.db, 'search', { lucene, limit });
    return rows.map((row): SearchHit => {
      const hit = row.hit as { __typename: string };
      const score = Number(row.score);
      return hit.__typename === 'Entity'
        ? { type: 'Entity', score, entity: parseRow('search', entityRecord, hit) }
        : { type: 'Sentence', score, sentence: parseRow('search', sentenceRecord, hit) };
    });
  }

  async page(kind: string | null, first: number, after: string | null): Promise<EntityPage> {
    const [row] = await readRows(this.db, 'entities', { kind, first, after });
    const page = parseRow('entities', entityList, row.page);
    return {
      totalCount: Number(row.totalCount),
      entities: page.slice(0, first),
      hasNextPage: page.length > first,
    };
  }

  async neighborhood(
    id: string,
    depth: number,
    maxNodes: number,
    scope: Scope = EVERYTHING,
  ): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'neighborhood', { id, depth, maxNodes, ...scopeParams(scope) });
    if (!row) return { nodes: [], edges: [], truncated: false };
    return {
      nodes: parseRow('neighborhood', entityList, row.nodes),
      edges: parseRow('neighborhood', edgeList, row.edges),
      truncated: Boolean(row.truncated),
    };
  }

  async overview(first: number, kinds: string[] | null, scope: Scope = EVERYTHING): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'overview', {
      first,
      kinds: kinds?.length ? kinds : null,
      ...scopeParams(scope),
    });
    return {
      nodes: parseRow('overview', entityList, row.nodes),
      edges: parseRow('overview', edgeList, row.edges),
      truncated: Boolean(row.truncated),
    };
  }

  async path(from: string, to: string, maxHops: number, scope: Scope = EVERYTHING): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'path', { from, to, maxHops, ...scopeParams(scope) });
    if (!row) return { nodes: [], edges: [], truncated: false };
    return {
      nodes: parseRow('path', entityList, row.nodes),
      edges: parseRow('path', edgeList, row.edges),
      truncated: false,
    };
  }
}
