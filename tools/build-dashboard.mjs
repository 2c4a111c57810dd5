// Bundles the dashboard (src/web/dashboard/app: cytoscape, the page's own code and CSS, and the operations it
// sends, operations/dashboard/*.graphql, as text) into
// dist/public/dashboard/app.js + app.css, so the page works with no network access: nothing is loaded from a CDN.
// Idempotent: it wipes and rewrites dist/public/dashboard only.
// Usage (from the repo root): node tools/build-dashboard.mjs
import path from 'node:path';
import { buildBundle, root } from './lib/bundle.mjs';

await buildBundle('dashboard', {
  entryPoints: { app: path.join(root, 'src/web/dashboard/app/index.ts') },
  tsconfig: path.join(root, 'src/web/dashboard/app/tsconfig.json'),
  loader: { '.graphql': 'text' },
});
