import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { ServiceError } from '../domain/errors';
import { readColumn, readRows, parseRow } from './named-query';
import {
  EdgeRecord,
  EntityRecord,
  SentenceRecord,
  edgeRecord,
  entityRecord,
  referencingEdgeRecord,
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
  /** Each sentence the edges' evidence quotes, once, in document and reading order. */
  sentences: SentenceRecord[];
  truncated: boolean;
  /** Entities within reach left out by the cap; null where the query does not count them. */
  omittedNodes: number | null;
  /** Edges among the entities kept left out by the cap on edges; null where not counted. */
  omittedEdges: number | null;
}

/** No such entity: an empty answer (the API has resolved the name, so this is a race with a reload). */
const nothing = (): SubgraphRecord => ({
  nodes: [],
  edges: [],
  sentences: [],
  truncated: false,
  omittedNodes: 0,
  omittedEdges: 0,
});

/** For answers whose evidence carries its sentences: each of them once, in document and reading order. */
function sentencesOf(edges: readonly EdgeRecord[]): SentenceRecord[] {
  const byId = new Map<string, SentenceRecord>();
  for (const edge of edges) for (const e of edge.evidence) byId.set(e.sentence.id, e.sentence);
  return [...byId.values()].sort((a, b) => a.docId.localeCompare(b.docId) || a.index - b.index);
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

/** Where a search page ends: its last hit's sort key. */
export interface SearchKey {
  score: number;
  type: 'Entity' | 'Sentence';
  id: string;
}

/** The most hits one search reads from an index to fill a page; deeper pages stop being exact there. */
const SEARCH_DEPTH_LIMIT = 20_000;

export const hitId = (h: SearchHit) => (h.type === 'Entity' ? h.entity.id : h.sentence.id);

const bySearchOrder = (a: SearchHit, b: SearchHit) =>
  b.score - a.score ||
  a.type.localeCompare(b.type) ||
  (hitId(a) < hitId(b) ? -1 : hitId(a) > hitId(b) ? 1 : 0);

function searchHit(row: Record<string, unknown>): SearchHit {
  const hit = row.hit as { __typename: string };
  const score = Number(row.score);
  return hit.__typename === 'Entity'
    ? { type: 'Entity', score, entity: parseRow('search', entityRecord, hit) }
    : { type: 'Sentence', score, sentence: parseRow('search', sentenceRecord, hit) };
}

// Built once: parseRow compiles a schema the first time it meets it (fast-parse.ts).
const entityList = z.array(entityRecord);
const edgeList = z.array(edgeRecord);
const referencingEdgeList = z.array(referencingEdgeRecord);
const sentenceList = z.array(sentenceRecord);

export class EntityStore {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const found = await readColumn(this.db, 'entities-by-ids', { ids: [...ids] }, 'entity', entityRecord);
    return new Map(found.map((e) => [e.id, e]));
  }

  /**
   * One page of search hits, best first: in the order (score descending, type, id) from after `after`
   * (the last hit shown), up to first + 1. Lucene gives each index's best k; a hit it left out scores no
   * more than the k-th, so the page is exact once every index that filled its k scored lower, at its
   * k-th, than the page's last hit; until then k grows (`depth` — how many hits came before — is where
   * it starts). Scores move when documents are loaded (term statistics change): a search walked across
   * loads pages by the scores of each moment.
   */
  async search(
    words: string[],
    first: number,
    after: SearchKey | null = null,
    depth = 0,
  ): Promise<SearchHit[]> {
    const lucene = luceneTerms(words, false);
    if (!lucene) return [];
    const follows = (h: SearchHit) =>
      !after ||
      h.score < after.score ||
      (h.score === after.score && (h.type > after.type || (h.type === after.type && hitId(h) > after.id)));
    for (let k = depth + first + 1; ; k *= 4) {
      const hits = (await readRows(this.db, 'search', { lucene, limit: k })).map(searchHit);
      const page = hits
        .filter(follows)
        .sort(bySearchOrder)
        .slice(0, first + 1);
      const last = page.at(-1);
      const cut = (['Entity', 'Sentence'] as const).some((type) => {
        const fromIndex = hits.filter((h) => h.type === type);
        if (fromIndex.length < k) return false;
        return page.length <= first || !last || fromIndex.at(-1)!.score >= last.score;
      });
      if (!cut || k >= SEARCH_DEPTH_LIMIT) return page;
    }
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

  /**
   * The entities within depth hops of id, nearest and best evidenced first, at most limit besides id itself,
   * and at most edgeLimit edges among them (each entity's joining edge, then the best evidenced), each with
   * the first evidenceFirst of its evidence (0: none) and its count. The query sends each sentence once,
   * only those the evidence sent quotes; each evidence item gets its sentence
   * back here as a reference to that one object, so that `Evidence.sentence` still answers and costs
   * nothing on the wire when it is not asked.
   */
  async neighborhood(
    id: string,
    depth: number,
    limit: number,
    edgeLimit: number,
    evidenceFirst: number,
    scope: Scope = EVERYTHING,
  ): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'neighborhood', {
      id,
      depth,
      limit,
      edgeLimit,
      evidenceFirst,
      ...scopeParams(scope),
    });
    if (!row) return nothing();
    return subgraphWithSentences('neighborhood', row);
  }

  /**
   * The first most connected entities (of kinds) and at most edgeLimit of the edges among them, most
   * evidence first, with the first evidenceFirst of each edge's evidence and its count; each sentence sent
   * once, as the neighbourhood's, when `sentences` (otherwise none, and the evidence has no sentence to
   * give: for a question that asks neither `sentences` nor `evidence { sentence }`).
   */
  async overview(
    first: number,
    kinds: string[] | null,
    edgeLimit: number,
    evidenceFirst: number,
    scope: Scope = EVERYTHING,
    sentences = true,
  ): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'overview', {
      first,
      edgeLimit,
      evidenceFirst,
      sentences,
      kinds: kinds?.length ? kinds : null,
      ...scopeParams(scope),
    });
    if (!row) return nothing();
    return subgraphWithSentences('overview', row, sentences);
  }

  /** The shortest chain between two entities, each edge with the first evidenceFirst of its evidence. */
  async path(
    from: string,
    to: string,
    maxHops: number,
    evidenceFirst: number,
    scope: Scope = EVERYTHING,
  ): Promise<SubgraphRecord> {
    const [row] = await readRows(this.db, 'path', {
      from,
      to,
      maxHops,
      evidenceFirst,
      ...scopeParams(scope),
    });
    if (!row) return nothing();
    const edges = parseRow('path', edgeList, row.edges);
    return {
      nodes: parseRow('path', entityList, row.nodes),
      edges,
      sentences: sentencesOf(edges),
      truncated: false,
      omittedNodes: 0,
      omittedEdges: 0,
    };
  }
}

