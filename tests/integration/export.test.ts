import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { ExportIntegrityError, ExportTargetError, exportCorpus } from '../../src/ingest/export';
import { loadDocuments, validateAll } from '../../src/ingest/folders';
import { loadPlans } from '../../src/ingest/loader';
import { operation } from '../../src/operations';
import { documentChecksum, graphChecksum } from '../../testkit/checksum';
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
// Hand-written, drafted and reviewed items (method, confidence) side by side: they must survive the export.
const DRAFTED = path.join(REPO_ROOT, 'tests', 'fixtures', 'drafted-harbour-levy');
const read = (dir: string, file: string) => readFileSync(path.join(dir, file));

let svc: TestService;
let dir: string;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
  for (const dir of [SENT, DRAFTED]) {
    const answer = await postJson(
      `${svc.url}/graphql`,
      {
        query: operation('load-document'),
        variables: {
          article: read(dir, 'article.txt').toString('utf8'),
          annotation: read(dir, 'graph.yaml').toString('utf8'),
        },
      },
      { authorization: `Bearer ${WRITE}` },
    );
    expect(answer.body.errors).toBeUndefined();
  }
});

/** How each item of the drafted document was made, as stored: claims, their STANCE edges, DESCRIBES, facts. */
async function storedMethods() {
  const [row] = await svc.db.read({
    name: 'test/stored-methods',
    text: `
      MATCH (d:Document {id: 'drafted-harbour-levy'})
      RETURN
        COLLECT { MATCH (c:Claim {docId: d.id})
                  RETURN [c.id, c.method, c.confidence] AS x ORDER BY x[0] } AS claims,
        COLLECT { MATCH (:Entity)-[s:STANCE {docId: d.id}]->(:Entity)
                  RETURN [s.claimId, s.method, s.confidence] AS x ORDER BY x[0] } AS stances,
        COLLECT { MATCH (d)-[x:DESCRIBES]->(e:Entity)
                  RETURN [e.id, x.method, x.confidence] AS x ORDER BY x[0] } AS entities,
        COLLECT { MATCH (a:Entity)-[r:LEADS]->(b:Entity) WHERE d.id IN r.docIds
                  RETURN [a.id, r.method, r.confidence, r.reportMethods, r.reportConfidences] AS x
                  ORDER BY x[0] } AS facts`,
    params: {},
  });
  return row;
}
afterAll(async () => svc?.close());
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run export', () => {
  it('writes every stored document back byte for byte, and the registry', async () => {
    const lines: string[] = [];
    const summary = await exportCorpus(svc.db, dir, { log: (line) => lines.push(line), pageSize: 1 });
    expect(summary).toMatchObject({ documents: 3 });
    expect(readdirSync(dir).sort()).toEqual([
      'drafted-harbour-levy',
      'entities.yaml',
      'trump-putin-call-energy-ceasefire',
      'valid',
    ]);
    for (const [id, source] of [
      ['drafted-harbour-levy', DRAFTED],
      ['trump-putin-call-energy-ceasefire', SEED],
      ['valid', SENT],
    ]) {
      expect(read(path.join(dir, id), 'article.txt').equals(read(source, 'article.txt'))).toBe(true);
      expect(read(path.join(dir, id), 'graph.yaml').equals(read(source, 'graph.yaml'))).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'entities.yaml'), 'utf8')).toMatch(/^entities:/m);
    expect(lines).toEqual(
      expect.arrayContaining([
        '[1/3] drafted-harbour-levy',
        '[2/3] trump-putin-call-energy-ceasefire',
        '[3/3] valid',
      ]),
    );
  });

  it('loading the export into an empty database gives the same graph checksum', async () => {
    const before = await graphChecksum(svc.db);
    await exportCorpus(svc.db, dir);
    await clearGraph(svc.db);
    expect((await graphChecksum(svc.db)).nodes).toBe(0);
    await loadDocuments(svc.db, [dir], () => {});
    expect(await graphChecksum(svc.db)).toEqual(before);
  });

  it('keeps how each item was made: a drafted or reviewed item stays so, with its confidence', async () => {
    const stored = await storedMethods();
    // As graph.yaml says: no method is hand (on DESCRIBES, stored only when not); a claim or fact without
    // confidence has 1, an entity none.
    expect(stored).toEqual({
      claims: [
        ['drafted-harbour-levy:aske-proposes-levy', 'hand', 1],
        ['drafted-harbour-levy:guild-rejects-levy', 'draft', 0.5],
        ['drafted-harbour-levy:varga-open-to-smaller-fee', 'reviewed', 0.9],
      ],
      stances: [
        ['drafted-harbour-levy:aske-proposes-levy', 'hand', 1],
        ['drafted-harbour-levy:guild-rejects-levy', 'draft', 0.5],
        ['drafted-harbour-levy:varga-open-to-smaller-fee', 'reviewed', 0.9],
      ],
      entities: [
        ['brenmoor-council', 'draft', 0.8],
        ['emil-varga', 'draft', 0.7],
        ['harbour-levy', null, null],
        ['shipping-guild', 'reviewed', null],
        ['smaller-fee', 'draft', 0.55],
        ['tove-aske', null, null],
      ],
      facts: [
        ['emil-varga', 'hand', 1, ['hand'], [1]],
        ['tove-aske', 'draft', 0.6, ['draft'], [0.6]],
      ],
    });
    await exportCorpus(svc.db, dir);
    await clearGraph(svc.db);
    await loadDocuments(svc.db, [dir], () => {});
    expect(await storedMethods()).toEqual(stored);
  });

  it.each([
    ['a STANCE edge’s method', "MATCH ()-[s:STANCE {docId: $id}]->() SET s.method = 'hand'"],
    ['a fact report’s method', "MATCH ()-[r:LEADS]->() WHERE $id IN r.docIds SET r.reportMethods = ['hand']"],
    ['an entity entry’s confidence', 'MATCH (:Document {id: $id})-[x:DESCRIBES]->() SET x.confidence = 0.1'],
  ])('the graph and document checksums see %s', async (_what, change) => {
    const id = 'drafted-harbour-levy';
    const [graph, own] = [await graphChecksum(svc.db), await documentChecksum(svc.db, id)];
    await svc.db.write('test/tamper', (tx) => tx.run({ name: 'test/tamper', text: change, params: { id } }));
    try {
      expect((await graphChecksum(svc.db)).sha256).not.toBe(graph.sha256);
      expect((await documentChecksum(svc.db, id)).sha256).not.toBe(own.sha256);
    } finally {
      // Written again from its annotation (the stored plan is unchanged, so only force rewrites it).
      await loadPlans(
        svc.db,
        validateAll([DRAFTED], () => {}),
        { force: true },
      );
    }
    expect(await graphChecksum(svc.db)).toEqual(graph);
  });

  it('refuses a folder that is not empty, and writes over it with force', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    await expect(exportCorpus(svc.db, dir)).rejects.toThrow(ExportTargetError);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    await exportCorpus(svc.db, dir, { force: true });
    expect(readdirSync(dir).sort()).toEqual([
      'drafted-harbour-levy',
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
      await loadDocuments(svc.db, [path.dirname(SEED), SENT, DRAFTED], () => {});
    }
    expect(await graphChecksum(svc.db)).toEqual(before);
  });
});
