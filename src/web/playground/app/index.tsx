import './workers';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { createFetcher } from './fetcher';

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

// A hand-rolled fetcher (fetcher.ts) rather than @graphiql/toolkit's createGraphiQLFetcher: subscriptions
// over the bundled graphql-ws client to this page's own origin, queries and mutations over HTTP.
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
    fetcher={createFetcher(config.endpoint)}
    defaultQuery={config.defaultQuery}
    defaultTabs={tabs}
    initialQuery={linked}
    defaultEditorToolsVisibility={false}
  />,
);
