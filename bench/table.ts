/**
 * Prints the tables of result files again, e.g. for README:
 *   npx tsx bench/table.ts bench/results/arms-<date>.json [bench/results/ingest-<date>.json]
 */
import { readFileSync } from 'node:fs';
import { ArmRunResult, armTables, compactArmTable } from './lib/tables';
import { ScaleResult, scaleTables } from './lib/scale-tables';

for (const file of process.argv.slice(2)) {
  const result = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  process.stdout.write(`\n${file}\n\n`);
  if ('ratios' in result) {
    const arms = result as unknown as ArmRunResult;
    process.stdout.write(`${compactArmTable(arms)}\n\n${armTables(arms)}\n`);
  } else if ('ingest' in result) {
    process.stdout.write(`${scaleTables(result as unknown as ScaleResult)}\n`);
  }
}