/**
 * A subgraph whose query sent each sentence once (`sentences`) and evidence naming it by id: each evidence
 * item gets its sentence back as a reference to that one object, so that `Evidence.sentence` still answers
 * and costs nothing on the wire when it is not asked.
 */
function subgraphWithSentences(query: string, row: Record<string, unknown>, joined = true): SubgraphRecord {
  const sentences = parseRow(query, sentenceList, row.sentences);
  const sentence = new Map(sentences.map((s) => [s.id, s]));
  const edges = parseRow(query, referencingEdgeList, row.edges).map((edge): EdgeRecord => ({
    ...edge,
    evidence: edge.evidence.map((e) => {
      if (!joined) return withoutSentence(query, e);
      const found = sentence.get(e.sentenceId);
      // The query collects the sentences from these very ids: a miss is a broken query, not bad data.
      if (!found)
        throw new ServiceError(
          'INTERNAL',
          'Internal error.',
          { query },
          new Error(`${query}: evidence names sentence ${e.sentenceId}, which the answer lacks`),
        );
      return { ...e, sentence: found };
    }),
  }));
  return {
    nodes: parseRow(query, entityList, row.nodes),
    edges,
    sentences,
    truncated: Boolean(row.truncated),
    omittedNodes: Number(row.omittedNodes),
    omittedEdges: Number(row.omittedEdges),
  };
}

/**
 * Evidence of a question that asked for no sentence (overview's `$sentences` false): its `sentence` is not
 * read; were it asked after all (a selection the resolver misjudged), the request fails instead of answering
 * wrong.
 */
function withoutSentence<E extends object>(query: string, e: E): E & { sentence: SentenceRecord } {
  return Object.defineProperty({ ...e }, 'sentence', {
    enumerable: false,
    get(): never {
      throw new ServiceError(
        'INTERNAL',
        'Internal error.',
        { query },
        new Error(`${query}: a sentence was asked of evidence read without its sentences`),
      );
    },
  }) as E & { sentence: SentenceRecord };
}
