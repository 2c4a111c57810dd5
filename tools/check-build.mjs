// The last step of `npm run build`: fails, naming each file, when something the built server needs is
// missing — its entry points, or a file that a bundled page loads (the page modules list them; the
// stylesheets' url() references are followed). A build step that wipes or misplaces another's output
// (as the dashboard bundle once wiped tsc's dist/dashboard/) fails here instead of at `npm start`.
// Usage (from the repo root): node tools/check-build.mjs
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './lib/bundle.mjs';

const require = createRequire(import.meta.url);
const missing = [];
// The validation threads' file is started by path (src/ingest/validation-pool.ts), never imported.
const ENTRY_POINTS = [
  'dist/cli.js',
  'dist/server.js',
  'dist/web/pages.js',
  'dist/ingest/validation-worker.js',
];
for (const file of ENTRY_POINTS) if (!existsSync(path.join(root, file))) missing.push(file);

const summary = [];
if (!missing.length) {
  let pages = [];
  let missingAssets;
  try {
    pages = require(path.join(root, 'dist/web/pages.js')).BUNDLED_PAGES;
    missingAssets = require(path.join(root, 'dist/web/bundled-page.js')).missingAssets;
  } catch (error) {
    // A module the server loads is gone: name it, without the require stack.
    missing.push(`a module of dist/web/pages.js: ${error.message.split('\n')[0]}`);
  }
  for (const page of pages) {
    const lost = missingAssets(page.dir, page.required);
    for (const file of lost) missing.push(`${path.relative(root, page.dir)}/${file} (${page.name} page)`);
    summary.push(`${page.name} (${page.required.length} files)`);
  }
}

if (missing.length) {
  console.error(
    `build: the built service is incomplete; missing:\n${missing.map((m) => `  ${m}`).join('\n')}`,
  );
  console.error('build: run `npm run build` again; if this persists, a build step writes over another one.');
  process.exit(1);
}
// tools/ensure-built.mjs compares this stamp's time with the sources'.
writeFileSync(path.join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
console.log(`build: ok — ${ENTRY_POINTS.join(', ')}; pages: ${summary.join(', ')}`);
