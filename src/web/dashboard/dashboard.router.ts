import { createHash } from 'node:crypto';
import express from 'express';
import {
  bundleBuilt,
  bundleDir,
  sendBundledPage,
  bundledPagePolicy,
  sameOriginSockets,
} from '../bundled-page';

export interface DashboardOptions {
  /** Path of the public GraphQL endpoint the page queries, e.g. `/graphql`. */
  endpoint: string;
  /** Where the page is served; its bundle is served under `<route>/assets/`. Defaults to `/dashboard`. */
  route?: string;
  /** Directory written by tools/build-dashboard.mjs; defaults to `<repo>/dist/public/dashboard`. */
  assetsDir?: string;
}

export const DASHBOARD_ASSETS = ['app.js', 'app.css'];

const defaultAssetsDir = () => bundleDir('dashboard');

export function dashboardAssetsBuilt(assetsDir: string = defaultAssetsDir()): boolean {
  return bundleBuilt(assetsDir, DASHBOARD_ASSETS);
}

// cytoscape's renderer prepends exactly this <style> to <head> on start-up. Allowing it by hash keeps
// 'unsafe-inline' out of the policy; should a cytoscape upgrade change the text, the browser merely blocks
// it (app.css gives the container the same rule) and the e2e test reports the CSP violation.
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';
const CYTOSCAPE_STYLE_HASH = `'sha256-${createHash('sha256').update(CYTOSCAPE_STYLE).digest('base64')}'`;

// Defence in depth for "nothing leaves the host": whatever the bundle tried, the browser would only talk
// to this origin. Stricter than the playground's (no Monaco here): cytoscape draws on a canvas and sets
// element styles through the CSSOM, which CSP allows, so inline <style> stays forbidden but for its one rule.
// connect-src: /graphql over HTTP and its WebSocket (the live feed), at this origin only.
function contentSecurityPolicy(nonce: string, sockets: string[]): string {
  return bundledPagePolicy(nonce, [CYTOSCAPE_STYLE_HASH], sockets);
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
    sendBundledPage(res, {
      assetsDir,
      required: DASHBOARD_ASSETS,
      missing: 'dashboard assets are missing: run `npm run build` (or `node tools/build-dashboard.mjs`)\n',
      csp: (nonce) => contentSecurityPolicy(nonce, sameOriginSockets(req)),
      page: {
        title: 'stancegraph dashboard',
        assetsBase: `${req.baseUrl}${route}/assets`,
        configGlobal: '__STANCEGRAPH_DASHBOARD__',
        config: { endpoint: opts.endpoint },
        root: { id: 'dashboard', html: '<p class="boot">Loading the graph…</p>' },
      },
    });
  });

  return router;
}
