import draftFile from '../../../../operations/draft-document.graphql';
import validateFile from '../../../../operations/validate-document.graphql';
import knownEntitiesFile from '../../../../operations/review/known-entities.graphql';
import loadFile from '../../../../operations/load-document.graphql';
import type { Draft, KnownEntity, LoadResult, ValidationReport } from './types';

/**
 * Every GraphQL operation the review page sends, and nothing else: operations/review/ and
 * operations/load-document.graphql, which the persisted-query allow-list is generated from, so the page
 * works where only those run. A file's operation is its trimmed text (src/operations.ts).
 */
const DRAFT = draftFile.trim();
const VALIDATE = validateFile.trim();
const KNOWN_ENTITIES = knownEntitiesFile.trim();
const LOAD = loadFile.trim();

/** The `entities` page size (its maximum) and how many pages the target lists take at most. */
const PAGE = 100;
const MAX_PAGES = 20;

/** An error the page shows as it came: the service's code (extensions.code) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class ReviewApi {
  constructor(
    private readonly endpoint: string,
    /** The write token as typed (sessionStorage only): sent as a header, never in a URL. */
    private readonly token: () => string,
  ) {}

  private async post<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    const token = this.token().trim();
    let response: Response;
    try {
      // Always a POST with a JSON body: a mutation and an article never go into a URL or a cache.
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          accept: 'application/graphql-response+json, application/json',
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables, operationName }),
        credentials: 'same-origin',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled.');
      throw new ApiError('NETWORK', `The service did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: GraphQLResponse<T>;
    try {
      body = JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      // A proxy page or a plain-text 5xx: show what came back rather than "Unexpected token <".
      throw new ApiError(`HTTP_${response.status}`, text.slice(0, 300) || response.statusText);
    }
    const [first] = body.errors ?? [];
    if (first || !body.data) {
      const extensions = first?.extensions ?? {};
      const code = typeof extensions.code === 'string' ? extensions.code : `HTTP_${response.status}`;
      throw new ApiError(code, first?.message ?? `${operationName}: no data`, extensions);
    }
    return body.data;
  }

  async draft(
    input: { article: string; date: string; id?: string; title?: string },
    signal?: AbortSignal,
  ): Promise<Draft> {
    return (await this.post<{ draftDocument: Draft }>(DRAFT, input, signal)).draftDocument;
  }

  async validate(article: string, annotation: string): Promise<ValidationReport> {
    const data = await this.post<{ validateDocument: ValidationReport }>(VALIDATE, { article, annotation });
    return data.validateDocument;
  }

  async load(article: string, annotation: string): Promise<LoadResult> {
    return (await this.post<{ loadDocument: LoadResult }>(LOAD, { article, annotation })).loadDocument;
  }

  /** The entities of the graph, page by page; `truncated` when there are more than the lists take. */
  async knownEntities(): Promise<{ entities: KnownEntity[]; truncated: boolean }> {
    const entities: KnownEntity[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      type Page = {
        entities: {
          edges: { node: KnownEntity }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
      const data: Page = await this.post<Page>(KNOWN_ENTITIES, { first: PAGE, after });
      entities.push(...data.entities.edges.map((e) => e.node));
      if (!data.entities.pageInfo.hasNextPage) return { entities, truncated: false };
      after = data.entities.pageInfo.endCursor;
    }
    return { entities, truncated: true };
  }
}

/** What to tell the analyst besides the code and message, for the errors they can act on. */
export function errorHint(code: string): string | undefined {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'Enter the write token (STANCEGRAPH_WRITE_TOKEN of the service) above.';
    case 'FORBIDDEN':
      return 'This service has writes turned off: it runs without STANCEGRAPH_WRITE_TOKEN.';
    case 'NLP_UNAVAILABLE':
      return 'The NLP server is not reachable: the message says what to run on the server.';
    case 'ARTICLE_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return 'Split the article, or ask for a larger limit.';
    case 'PERSISTED_QUERY_NOT_ALLOWED':
      return 'The service does not know this page’s operations: rebuild it (npm run build).';
    case 'NETWORK':
      return 'Is the service running? Try again.';
    default:
      return undefined;
  }
}
