// Bundles the GraphiQL playground (src/api/playground/app) and its Monaco workers into dist/playground/.
// Everything is bundled from node_modules so the page works with no network access: graphiql 5 ships no
// UMD build and its stock worker setups load from esm.sh or rely on a webpack/vite worker loader.
// Usage (from the repo root): node tools/build-playground.mjs
import { rm, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'playground');
const require = createRequire(path.join(root, 'package.json'));

// Worker paths go through require.resolve so a hoisting change fails here, loudly, not in the browser.
function entryPoints() {
  return {
    app: path.join(root, 'src/api/playground/app/index.tsx'),
    'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
  };
}

async function dirSize(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await dirSize(full) : (await stat(full)).size;
  }
  return total;
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch (err) {
    throw new Error(`cannot load esbuild (a devDependency; run \`npm install\`): ${err.message}`);
  }
}

async function main() {
  const started = Date.now();
  const esbuild = await loadEsbuild();
  // Only our own folder: tsc has already emitted the server into dist/ when `npm run build` gets here.
  await rm(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entryPoints(),
    outdir,
    bundle: true,
    // Classic scripts rather than ESM: app.js relies on document.currentScript to locate the workers, and
    // Monaco's workers are started with `new Worker(url)` without `{ type: 'module' }`.
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    jsx: 'automatic',
    tsconfig: path.join(root, 'src/api/playground/app/tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
    assetNames: 'fonts/[name]-[hash]',
    // Only reachable from @graphiql/toolkit's websocket fetcher, which the app does not use; it is not
    // installed, and marking it external keeps the unreachable dynamic import from failing the build.
    external: ['graphql-ws'],
    // Failures are reported once, by the catch below (BuildFailure.message lists every error).
    logLevel: 'silent',
  });
  for (const warning of result.warnings) console.warn(`playground: warning: ${warning.text}`);
  const bytes = await dirSize(outdir);
  const rel = path.relative(root, outdir);
  console.log(
    `playground: built ${rel}/ (${bytes} bytes, ${(bytes / 1048576).toFixed(1)} MB) in ${Date.now() - started} ms`,
  );
}

main().catch((err) => {
  console.error(`playground: build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
