import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Database } from '../../src/db/database';
import { validateFolder } from '../../src/ingest/corpus';
import { InvalidDocumentsError, loadDocuments } from '../../src/ingest/folders';
import { DocumentLoad } from '../../src/ingest/loader';
import { formatProblem } from '../../src/ingest/source';
import { streamDocuments } from '../../src/ingest/stream';
import { ValidationPool, ValidationThreadError } from '../../src/ingest/validation-pool';
import { graphChecksum } from '../../testkit/checksum';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The ingest pipeline (src/ingest/stream.ts): validation on worker threads while the transaction before is
 * in flight must store what the corpus load stores, commit in the same order, and refuse a bad document
 * as validation refuses it.
 */

const TOYS = path.join(__dirname, 'fixtures/ingest');
const MALFORMED = path.join(REPO_ROOT, 'tests/unit/fixtures/multiple-errors');
const THROWS = path.join(REPO_ROOT, 'tests/unit/fixtures/validation-threads/throws.ts');
const quiet = () => {};

// Each test loads a corpus several times over: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

let db: Database;
let synthetic: string[];
let temp: string;

beforeAll(() => {
  db = testDatabase();
  temp = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-stream-'));
  synthetic = generateCorpus({ documents: 10, out: temp, seed: 5 });
});
afterAll(async () => {
  await db.close();
  rmSync(temp, { recursive: true, force: true });
});

const storedIds = async () =>
  (
    await db.read<{ id: string }>({
      name: 'test/docs',
      text: 'MATCH (d:Document) RETURN d.id AS id ORDER BY id',
    })
  ).map((r) => r.id);

describe('streamDocuments', () => {
  const all = () =>
    [
      path.join(REPO_ROOT, 'corpus/trump-putin-call-energy-ceasefire'),
      path.join(TOYS, 'toy-fishing-truce'),
      path.join(TOYS, 'toy-port-grey-meeting'),
      ...synthetic,
    ].sort();

  it('stores what the corpus load stores, in the same transactions, committed in the order given', async () => {
    await clearGraph(db);
    const groups: string[][] = [];
    const corpus = await loadDocuments(db, all(), quiet, {
      rowsPerTransaction: 400,
      threads: 0,
      onCommitted: (documents) => groups.push(documents.map((d) => d.docId)),
    });
    const expected = await graphChecksum(db);
    expect(corpus.transactions).toBeGreaterThan(3);
    for (const threads of [2, 0]) {
      await clearGraph(db);
      const committed: DocumentLoad[][] = [];
      const stream = await streamDocuments(db, all(), {
        rowsPerTransaction: 400,
        threads,
        ahead: 3,
        report: quiet,
        onCommitted: (documents) => committed.push(documents),
      });
      expect(stream.threads).toBe(threads);
      expect(await graphChecksum(db)).toEqual(expected);
      expect(committed.map((docs) => docs.map((d) => d.docId))).toEqual(groups);
      expect(committed.flat().map((d) => d.docId)).toEqual(corpus.documents.map((d) => d.docId));
      expect(stream.transactions).toBe(corpus.transactions);
      // (Nodes and properties differ: the corpus load writes the registry's entities before the documents.)
      expect(stream.counters.relationshipsCreated).toBe(corpus.counters.relationshipsCreated);
    }
  });

  it('a bad document in the middle: those before it stored, its problems reported, nothing of it or after it', async () => {
    const before = synthetic.slice(0, 3);
    const dirs = [...before, MALFORMED, ...synthetic.slice(3, 6)];
    await clearGraph(db);
    await loadDocuments(db, before, quiet, { threads: 0, rowsPerTransaction: 1_000 });
    const expected = await graphChecksum(db);
    const expectedLines = [...before, MALFORMED].flatMap((dir) =>
      validateFolder(dir).problems.map(formatProblem),
    );

    for (const threads of [2, 0]) {
      await clearGraph(db);
      const lines: string[] = [];
      const error = await streamDocuments(db, dirs, {
        threads,
        rowsPerTransaction: 1_000,
        report: (line) => lines.push(line),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidDocumentsError);
      expect((error as Error).message).toMatch(
        /^4 problem\(s\) in .*multiple-errors; the 3 document\(s\) before it were loaded, none after it$/,
      );
      expect(lines).toEqual(expectedLines);
      expect(await graphChecksum(db)).toEqual(expected);
    }
  });

  it('a validation thread that stops ends the stream with its error, nothing half-written', async () => {
    await clearGraph(db);
    const pool = new ValidationPool({ threads: 1, workerFile: THROWS });
    try {
      const error = await streamDocuments(db, synthetic, { pool, report: quiet }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationThreadError);
      expect((error as Error).message).toMatch(
        /validation thread 1 of 1 stopped while validating .*: the thread broke down/,
      );
      expect(await storedIds()).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('loadDocuments on validation threads', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('refuses a corpus with a bad document in the middle as in one thread: the same error and lines, nothing loaded', async () => {
    const dirs = [...synthetic.slice(0, 3), MALFORMED, ...synthetic.slice(3, 6)];
    const outcomes = [];
    for (const threads of [0, 2]) {
      await clearGraph(db);
      stderr.mockClear();
      const error = await loadDocuments(db, dirs, quiet, { threads }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidDocumentsError);
      expect(await storedIds()).toEqual([]);
      outcomes.push({
        message: (error as Error).message,
        printed: stderr.mock.calls.map(([c]) => String(c)),
      });
    }
    expect(outcomes[0].message).toBe('4 problem(s) in 1 of 7 document(s); nothing was loaded');
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('loads a valid corpus on threads as in one thread', async () => {
    await clearGraph(db);
    const one = await loadDocuments(db, synthetic, quiet, { threads: 0 });
    const expected = await graphChecksum(db);
    await clearGraph(db);
    const two = await loadDocuments(db, synthetic, quiet, { threads: 2 });
    expect(await graphChecksum(db)).toEqual(expected);
    expect(two.documents.map((d) => d.docId)).toEqual(one.documents.map((d) => d.docId));
  });
});
