// Bundles the dashboard (src/dashboard/app: cytoscape and the page's own code and CSS) into
// dist/dashboard/app.js + app.css, so the page works with no network access: nothing is loaded from a CDN.
// Idempotent: it wipes and rewrites dist/dashboard only.
// Usage (from the repo root): node tools/build-dashboard.mjs
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'dashboard');

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
  // Only our own folder: tsc and the playground build write elsewhere under dist/.
  await rm(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: path.join(root, 'src/dashboard/app/index.ts') },
    outdir,
    bundle: true,
    // A classic script, like the playground's: the page loads it with a nonce'd <script src>, no modules.
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    tsconfig: path.join(root, 'src/dashboard/app/tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    // Failures are reported once, by the catch below (BuildFailure.message lists every error).
    logLevel: 'silent',
  });
  for (const warning of result.warnings) console.warn(`dashboard: warning: ${warning.text}`);
  const bytes = await dirSize(outdir);
  console.log(
    `dashboard: built ${path.relative(root, outdir)}/ (${bytes} bytes, ${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`,
  );
}

main().catch((err) => {
  console.error(`dashboard: build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
