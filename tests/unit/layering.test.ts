import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layering rules of eslint.config.mjs, run on one import at a time: each case must be refused or let
 * through as the layering says. CI's lint run is the enforcement; this fails when a rule is dropped or
 * loosened, which a clean lint run never shows. ESLint runs in a child process because it loads its
 * configuration as an ES module, which Jest's CommonJS sandbox cannot.
 */

const ROOT = path.resolve(__dirname, '../..');

type Case = [file: string, specifier: string, verdict: 'refused' | 'allowed'];

const CASES: Case[] = [
  ['src/domain/probe.ts', '../db/database', 'refused'],
  ['src/domain/probe.ts', '../config', 'refused'],
  ['src/domain/probe.ts', './vocabulary', 'allowed'],
  ['src/domain/probe.ts', 'graphql', 'allowed'],
  ['src/config.ts', './db/database', 'refused'],
  ['src/config.ts', './domain/vocabulary', 'allowed'],
  ['src/db/probe.ts', '../graph/records', 'refused'],
  ['src/db/probe.ts', '../ingest/loader', 'refused'],
  ['src/db/probe.ts', '../api/context', 'refused'],
  ['src/db/probe.ts', '../runtime/local', 'refused'],
  ['src/db/probe.ts', '../server', 'refused'],
  ['src/db/probe.ts', '../domain/errors', 'allowed'],
  ['src/db/probe.ts', './database', 'allowed'],
  ['src/graph/probe.ts', '../api/context', 'refused'],
  ['src/graph/probe.ts', '../ingest/text', 'refused'],
  ['src/graph/probe.ts', '../web/pages', 'refused'],
  ['src/graph/probe.ts', '../cli', 'refused'],
  ['src/graph/probe.ts', '../db/database', 'allowed'],
  ['src/graph/probe.ts', '../domain/names', 'allowed'],
  ['src/ingest/probe.ts', '../api/schema', 'refused'],
  ['src/ingest/probe.ts', '../graph/records', 'refused'],
  ['src/ingest/probe.ts', '../server', 'refused'],
  ['src/ingest/probe.ts', '../db/database', 'allowed'],
  ['src/api/probe.ts', '../db/database', 'refused'],
  ['src/api/entity/probe.ts', '../../db/slots', 'refused'],
  ['src/api/entity/probe.ts', '../../server', 'refused'],
  ['src/api/entity/probe.ts', '../../runtime/local', 'refused'],
  ['src/api/entity/probe.ts', '../../web/pages', 'refused'],
  ['src/api/entity/probe.ts', '../../db', 'allowed'],
  ['src/api/entity/probe.ts', '../../graph/records', 'allowed'],
  ['src/api/entity/probe.ts', '../../ingest/writer', 'allowed'],
  ['src/runtime/probe.ts', '../api/schema', 'refused'],
  ['src/runtime/probe.ts', '../db/database', 'allowed'],
  ['src/web/playground/probe.ts', '../../graph/records', 'refused'],
  ['src/web/playground/probe.ts', '../../db', 'refused'],
  ['src/web/playground/probe.ts', '../../operations', 'allowed'],
  ['src/operations.ts', './api/schema', 'refused'],
  ['src/operations.ts', './config', 'allowed'],
  ['src/server.ts', './cli', 'refused'],
  ['src/server.ts', './api/schema', 'allowed'],
];

const LINT = `
import { ESLint } from 'eslint';
const eslint = new ESLint();
const verdicts = [];
for (const [file, specifier] of JSON.parse(process.env.LAYERING_CASES)) {
  const [result] = await eslint.lintText(\`import '\${specifier}';\\n\`, { filePath: file });
  const refused = result.messages.some((m) => m.ruleId === 'no-restricted-imports');
  verdicts.push(refused ? 'refused' : 'allowed');
}
process.stdout.write(JSON.stringify(verdicts));
`;

it('eslint.config.mjs refuses every import across the layering and lets the others through', () => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT], {
    cwd: ROOT,
    env: { ...process.env, LAYERING_CASES: JSON.stringify(CASES) },
    encoding: 'utf8',
  });
  const verdicts = JSON.parse(out) as string[];
  const got = CASES.map(([file, specifier], i) => `${file} → ${specifier}: ${verdicts[i]}`);
  expect(got).toEqual(CASES.map(([file, specifier, verdict]) => `${file} → ${specifier}: ${verdict}`));
});
