import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { TestService, startTestService } from '../support/service';

/**
 * A subgraph's edge evidence is cut in the Cypher (neighborhood, overview for `graph`, path): each edge
 * sends the first $evidenceFirst of its places — the largest `first` the request asks (src/api/selection.ts)
 * — counts all of them, and `sentences` holds the sentences of the places sent only.
 *
 * Written here: eight documents telling the same short story (tests/unit/fixtures/valid), so that each of
 * its facts has eight reports, one per document, and each document has stances of its own; loaded in
 * reverse id order, so that the order of the places is the query's (document id, then place in the text),
 * not the order of loading.
 */
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const IDS = Array.from({ length: 8 }, (_, i) => `edge-evidence-${i + 1}`);

let svc: TestService;
let dir: string;

beforeAll(async () => {
  svc = await startTestService();
  dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-edge-evidence-'));
  const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
  const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
  const folders = [...IDS].reverse().map((id) => {
    const folder = path.join(dir, id);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'article.txt'), article);
    writeFileSync(path.join(folder, 'graph.yaml'), annotation.replace('id: valid', `id: ${id}`));
    return folder;
  });
  for (const folder of folders) await loadDocuments(svc.db, [folder], () => {});
}, 300_000);
afterAll(async () => {
  await svc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Place {
  start: number;
  sentenceId: string;
  document: { id: string };
}
interface Edge {
  type: string;
  from: { id: string };
  to: { id: string };
  evidenceCount: number;
  evidence?: Place[];
  all?: Place[];
}
type Subgraph = { sentences?: { id: string }[]; edges: Edge[] };

async function ask<K extends string>(field: K, query: string): Promise<Subgraph> {
  svc.sent.length = 0;
  const { status, body } = await svc.gql<Record<K, Subgraph>>(query);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data![field];
}

/** The $evidenceFirst each subgraph query was sent with, in order. */
const evidenceFirstSent = () =>
  svc.sent
    .filter(({ query }) => ['neighborhood', 'overview', 'path'].includes(query.name))
    .map(({ query }) => Number(query.params?.evidenceFirst));

const docs = (places: Place[] | undefined) => (places ?? []).map((p) => p.document.id);
const quoted = (g: Subgraph) => new Set(g.edges.flatMap((e) => (e.evidence ?? []).map((p) => p.sentenceId)));
const PLACE = 'start sentenceId document { id }';

describe('a fact reported by eight documents', () => {
  it('neighborhood: the first `first` places in document-id order, all of them counted, their sentences only', async () => {
    const g = await ask(
      'neighborhood',
      `{ neighborhood(of: "westmark-navy", depth: 1) { sentences { id }
         edges { type from { id } to { id } evidenceCount evidence(first: 3) { ${PLACE} } } } }`,
    );
    expect(evidenceFirstSent()).toEqual([3]);
    const facts = g.edges.filter((e) => e.type === 'PART_OF' || e.type === 'CARRIED_OUT');
    expect(facts).toHaveLength(2);
    for (const edge of facts) {
      expect(edge.evidenceCount).toBe(8);
      expect(docs(edge.evidence)).toEqual(IDS.slice(0, 3));
    }
    // Every edge here is a fact quoting one sentence of each document: three documents' sentences, not eight.
    expect(g.edges.every((e) => e.evidence!.length <= 3)).toBe(true);
    const ids = g.sentences!.map((s) => s.id);
    expect(new Set(ids)).toEqual(quoted(g));
    expect(ids).toHaveLength(3);
  });

  it('asked for its count alone: no evidence read (0 sent), the same counts', async () => {
    const g = await ask(
      'neighborhood',
      '{ neighborhood(of: "westmark-navy", depth: 1) { edges { type evidenceCount } } }',
    );
    expect(evidenceFirstSent()).toEqual([0]);
    expect(
      g.edges.filter((e) => e.type === 'PART_OF' || e.type === 'CARRIED_OUT').map((e) => e.evidenceCount),
    ).toEqual([8, 8]);
  });

  it('sentences asked without evidence: those the default evidence (5) quotes', async () => {
    const g = await ask(
      'neighborhood',
      '{ neighborhood(of: "westmark-navy", depth: 1) { sentences { id } } }',
    );
    expect(evidenceFirstSent()).toEqual([5]);
    const withEvidence = await ask(
      'neighborhood',
      `{ neighborhood(of: "westmark-navy", depth: 1) { edges { type evidenceCount evidence { ${PLACE} } } } }`,
    );
    expect(new Set(g.sentences!.map((s) => s.id))).toEqual(quoted(withEvidence));
    expect(g.sentences).toHaveLength(5);
  });

  it('graph (scoped to the eight): aliases asking different values each get theirs; the query reads the largest', async () => {
    const g = await ask(
      'graph',
      `{ graph(first: 10, documents: ${JSON.stringify(IDS)}) { sentences { id } edges { type from { id } to { id } evidenceCount
         evidence(first: 2) { ${PLACE} } all: evidence(first: 100) { ${PLACE} } } } }`,
    );
    expect(evidenceFirstSent()).toEqual([100]);
    const partOf = g.edges.find((e) => e.type === 'PART_OF' && e.from.id === 'westmark-navy')!;
    expect(partOf.evidenceCount).toBe(8);
    expect(docs(partOf.evidence)).toEqual(IDS.slice(0, 2));
    expect(docs(partOf.all)).toEqual(IDS);
    for (const edge of g.edges) expect(edge.all).toHaveLength(edge.evidenceCount);
  });

  it('path: the same cut and count; its sentences are the places sent', async () => {
    const g = await ask(
      'path',
      `{ path(from: "ida-lund", to: "westmark", maxHops: 1) { sentences { id }
         edges { type evidenceCount evidence(first: 1) { ${PLACE} } } } }`,
    );
    expect(evidenceFirstSent()).toEqual([1]);
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0]).toMatchObject({ type: 'LEADS', evidenceCount: 8 });
    expect(docs(g.edges[0].evidence)).toEqual([IDS[0]]);
    expect(g.sentences!.map((s) => s.id)).toEqual([g.edges[0].evidence![0].sentenceId]);
    const none = await ask(
      'path',
      '{ path(from: "ida-lund", to: "westmark", maxHops: 1) { edges { evidenceCount } } }',
    );
    expect(evidenceFirstSent()).toEqual([0]);
    expect(none.edges).toEqual([{ evidenceCount: 8 }]);
  });
});

describe('a stance quoted in two places', () => {
  it('evidence(first: 1) sends the earlier place; evidenceCount says two', async () => {
    const g = await ask(
      'neighborhood',
      `{ neighborhood(of: "eastvale", depth: 1) { sentences { id }
         edges { type from { id } evidenceCount one: evidence(first: 1) { ${PLACE} } both: evidence(first: 2) { ${PLACE} } } } }`,
    );
    expect(evidenceFirstSent()).toEqual([2]);
    const rejects = g.edges.filter((e) => e.type === 'REJECTS');
    expect(rejects).toHaveLength(IDS.length);
    for (const edge of rejects as (Edge & { one: Place[]; both: Place[] })[]) {
      expect(edge.evidenceCount).toBe(2);
      expect(edge.both).toHaveLength(2);
      expect(edge.both[0].start).toBeLessThan(edge.both[1].start);
      expect(edge.one).toEqual([edge.both[0]]);
    }
  });
});
