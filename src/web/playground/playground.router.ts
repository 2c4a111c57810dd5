import express from 'express';
import { bundleBuilt, bundleDir, sameOriginSockets, sendBundledPage } from '../bundled-page';

/** GraphiQL's TabDefinition: one pre-filled tab of the playground. */
export interface PlaygroundTab {
  query: string | null;
  variables?: string | null;
  headers?: string | null;
}

export interface PlaygroundOptions {
  /** Path of the GraphQL endpoint, e.g. `/graphql`; the page is served there and posts queries to it. */
  endpoint: string;
  /** Operation editor contents on first visit (GraphiQL ignores it once localStorage holds tabs). */
  defaultQuery: string;
  /** Opens these tabs instead of a single `defaultQuery` tab (same first-visit-only rule). */
  defaultTabs?: PlaygroundTab[];
  /** Directory written by tools/build-playground.mjs; defaults to `<repo>/dist/public/playground`. */
  assetsDir?: string;
}

const ASSETS_ROUTE = '/playground-assets';
export const PLAYGROUND_ASSETS = [
  'app.js',
  'app.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
];

const defaultAssetsDir = () => bundleDir('playground');

export function playgroundAssetsBuilt(assetsDir: string = defaultAssetsDir()): boolean {
  return bundleBuilt(assetsDir, PLAYGROUND_ASSETS);
}

// Defence in depth for "nothing leaves the host": even if a bundled dependency tried to reach a CDN, the
// browser refuses. Monaco injects <style> elements at runtime, hence 'unsafe-inline' for styles only.
// connect-src: queries over HTTP and subscriptions over the WebSocket, both at this origin.
function contentSecurityPolicy(nonce: string, sockets: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self'",
    ["connect-src 'self'", ...sockets].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * Serves GraphiQL at `GET <endpoint>` for browsers and its bundle under `/playground-assets/`. Mount it
 * before the Apollo middleware: requests that do not prefer HTML fall through so GET queries still work.
 */
export function playgroundRouter(opts: PlaygroundOptions): express.Router {
  const assetsDir = opts.assetsDir ?? defaultAssetsDir();
  const config = { endpoint: opts.endpoint, defaultQuery: opts.defaultQuery, defaultTabs: opts.defaultTabs };
  const router = express.Router();

  router.use(ASSETS_ROUTE, express.static(assetsDir, { index: false, fallthrough: false }));

  router.get(opts.endpoint, (req, res, next) => {
    // Same negotiation as Apollo's landing page: JSON-ish types are listed first so `*/*` (curl, fetch
    // defaults) picks them, while a browser's explicit text/html wins.
    const preferred = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (preferred !== 'text/html') return next();

    sendBundledPage(res, {
      assetsDir,
      required: PLAYGROUND_ASSETS,
      missing: 'playground assets are missing: run `npm run build`\n',
      csp: (nonce) => contentSecurityPolicy(nonce, sameOriginSockets(req)),
      page: {
        title: 'stancegraph playground',
        assetsBase: `${req.baseUrl}${ASSETS_ROUTE}`,
        configGlobal: '__STANCEGRAPH_PLAYGROUND__',
        config,
        root: { id: 'playground' },
        style: 'html, body, #playground { height: 100%; margin: 0; }',
      },
    });
  });

  return router;
}
