// What the playground and dashboard builds share: esbuild loaded with a clear error, the output folder
// wiped and rewritten (only it: dist/public/<name>, a folder that no tsc output shares), classic minified
// scripts for the browser with nothing left to load from a CDN, one line with the size, one line on failure.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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

/** Builds dist/public/<name>/ from options (entryPoints, tsconfig, …) over the shared defaults; sets the exit code. */
export async function buildBundle(name, options) {
  const outdir = path.join(root, 'dist', 'public', name);
  try {
    const started = Date.now();
    const esbuild = await loadEsbuild();
    await rm(outdir, { recursive: true, force: true });
    const result = await esbuild.build({
      absWorkingDir: root,
      outdir,
      bundle: true,
      // Classic scripts: the pages load them with a nonce'd <script src>, no modules.
      format: 'iife',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Failures are reported once, below (BuildFailure.message lists every error).
      logLevel: 'silent',
      ...options,
    });
    for (const warning of result.warnings) console.warn(`${name}: warning: ${warning.text}`);
    const bytes = await dirSize(outdir);
    console.log(
      `${name}: built ${path.relative(root, outdir)}/ (${bytes} bytes, ${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`,
    );
  } catch (err) {
    console.error(`${name}: build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
