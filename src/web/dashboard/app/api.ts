import documentFile from '../../../../operations/dashboard/document.graphql';
import entityMentionsFile from '../../../../operations/dashboard/entity-mentions.graphql';
import graphFile from '../../../../operations/dashboard/graph.graphql';
import searchFile from '../../../../operations/dashboard/search.graphql';
import stanceMatrixFile from '../../../../operations/dashboard/stance-matrix.graphql';
import type { DocumentText, EntityDetail, SearchHit, StanceMatrix, Subgraph } from './types';

/** How much to ask for: the whole seed graph fits well inside both, and both are under the API's caps. */
const GRAPH_NODES = 200;
const MATRIX_SIZE = 30;
const SEARCH_HITS = 20;

/**
 * Every GraphQL operation the dashboard sends, and nothing else: the persisted-query allow-list is
 * generated from operations/, so an operation the browser code built anywhere else would be refused once the allow-list is enforced. Each one is named, so the server
 * logs and the allow-list can tell them apart, and takes its inputs as variables, so the text never varies.
 * They use public, non-introspection fields only: the dashboard keeps working in production.
 * A file's operation is its trimmed text, as src/operations.ts reads it for the allow-list.
 */
const operation = (file: string) => file.trim();
/** The whole picture to draw: the most connected entities and every stance and fact among them. */
const DASHBOARD_GRAPH = operation(graphFile);
/** Actors × targets with the stances between them, for the heat map. */
const DASHBOARD_STANCE_MATRIX = operation(stanceMatrixFile);
/** Free-text search: the entities to highlight in the graph and the sentences to list. */
const DASHBOARD_SEARCH = operation(searchFile);
/** A document's full text, to show evidence in context (offsets are code points into `text`). */
const DASHBOARD_DOCUMENT = operation(documentFile);
/** Where the documents name an entity, shown with the evidence of its edges when the node is clicked. */
const DASHBOARD_ENTITY_MENTIONS = operation(entityMentionsFile);

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/**
 * A client of the public API like any other: POST application/json (which also satisfies Apollo's CSRF
 * prevention without special headers), operations only from operations/dashboard/ so the allow-list covers them.
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
      actorsFirst: MATRIX_SIZE,
      targetsFirst: MATRIX_SIZE,
    });
    return data.stanceMatrix;
  }

  async search(text: string): Promise<SearchHit[]> {
    const data = await this.post<{ search: { edges: { node: SearchHit }[] } }>(DASHBOARD_SEARCH, {
      text,
      first: SEARCH_HITS,
    });
    return data.search.edges.map((e) => e.node);
  }

  async entity(id: string): Promise<EntityDetail | null> {
    return (await this.post<{ entity: EntityDetail | null }>(DASHBOARD_ENTITY_MENTIONS, { id })).entity;
  }

  /** Drops a document's cached text: it was replaced (a documentLoaded event said so). */
  forget(id: string): void {
    this.documents.delete(id);
  }

  /** Cached: a document's text changes only when it is replaced (forget()), and every click needs it again. */
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
