import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { ExportIntegrityError, ExportTargetError, exportCorpus } from '../../src/ingest/export';
import { loadDocuments } from '../../src/ingest/folders';
import { operation } from '../../src/operations';
import { graphChecksum } from '../../testkit/checksum';
import { clearGraph } from '../support/harness';
import { postJson } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * The export is the logical backup: the seed corpus (loaded from files) and a document that only ever
 * arrived through the loadDocument mutation are written out, the graph is cleared, the folder is loaded
 * with the ordinary loader, and the graph checksum is the same as before.
 */

const WRITE = 'test-write-token-export-0123456789';
const SEED = path.join(REPO_ROOT, 'corpus', 'trump-putin-call-energy-ceasefire');
// Sorts after the seed: until loads are independent of order (issue 14, wt-14a) the reload, which goes in
// folder order, must write the documents in the order they were first loaded.
const SENT = path.join(REPO_ROOT, 'tests', 'unit', 'fixtures', 'valid');
const read = (dir: string, file: string) => readFileSync(path.join(dir, file));

let svc: TestService;
let dir: string;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
  const answer = await postJson(
    `${svc.url}/graphql`,
    {
      query: operation('load-document'),
      variables: {
        article: read(SENT, 'article.txt').toString('utf8'),
        annotation: read(SENT, 'graph.yaml').toString('utf8'),
      },
    },
    { authorization: `Bearer ${WRITE}` },
  );
  expect(answer.body.errors).toBeUndefined();
});
afterAll(async () => svc?.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run export', () => {
  it('writes every stored document back byte for byte, and the registry', async () => {
    const lines: string[] = [];
    const summary = await exportCorpus(svc.db, dir, { log: (line) => lines.push(line), pageSize: 1 });
    expect(summary).toMatchObject({ documents: 2 });
    expect(readdirSync(dir).sort()).toEqual(['entities.yaml', 'trump-putin-call-energy-ceasefire', 'valid']);
    for (const [id, source] of [
      ['trump-putin-call-energy-ceasefire', SEED],
      ['valid', SENT],
    ]) {
      expect(read(path.join(dir, id), 'article.txt').equals(read(source, 'article.txt'))).toBe(true);
      expect(read(path.join(dir, id), 'graph.yaml').equals(read(source, 'graph.yaml'))).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'entities.yaml'), 'utf8')).toMatch(/^entities:/m);
    expect(lines).toEqual(expect.arrayContaining(['[1/2] trump-putin-call-energy-ceasefire', '[2/2] valid']));
  });

  it('loading the export into an empty database gives the same graph checksum', async () => {
    const before = await graphChecksum(svc.db);
    await exportCorpus(svc.db, dir);
    await clearGraph(svc.db);
    expect((await graphChecksum(svc.db)).nodes).toBe(0);
    await loadDocuments(svc.db, [dir], () => {});
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('refuses a folder that is not empty, and writes over it with force', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    await expect(exportCorpus(svc.db, dir)).rejects.toThrow(ExportTargetError);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    await exportCorpus(svc.db, dir, { force: true });
    expect(readdirSync(dir).sort()).toEqual([
      'entities.yaml',
      'notes.txt',
      'trump-putin-call-energy-ceasefire',
      'valid',
    ]);
  });

  it('fails loudly when a stored text no longer matches its sha256, or a document kept no annotation', async () => {
    const before = await graphChecksum(svc.db);
    const tamper = (text: string) =>
      svc.db.write('test/tamper', (tx) => tx.run({ name: 'test/tamper', text, params: { id: 'valid' } }));
    try {
      await tamper("MATCH (d:Document {id: $id}) SET d.text = d.text + ' '");
      await expect(exportCorpus(svc.db, dir)).rejects.toThrow(/valid: the stored text's sha256/);
      await tamper('MATCH (d:Document {id: $id}) REMOVE d.annotation');
      const other = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-export-'));
      try {
        const refused = exportCorpus(svc.db, other);
        await expect(refused).rejects.toThrow(ExportIntegrityError);
        await expect(refused).rejects.toThrow(/loaded before documents kept their annotation.*: valid\b/);
        expect(readdirSync(other)).toEqual([]);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    } finally {
      await clearGraph(svc.db);
      await loadDocuments(svc.db, [path.dirname(SEED), SENT], () => {});
    }
    expect(await graphChecksum(svc.db)).toEqual(before);
  });
});
