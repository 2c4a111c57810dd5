// Writes schema/persisted-queries.json: sha256 → text of every operation the project's own clients send
// (operations/: the playground's examples, the dashboard's queries, the loadDocument mutation). With
// PERSISTED_QUERIES_ONLY (the production default) the service runs these and nothing else.
// Usage (from the repo root): npx tsx tools/build-persisted-queries.ts   (part of `npm run build`)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PERSISTED_QUERIES_FILE,
  buildAllowList,
  collectOperations,
  serializeAllowList,
} from '../src/api/security/persisted-queries';

async function main(): Promise<void> {
  const operations = await collectOperations();
  const entries = buildAllowList(operations);
  writeFileSync(PERSISTED_QUERIES_FILE, serializeAllowList(entries));
  const bySource = new Map<string, number>();
  for (const { source } of operations) bySource.set(source, (bySource.get(source) ?? 0) + 1);
  const counts = [...bySource].map(([source, n]) => `${n} from ${source}`).join(', ');
  process.stderr.write(
    `wrote ${path.relative(process.cwd(), PERSISTED_QUERIES_FILE)}: ${Object.keys(entries).length} operation(s) (${counts})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
