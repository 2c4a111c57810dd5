import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { readHarnessState } from '../support/harness';

/**
 * The benchmark's arms (bench/arms: the bare driver, @neo4j/graphql and the service) run the service's own
 * Cypher files with parameters of their own: a query that gains a parameter and an arm that is not told
 * (it happened: `$cellLists`) breaks `npm run bench` and nothing else. `--check` starts the three arms
 * against the harness's Neo4j, asks each of them every workload and stops, failing when an arm errs or
 * the arms disagree on the size of an answer (bench/lib/checks.ts).
 */
jest.setTimeout(300_000);

it('every benchmark arm answers every workload, and alike', () => {
  const { uri, password } = readHarnessState();
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'bench/run.ts',
      '--check',
      '--arms',
      'bare,stancegraph,neo4j-graphql',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_PID: '' },
      encoding: 'utf8',
      timeout: 280_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect({ status: run.status, output: run.status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  expect(output).toContain('the 3 arms answer the 5 queries alike');
  for (const workload of ['supporters', 'citedAsObjections', 'nested', 'neighborhood', 'stanceMatrix'])
    expect(output).toMatch(new RegExp(`^.*${workload}: bare \\d+ items`, 'm'));
});
