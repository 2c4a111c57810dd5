// Bundles the review page (src/web/review/app: the page's own code and CSS, the `yaml` package it edits the
// draft with, the vocabulary of src/domain, and the operations it sends, operations/review/*.graphql and
// operations/load-document.graphql, as text) into dist/public/review/app.js + app.css, so the page works with
// no network access: nothing is loaded from a CDN. Idempotent: it wipes and rewrites dist/public/review only.
// Usage (from the repo root): node tools/build-review.mjs
import path from 'node:path';
import { buildBundle, root } from './lib/bundle.mjs';

await buildBundle('review', {
  entryPoints: { app: path.join(root, 'src/web/review/app/index.ts') },
  tsconfig: path.join(root, 'src/web/review/app/tsconfig.json'),
  loader: { '.graphql': 'text' },
});
