import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

export interface DashboardOptions {
  /** Path of the public GraphQL endpoint the page queries, e.g. `/graphql`. */
  endpoint: string;
  /** Where the page is served; its bundle is served under `<route>/assets/`. Defaults to `/dashboard`. */
  route?: string;
  /** Directory written by tools/build-dashboard.mjs; defaults to `<repo>/dist/dashboard`. */
  assetsDir?: string;
}

const REQUIRED_ASSETS = ['app.js', 'app.css'];

// Runs from src/ (tsx, ts-jest) and from dist/ (compiled) at different depths, so the assets are found
// from the package root rather than from __dirname (same as the playground).
function defaultAssetsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'dashboard');
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../dashboard');
  }
}

export function dashboardAssetsBuilt(assetsDir: string = defaultAssetsDir()): boolean {
  return REQUIRED_ASSETS.every((file) => fs.existsSync(path.join(assetsDir, file)));
}

// The config lands inside an inline <script>: `<` is escaped so no value can close the tag, and
// U+2028/2029 because older engines reject them in script source.
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
    <title>stancegraph dashboard</title>
    <link rel="stylesheet" href="${base}/app.css" />
  </head>
  <body>
    <div id="dashboard"><p class="boot">Loading the graph…</p></div>
    <script nonce="${nonce}">window.__STANCEGRAPH_DASHBOARD__ = ${serializeConfig(config)};</script>
    <script nonce="${nonce}" src="${base}/app.js"></script>
  </body>
</html>
`;
}

// cytoscape's renderer prepends exactly this <style> to <head> on start-up. Allowing it by hash keeps
// 'unsafe-inline' out of the policy; should a cytoscape upgrade change the text, the browser merely blocks
// it (app.css gives the container the same rule) and the e2e test reports the CSP violation.
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';
const CYTOSCAPE_STYLE_HASH = `'sha256-${createHash('sha256').update(CYTOSCAPE_STYLE).digest('base64')}'`;

// Defence in depth for "nothing leaves the host": whatever the bundle tried, the browser would only talk
// to this origin. Stricter than the playground's (no Monaco here): cytoscape draws on a canvas and sets
// element styles through the CSSOM, which CSP allows, so inline <style> stays forbidden but for its one rule.
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' ${CYTOSCAPE_STYLE_HASH}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * Serves the dashboard page at `GET /dashboard` and its bundle under `/dashboard/assets/`. The page is a
 * plain client of the public GraphQL API (no introspection), so it is mounted in production too.
 */
export function dashboardRouter(opts: DashboardOptions): express.Router {
  const route = opts.route ?? '/dashboard';
  const assetsDir = opts.assetsDir ?? defaultAssetsDir();
  const router = express.Router();

  router.use(`${route}/assets`, express.static(assetsDir, { index: false, fallthrough: false }));

  router.get(route, (req, res) => {
    // Checked per request so a build finished after startup is picked up without a restart.
    if (!dashboardAssetsBuilt(assetsDir)) {
      res
        .status(503)
        .type('text/plain')
        .send('dashboard assets are missing: run `npm run build` (or `node tools/build-dashboard.mjs`)\n');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res
      .set('Content-Security-Policy', contentSecurityPolicy(nonce))
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderPage(`${req.baseUrl}${route}/assets`, { endpoint: opts.endpoint }, nonce));
  });

  return router;
}
