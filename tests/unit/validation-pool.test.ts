import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { findDocumentDirs, validateFolder } from '../../src/ingest/corpus';
import { ValidationPool, ValidationThreadError } from '../../src/ingest/validation-pool';

/**
 * The validation threads run the real worker file from src/ (a .ts file, which a thread can only load
 * with a TypeScript loader: ts-jest's does not reach threads, so the pool registers tsx's).
 */

const FIXTURES = path.join(__dirname, 'fixtures');
const THREADS = path.join(FIXTURES, 'validation-threads');
const DIRS = [
  ...findDocumentDirs([path.join(REPO_ROOT, 'corpus'), path.join(REPO_ROOT, 'tests/fixtures/corpus-multi')]),
  ...['valid', 'multiple-errors', 'yaml-syntax', 'file-missing-article'].map((d) => path.join(FIXTURES, d)),
];

let temp: string;
beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-pool-'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('ValidationPool', () => {
  it('answers what validateFolder answers in this thread, problems and plans alike', async () => {
    const pool = new ValidationPool({ threads: 2 });
    try {
      const there = await Promise.all(DIRS.map((dir) => pool.validate(dir)));
      expect(there).toEqual(DIRS.map((dir) => validateFolder(dir)));
      expect(there.filter((r) => r.plan).length).toBeGreaterThan(4);
      expect(there.filter((r) => !r.plan).length).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('rejects with what validateFolder throws, and goes on validating', async () => {
    // graph.yaml as a folder: reading it throws (EISDIR) in this thread and in the pool's alike.
    const broken = path.join(temp, 'unreadable');
    mkdirSync(path.join(broken, 'graph.yaml'), { recursive: true });
    writeFileSync(path.join(broken, 'article.txt'), 'Text.\n');
    const here = (() => {
      try {
        validateFolder(broken);
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected validateFolder to throw');
    })();
    const pool = new ValidationPool({ threads: 1 });
    try {
      await expect(pool.validate(broken)).rejects.toThrow(here.message);
      expect((await pool.validate(DIRS[0])).plan).toBeDefined();
    } finally {
      await pool.close();
    }
  });

  it.each([
    ['throws', /stopped while validating .*seed.*: the thread broke down/],
    ['exits', /stopped while validating .*seed.*: it exited with code 3/],
  ])(
    'a thread that %s becomes a ValidationThreadError naming the document, for every task after it',
    async (file, message) => {
      const seed = path.join(temp, 'seed');
      const pool = new ValidationPool({ threads: 1, workerFile: path.join(THREADS, `${file}.ts`) });
      try {
        const error = await pool.validate(seed).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationThreadError);
        expect((error as ValidationThreadError).code).toBe('INTERNAL');
        expect((error as Error).message).toMatch(message);
        await expect(pool.validate(DIRS[0])).rejects.toBe(error);
      } finally {
        await pool.close();
      }
    },
  );

  it('close() ends the threads and rejects what they had not answered', async () => {
    const pool = new ValidationPool({ threads: 2 });
    const pending = DIRS.map((dir) => pool.validate(dir).catch((e: unknown) => e));
    await pool.close();
    const outcomes = await Promise.all(pending);
    expect(outcomes.filter((o) => o instanceof Error).length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      if (outcome instanceof Error) expect(outcome.message).toBe('the validation pool was closed');
    }
    await expect(pool.validate(DIRS[0])).rejects.toThrow('the validation pool is closed');
  });

  it('a process that never closes its pool still ends by itself, a thread that got no work too', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(THREADS, 'unclosed-pool.ts'), DIRS[0]],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.error).toBeUndefined();
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: '1 of 1 valid\n' });
  });
});
