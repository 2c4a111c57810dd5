import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

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
  /** Directory written by tools/build-playground.mjs; defaults to `<repo>/dist/playground`. */
  assetsDir?: string;
}

const ASSETS_ROUTE = '/playground-assets';
const REQUIRED_ASSETS = ['app.js', 'app.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js'];

// This module runs both from src/ (tsx, ts-jest) and from dist/ (compiled), at different depths, so the
// assets are located relative to the package root rather than to __dirname.
function defaultAssetsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'playground');
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../playground');
  }
}

export function playgroundAssetsBuilt(assetsDir: string = defaultAssetsDir()): boolean {
  return REQUIRED_ASSETS.every((file) => fs.existsSync(path.join(assetsDir, file)));
}

// The config lands inside an inline <script>: escaping `<` stops a query containing `</script>` from
// closing the tag, and U+2028/2029 are escaped because older engines reject them in script source.
function serializeConfig(config: object): string {
  return JSON.stringify(config)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function renderPage(assetsBase: string, config: object, nonce: string): string {
  const base = escapeAttr(assetsBase);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>stancegraph playground</title>
    <link rel="stylesheet" href="${base}/app.css" />
    <style nonce="${nonce}">html, body, #playground { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="playground"></div>
    <script nonce="${nonce}">window.__STANCEGRAPH_PLAYGROUND__ = ${serializeConfig(config)};</script>
    <script nonce="${nonce}" src="${base}/app.js"></script>
  </body>
</html>
`;
}

// Defence in depth for "nothing leaves the host": even if a bundled dependency tried to reach a CDN, the
// browser refuses. Monaco injects <style> elements at runtime, hence 'unsafe-inline' for styles only.
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
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

    // Checked per request so a build finished after startup is picked up without a restart.
    if (!playgroundAssetsBuilt(assetsDir)) {
      res.status(503).type('text/plain').send('playground assets are missing: run `npm run build`\n');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res
      .set('Content-Security-Policy', contentSecurityPolicy(nonce))
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderPage(`${req.baseUrl}${ASSETS_ROUTE}`, config, nonce));
  });

  return router;
}
