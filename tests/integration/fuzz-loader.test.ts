import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { Database } from '../../src/db/database';
import { graphChecksum } from '../../testkit/checksum';
import { DOC_ID, SEED, articleBytes, mutate, prng, validateMutation } from '../support/annotation-fuzz';
import { testDatabase } from '../support/harness';

/**
 * What the validator refuses (tests/unit/fuzz.test.ts, without a database), the loader must refuse too,
 * writing nothing: random invalid mutations of the seed annotation through the CLI loader.
 */

/** Enough mutations to find twenty invalid ones of many kinds (most of them are invalid). */
const MUTATIONS = 500;

function invalidMutations(): { annotation: string; codes: string[] }[] {
  const random = prng(SEED);
  const invalid: { annotation: string; codes: string[] }[] = [];
  for (let n = 0; n < MUTATIONS; n++) {
    const { annotation } = mutate(random);
    const { problems } = validateMutation(annotation);
    if (problems.length) invalid.push({ annotation, codes: [...new Set(problems.map((p) => p.code))] });
  }
  return invalid;
}

describe('invalid mutations through the CLI loader (loadDocuments) against the database', () => {
  let db: Database;
  let dir: string;
  beforeAll(() => {
    db = testDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-fuzz-'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses 20 of them, each naming its problems, and leaves the graph unchanged', async () => {
    // Twenty cases with different first problems, so the sample covers many kinds of error.
    const invalid = invalidMutations();
    const byCode = new Map<string, (typeof invalid)[number]>();
    for (const c of invalid) if (!byCode.has(c.codes.join())) byCode.set(c.codes.join(), c);
    const sample = [...byCode.values(), ...invalid].slice(0, 20);
    expect(sample).toHaveLength(20);
    const before = await graphChecksum(db);
    const folder = path.join(dir, DOC_ID);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'article.txt'), articleBytes);
    // validateAll prints each problem on stderr, as the CLI should; the test does not need to see them.
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const c of sample) {
        writeFileSync(path.join(folder, 'graph.yaml'), c.annotation);
        await expect(loadDocuments(db, [folder], () => {})).rejects.toThrow(/nothing was loaded/);
      }
    } finally {
      quiet.mockRestore();
    }
    expect(await graphChecksum(db)).toEqual(before);
  }, 120_000);
});
