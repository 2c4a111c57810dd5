import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/**
 * What the playground and the dashboard share: a page built by an esbuild script into dist/public/<name>,
 * served as one HTML document with its configuration inline and a fresh CSP nonce per response. The bundles
 * have a folder of their own: tsc writes dist/<module path>, and a bundle build wipes its output folder.
 */

/**
 * dist/public/<name> at the package root. This module runs both from src/ (tsx, ts-jest) and from dist/ (compiled),
 * at different depths, so the assets are located from the package root rather than from __dirname.
 */
export function bundleDir(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'public', name);
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..', 'dist', 'public', name);
  }
}

/**
 * The files a page needs that are not in assetsDir: the required ones, and every relative `url(…)` their
 * stylesheets reference (fonts, images), so that a bundle that lost a font is caught at build time.
 */
export function missingAssets(assetsDir: string, required: string[]): string[] {
  const missing = required.filter((file) => !fs.existsSync(path.join(assetsDir, file)));
  for (const file of required.filter((f) => f.endsWith('.css') && !missing.includes(f))) {
    const css = fs.readFileSync(path.join(assetsDir, file), 'utf8');
    for (const [, , ref] of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      if (/^(data:|[a-z]+:|\/\/|#)/i.test(ref)) continue;
      const target = path.normalize(path.join(path.dirname(file), ref.split(/[?#]/)[0]));
      if (!fs.existsSync(path.join(assetsDir, target))) missing.push(`${target} (referenced by ${file})`);
    }
  }
  return missing;
}

export function bundleBuilt(assetsDir: string, required: string[]): boolean {
  return required.every((file) => fs.existsSync(path.join(assetsDir, file)));
}

/**
 * The config lands inside an inline <script>: escaping `<` stops a value containing `</script>` from
 * closing the tag, and U+2028/2029 are escaped because older engines reject them in script source.
 */
function serializeConfig(config: object): string {
  return JSON.stringify(config)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A Host header that is a plain host name or address with an optional port, and nothing else. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The page's own WebSocket origin, ws:// and wss:// at the host it was asked for, for connect-src. CSP 3's
 * 'self' already covers it (Chromium, Firefox), but browsers that predate that rule match 'self' to http(s)
 * only; naming the host keeps subscriptions working there. A Host header that is not a plain host[:port]
 * adds nothing.
 */
export function sameOriginSockets(req: express.Request): string[] {
  const host = req.headers.host;
  if (!host || !PLAIN_HOST.test(host)) return [];
  return [`ws://${host}`, `wss://${host}`];
}

/**
 * The Content-Security-Policy of a bundled page: scripts from this origin with the page's nonce, styles from
 * this origin (plus the hashes a page needs for a library's one inline rule), nothing reachable but this
 * origin (its WebSocket included: `sockets`, from sameOriginSockets), whatever the bundle tried.
 */
export function bundledPagePolicy(nonce: string, styleHashes: string[] = [], sockets: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...sockets].join(' '),
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export interface PageShape {
  title: string;
  /** The URL path its app.js and app.css are served under. */
  assetsBase: string;
  /** The global the bundle reads its configuration from, e.g. __STANCEGRAPH_DASHBOARD__. */
  configGlobal: string;
  config: object;
  /** The element the bundle mounts into, with what it shows until then. */
  root: { id: string; html?: string };
  /** CSS for an inline <style> (allowed by the nonce). */
  style?: string;
}

/** The HTML document: the stylesheet, the root element, the inline configuration and the bundle. */
export function renderPage(page: PageShape, nonce: string): string {
  const base = escapeAttr(page.assetsBase);
  const style = page.style ? `\n    <style nonce="${nonce}">${page.style}</style>` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeAttr(page.title)}</title>
    <link rel="stylesheet" href="${base}/app.css" />${style}
  </head>
  <body>
    <div id="${escapeAttr(page.root.id)}">${page.root.html ?? ''}</div>
    <script nonce="${nonce}">window.${page.configGlobal} = ${serializeConfig(page.config)};</script>
    <script nonce="${nonce}" src="${base}/app.js"></script>
  </body>
</html>
`;
}

/**
 * Answers with the page (render gets a nonce for its inline elements), its CSP and no caching; or 503 with
 * `missing` as long as the bundle is not built — checked per request, so that a build finished after
 * start-up is picked up without a restart.
 */
export function sendBundledPage(
  res: express.Response,
  page: {
    assetsDir: string;
    required: string[];
    missing: string;
    csp: (nonce: string) => string;
    page: PageShape;
  },
): void {
  if (!bundleBuilt(page.assetsDir, page.required)) {
    res.status(503).type('text/plain').send(page.missing);
    return;
  }
  const nonce = randomBytes(16).toString('base64');
  res
    .set('Content-Security-Policy', page.csp(nonce))
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(renderPage(page.page, nonce));
}
