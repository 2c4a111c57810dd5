// Builds the service (npm run build) unless dist/ is newer than every input of the build, so that
// `npm run validate` and `npm run load` run the built CLI, as `npm start` does, without a rebuild each time.
// Usage (from the repo root): node tools/ensure-built.mjs && node dist/cli.js <command>
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/bundle.mjs';

const STAMP = path.join(root, 'dist', '.built');
const SKIP = new Set(['node_modules', path.join('tools', 'neo4j', 'lib')].map((p) => path.join(root, p)));
const INPUTS = [
  'src',
  'operations',
  'tools',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(file)) {
    const child = path.join(file, entry);
    if (!SKIP.has(child)) latest = Math.max(latest, newest(child));
  }
  return latest;
}

const inputs = Math.max(
  ...INPUTS.map((f) => path.join(root, f))
    .filter(existsSync)
    .map(newest),
);
if (!existsSync(STAMP) || statSync(STAMP).mtimeMs < inputs) {
  console.error('dist/ is missing or older than the sources: npm run build');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
