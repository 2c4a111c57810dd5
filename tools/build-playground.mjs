// Bundles the GraphiQL playground (src/web/playground/app, with the graphql-ws client its subscriptions use)
// and its Monaco workers into dist/public/playground/.
// Everything is bundled from node_modules so the page works with no network access: graphiql 5 ships no
// UMD build and its stock worker setups load from esm.sh or rely on a webpack/vite worker loader.
// Idempotent: it wipes and rewrites dist/public/playground only.
// Usage (from the repo root): node tools/build-playground.mjs
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildBundle, root } from './lib/bundle.mjs';

const require = createRequire(path.join(root, 'package.json'));

await buildBundle('playground', {
  // Worker paths go through require.resolve so a hoisting change fails here, loudly, not in the browser.
  // Classic scripts matter here: app.js relies on document.currentScript to locate the workers, and
  // Monaco's workers are started with `new Worker(url)` without `{ type: 'module' }`.
  entryPoints: {
    app: path.join(root, 'src/web/playground/app/index.tsx'),
    'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
  },
  jsx: 'automatic',
  tsconfig: path.join(root, 'src/web/playground/app/tsconfig.json'),
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  // graphql-ws is bundled, not external: the app's fetcher (src/web/playground/app/fetcher.ts) runs
  // subscriptions over it, offline like everything else on the page.
});
