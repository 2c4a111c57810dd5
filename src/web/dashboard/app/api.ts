import {
  DASHBOARD_DOCUMENT,
  DASHBOARD_ENTITY_MENTIONS,
  DASHBOARD_GRAPH,
  DASHBOARD_SEARCH,
  DASHBOARD_STANCE_MATRIX,
} from '../queries';
import type { DocumentText, EntityDetail, SearchHit, StanceMatrix, Subgraph } from './types';

/** How much to ask for: the whole seed graph fits well inside both, and both are under the API's caps. */
const GRAPH_NODES = 200;
const MATRIX_SIZE = 30;
const SEARCH_HITS = 20;

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/**
 * A client of the public API like any other: POST application/json (which also satisfies Apollo's CSRF
 * prevention without special headers), operations only from ../queries so the allow-list covers them.
 */
export class DashboardApi {
  private readonly documents = new Map<string, Promise<DocumentText | null>>();

  constructor(private readonly endpoint: string) {}

  private async post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const operationName = /query\s+(\w+)/.exec(query)?.[1];
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query, variables, operationName }),
      credentials: 'same-origin',
    });
    const text = await response.text();
    let body: GraphQLResponse<T>;
    try {
      body = JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      // A proxy page or a plain-text 5xx: show what came back rather than "Unexpected token <".
      throw new Error(`${operationName ?? 'query'}: HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length || !body.data) {
      const messages = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
      throw new Error(`${operationName ?? 'query'}: ${messages}`);
    }
    return body.data;
  }

  async graph(): Promise<Subgraph> {
    return (await this.post<{ graph: Subgraph }>(DASHBOARD_GRAPH, { first: GRAPH_NODES })).graph;
  }

  async stanceMatrix(): Promise<StanceMatrix> {
    const data = await this.post<{ stanceMatrix: StanceMatrix }>(DASHBOARD_STANCE_MATRIX, {
      first: MATRIX_SIZE,
    });
    return data.stanceMatrix;
  }

  async search(text: string): Promise<SearchHit[]> {
    const data = await this.post<{ search: SearchHit[] }>(DASHBOARD_SEARCH, { text, first: SEARCH_HITS });
    return data.search;
  }

  async entity(id: string): Promise<EntityDetail | null> {
    return (await this.post<{ entity: EntityDetail | null }>(DASHBOARD_ENTITY_MENTIONS, { id })).entity;
  }

  /** Cached: a document's text never changes under a loaded graph, and every click needs it again. */
  document(id: string): Promise<DocumentText | null> {
    let pending = this.documents.get(id);
    if (!pending) {
      pending = this.post<{ document: DocumentText | null }>(DASHBOARD_DOCUMENT, { id }).then(
        (d) => d.document,
      );
      // A failure is not cached, so the next click retries.
      pending.catch(() => this.documents.delete(id));
      this.documents.set(id, pending);
    }
    return pending;
  }
}
