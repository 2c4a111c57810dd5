import './workers';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

// Mirrors @graphiql/toolkit's FetcherParams/FetcherOpts, spelled out so the fetcher stays typed even where
// GraphiQL's React-dependent declarations degrade to `any` (see react-shims.d.ts).
interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}
type Fetcher = (params: FetcherParams, opts?: { headers?: Record<string, unknown> }) => Promise<unknown>;

/** Written into the page by playgroundRouter (src/web/playground/playground.router.ts). */
interface PlaygroundConfig {
  endpoint: string;
  defaultQuery: string;
  /** GraphiQL's TabDefinition: several example tabs instead of one defaultQuery. */
  defaultTabs?: { query: string | null; variables?: string | null; headers?: string | null }[];
}

declare global {
  interface Window {
    __STANCEGRAPH_PLAYGROUND__?: PlaygroundConfig;
  }
}

// A hand-rolled fetcher instead of @graphiql/toolkit's createGraphiQLFetcher: that one would pull the
// websocket client into the bundle, and the service has no subscriptions. Posting application/json is
// also what gets the request past Apollo's CSRF prevention without extra headers.
function jsonFetcher(endpoint: string): Fetcher {
  return async (params, opts) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        // The headers editor holds arbitrary JSON; fetch only takes strings.
        ...Object.fromEntries(Object.entries(opts?.headers ?? {}).map(([k, v]) => [k, String(v)])),
        'content-type': 'application/json',
      },
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      // Surface non-GraphQL failures (proxy pages, 5xx text) in the result pane rather than swallowing them.
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}

const config = window.__STANCEGRAPH_PLAYGROUND__;
const root = document.getElementById('playground');
if (!config || !root) {
  throw new Error('stancegraph playground: missing page config or #playground element');
}

// A link may open a query of its own, /graphql?query=…: the review page links a loaded document so. GraphiQL
// opens it in a tab of its own next to the saved ones (initialQuery), or first of the examples on a first visit.
const linked = new URLSearchParams(window.location.search).get('query') ?? undefined;
const tabs = linked ? [{ query: linked }, ...(config.defaultTabs ?? [])] : config.defaultTabs;

createRoot(root).render(
  <GraphiQL
    fetcher={jsonFetcher(config.endpoint)}
    defaultQuery={config.defaultQuery}
    defaultTabs={tabs}
    initialQuery={linked}
    defaultEditorToolsVisibility={false}
  />,
);
