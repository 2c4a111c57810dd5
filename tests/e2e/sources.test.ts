import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { TestService, startTestService } from '../support/service';

/**
 * Answers per source and over time (docs/corpus.md), through GraphQL over a real Neo4j, on four invented test
 * texts (tests/e2e/fixtures/sources/README.md): Mira Holt supports the canal accord on 2025-06-02, calls for
 * it (stated 2025-06-04, reported 2025-06-05), and on 2025-06-16 one report has her reject it while another has
 * her praise it. Two of the reports (A, C) state that the accord is ABOUT Lund.
 */
const SOURCES = path.join(__dirname, 'fixtures', 'sources');
const [A, B, C, D] = ['sources-a-june-02', 'sources-b-june-05', 'sources-c-june-16', 'sources-d-june-16'];

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
  const folders = readdirSync(SOURCES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(SOURCES, e.name));
  await loadDocuments(svc.db, folders, () => {});
  svc.stores.cache.clear();
});
afterAll(async () => svc?.close());

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { status, body } = await svc.gql<T>(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data as T;
}

async function refused(query: string) {
  const { body } = await svc.gql(query);
  expect(body.errors).toHaveLength(1);
  return body.errors![0];
}

type StanceRow = { kind: string; document: { id: string }; reportedOn: string; statedOn: string };

describe('each stance says which document reports it and when', () => {
  it('document, reportedOn (publishedAt) and statedOn (its own date, else reportedOn)', async () => {
    const data = await ok<{
      stances: { edges: { node: StanceRow & { dateInferred: boolean | null; method: string } }[] };
    }>(
      '{ stances(actor: "Mira Holt", target: "canal accord") { edges { node { kind document { id publishedAt } reportedOn statedOn dateInferred method confidence } } } }',
    );
    const stances = data.stances.edges.map((e) => e.node);
    const byKind = Object.fromEntries(stances.map((s) => [s.kind, s]));
    expect(byKind.CALLS_FOR).toMatchObject({
      document: { id: B, publishedAt: '2025-06-05' },
      reportedOn: '2025-06-05',
      statedOn: '2025-06-04',
    });
    expect(byKind.SUPPORTS).toMatchObject({
      document: { id: A },
      reportedOn: '2025-06-02',
      statedOn: '2025-06-02',
    });
    expect(stances).toHaveLength(4);
  });
});

describe('scope: documents, from, to', () => {
  const kindsOf = async (args: string) =>
    (
      await ok<{ stances: { edges: { node: StanceRow }[] } }>(
        `{ stances(actor: "mira-holt", target: "canal-accord"${args}) { edges { node { kind document { id } } } } }`,
      )
    ).stances.edges
      .map((e) => e.node.kind)
      .sort();

  it('documents: only the stances those documents report', async () => {
    expect(await kindsOf(`, documents: ["${C}"]`)).toEqual(['REJECTS']);
    expect(await kindsOf(`, documents: ["${A}", "${D}"]`)).toEqual(['PRAISES', 'SUPPORTS']);
  });

  it('from / to: only what documents published in the window report (inclusive)', async () => {
    expect(await kindsOf(', from: "2025-06-05", to: "2025-06-16"')).toEqual([
      'CALLS_FOR',
      'PRAISES',
      'REJECTS',
    ]);
    expect(await kindsOf(', to: "2025-06-05"')).toEqual(['CALLS_FOR', 'SUPPORTS']);
    expect(await kindsOf(', from: "2025-06-03", to: "2025-06-04"')).toEqual([]);
    // The window is the publication date, not the date a stance was stated (B: stated 06-04, published 06-05).
    expect(await kindsOf(', from: "2025-06-04", to: "2025-06-04"')).toEqual([]);
    // Both together: the documents asked for, published in the window.
    expect(await kindsOf(`, documents: ["${A}", "${C}"], from: "2025-06-10"`)).toEqual(['REJECTS']);
  });

  it('supporters and opponents take the scope', async () => {
    const data = await ok<{ supporters: StanceRow[]; opponents: StanceRow[] }>(
      `{ supporters(of: "canal accord", from: "2025-06-16") { kind } opponents(of: "canal accord", documents: ["${A}"]) { kind } }`,
    );
    expect(data.supporters.map((s) => s.kind)).toEqual(['PRAISES']);
    expect(data.opponents).toEqual([]);
  });

  it('a fact counts when one of its evidence entries is in scope, with its evidence narrowed to those', async () => {
    type Fact = { type: string; evidence: { document: { id: string } }[] };
    const q = async (args: string) =>
      (
        await ok<{ relations: { edges: { node: Fact }[] } }>(
          `{ relations(of: "lund"${args}) { edges { node { type evidence { document { id } } } } } }`,
        )
      ).relations.edges.map((e) => e.node);
    const all = await q('');
    expect(all).toHaveLength(1);
    expect(all[0].evidence.map((e) => e.document.id).sort()).toEqual([A, C]);
    const late = await q(', from: "2025-06-10"');
    expect(late[0].evidence.map((e) => e.document.id)).toEqual([C]);
    expect(await q(`, documents: ["${B}", "${D}"]`)).toEqual([]);
  });

  it('Entity.stances and Entity.relations take it too, each field with its own scope', async () => {
    const data = await ok<{
      entity: { early: StanceRow[]; late: StanceRow[]; all: StanceRow[]; relations: { type: string }[] };
    }>(
      `{ entity(id: "canal-accord") { all: stances { kind } early: stances(to: "2025-06-05") { kind } late: stances(role: TARGET, from: "2025-06-16") { kind } relations(documents: ["${B}"]) { type } } }`,
    );
    expect(data.entity.all).toHaveLength(4);
    expect(data.entity.early.map((s) => s.kind).sort()).toEqual(['CALLS_FOR', 'SUPPORTS']);
    expect(data.entity.late.map((s) => s.kind).sort()).toEqual(['PRAISES', 'REJECTS']);
    expect(data.entity.relations).toEqual([]);
  });

  it('subgraphs follow only the stances and facts in scope', async () => {
    const data = await ok<{
      neighborhood: { nodes: { id: string }[]; edges: { type: string }[] };
      path: { nodes: { id: string }[] };
      none: { nodes: { id: string }[] };
      graph: { nodes: { id: string }[]; edges: { type: string }[] };
    }>(
      `{ neighborhood(of: "mira-holt", depth: 2, documents: ["${D}"]) { nodes { id } edges { type } }
         path(from: "mira-holt", to: "lund", reportedFrom: "2025-06-16") { nodes { id } }
         none: path(from: "mira-holt", to: "lund", documents: ["${B}"]) { nodes { id } }
         graph(documents: ["${C}"]) { nodes { id } edges { type } } }`,
    );
    expect(data.neighborhood.nodes.map((n) => n.id).sort()).toEqual(['canal-accord', 'mira-holt']);
    expect(data.neighborhood.edges.map((e) => e.type)).toEqual(['PRAISES']);
    expect(data.path.nodes.map((n) => n.id)).toEqual(['mira-holt', 'canal-accord', 'lund']);
    expect(data.none.nodes).toEqual([]);
    expect(data.graph.nodes.map((n) => n.id).sort()).toEqual(['canal-accord', 'lund', 'mira-holt']);
    expect(data.graph.edges.map((e) => e.type).sort()).toEqual(['ABOUT', 'REJECTS']);
  });

  it('unknown documents and from after to are BAD_USER_INPUT, naming what is wrong', async () => {
    const unknown = await refused(
      `{ stances(documents: ["${A}", "no-such-doc", "nor-this"]) { edges { node { id } } } }`,
    );
    expect(unknown.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'documents',
      unknown: ['no-such-doc', 'nor-this'],
    });
    expect(unknown.message).toContain('"no-such-doc", "nor-this"');
    const window = await refused(
      '{ counts(groupBy: DOCUMENT, from: "2025-06-16", to: "2025-06-02") { groups { key } } }',
    );
    expect(window.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect((await refused('{ stances(from: "2025-02-30") { edges { node { id } } } }')).message).toMatch(
      /Date/,
    );
  });
});

describe('stanceHistory', () => {
  type Entry = {
    statedOn: string;
    changed: boolean;
    previousPolarity: string | null;
    stance: { kind: string; polarity: string; document: { id: string }; evidence: { quote: string }[] };
  };

  it('the stances of an actor on a target by statedOn (then reportedOn, document id), marking changes', async () => {
    const { stanceHistory } = await ok<{ stanceHistory: Entry[] }>(
      '{ stanceHistory(actor: "Mira Holt", target: "Canal accord") { statedOn changed previousPolarity stance { kind polarity document { id } evidence { quote } } } }',
    );
    expect(
      stanceHistory.map((e) => [
        e.statedOn,
        e.stance.document.id,
        e.stance.kind,
        e.changed,
        e.previousPolarity,
      ]),
    ).toEqual([
      ['2025-06-02', A, 'SUPPORTS', false, null],
      ['2025-06-04', B, 'CALLS_FOR', false, 'SUPPORT'],
      ['2025-06-16', C, 'REJECTS', true, 'SUPPORT'],
      ['2025-06-16', D, 'PRAISES', true, 'OPPOSE'],
    ]);
    expect(stanceHistory[2].stance.evidence).toEqual([{ quote: 'Mira Holt rejected the canal accord' }]);
  });

  it('takes the scope', async () => {
    const { stanceHistory } = await ok<{ stanceHistory: Entry[] }>(
      `{ stanceHistory(actor: "mira-holt", target: "canal-accord", documents: ["${A}", "${C}"]) { changed stance { kind } } }`,
    );
    expect(stanceHistory.map((e) => [e.stance.kind, e.changed])).toEqual([
      ['SUPPORTS', false],
      ['REJECTS', true],
    ]);
  });
});

describe('stanceMatrix: which reports disagree', () => {
  type Cell = {
    polarity: string;
    sourcesDisagree: boolean;
    sources: { document: { id: string }; polarity: string; stanceCount: number }[];
  };
  const cell = async (args: string) =>
    (
      await ok<{ stanceMatrix: { cells: Cell[] } }>(
        `{ stanceMatrix(actors: ["mira-holt"], targets: ["canal-accord"]${args}) { cells { polarity sourcesDisagree sources { document { id } polarity stanceCount } } } }`,
      )
    ).stanceMatrix.cells;

  it('CONFLICTING, with the documents and the polarity each reports', async () => {
    const [all] = await cell('');
    expect(all.polarity).toBe('CONFLICTING');
    expect(all.sourcesDisagree).toBe(true);
    expect(all.sources.map((s) => [s.document.id, s.polarity, s.stanceCount]).sort()).toEqual([
      [A, 'SUPPORT', 1],
      [B, 'SUPPORT', 1],
      [C, 'OPPOSE', 1],
      [D, 'SUPPORT', 1],
    ]);
  });

  it('the two reports of the same day disagree; the earlier ones agree', async () => {
    const [sameDay] = await cell(', from: "2025-06-16", to: "2025-06-16"');
    expect(sameDay).toMatchObject({ polarity: 'CONFLICTING', sourcesDisagree: true });
    expect(sameDay.sources.map((s) => s.document.id).sort()).toEqual([C, D]);
    const [early] = await cell(', to: "2025-06-10"');
    expect(early).toMatchObject({ polarity: 'SUPPORT', sourcesDisagree: false });
    expect(await cell(`, documents: ["${C}"]`)).toMatchObject([
      { polarity: 'OPPOSE', sourcesDisagree: false },
    ]);
  });
});

describe('counts by DOCUMENT and by DATE', () => {
  type Count = { key: string; label: string | null; count: number };
  const counts = async (args: string) =>
    (await ok<{ counts: { groups: Count[] } }>(`{ counts(${args}) { groups { key label count } } }`)).counts
      .groups;

  it('DOCUMENT: stances per reporting document, in scope', async () => {
    expect(await counts('groupBy: DOCUMENT, from: "2025-06-01"')).toEqual([
      { key: A, label: 'Holt backs the canal accord', count: 1 },
      { key: B, label: 'Holt wants the canal accord signed', count: 1 },
      { key: C, label: 'Holt turns against the canal accord', count: 1 },
      { key: D, label: 'Holt praises the canal accord, says spokesman', count: 1 },
    ]);
  });

  it('DATE: per day, ISO week (from Monday) or month of statedOn, in date order', async () => {
    expect(await counts('groupBy: DATE, from: "2025-06-01"')).toEqual([
      { key: '2025-06-02', label: null, count: 1 },
      { key: '2025-06-04', label: null, count: 1 },
      { key: '2025-06-16', label: null, count: 2 },
    ]);
    expect(await counts('groupBy: DATE, bucket: WEEK, from: "2025-06-01"')).toEqual([
      { key: '2025-06-02', label: '2025-W23', count: 2 },
      { key: '2025-06-16', label: '2025-W25', count: 2 },
    ]);
    expect(await counts(`groupBy: DATE, bucket: MONTH, documents: ["${B}", "${C}"]`)).toEqual([
      { key: '2025-06-01', label: '2025-06', count: 2 },
    ]);
  });

  it('the other groupings take the scope too', async () => {
    expect(await counts(`groupBy: POLARITY, documents: ["${C}", "${D}"]`)).toEqual([
      { key: 'OPPOSE', label: null, count: 1 },
      { key: 'SUPPORT', label: null, count: 1 },
    ]);
    expect(await counts('groupBy: RELATION_TYPE, from: "2025-06-01"')).toEqual([
      { key: 'ABOUT', label: null, count: 1 },
    ]);
  });
});

describe('no scope, no change; a scope costs no round trip of its own', () => {
  it('a window is one round trip, as the unscoped query; documents add one check of the ids', async () => {
    const query = '{ stanceMatrix(from: "2025-06-01") { cells { polarity } } }';
    await svc.gql(query);
    svc.sent.length = 0;
    await ok(query);
    expect(svc.sent.map((s) => s.query.name)).toEqual(['stance-matrix']);
    svc.sent.length = 0;
    await ok(`{ stanceMatrix(documents: ["${A}"]) { cells { polarity sources { document { id } } } } }`);
    // The check of the ids is also the lookup of the cells' documents: no third trip.
    expect(svc.sent.map((s) => s.query.name)).toEqual(['documents-by-ids', 'stance-matrix']);
  });
});
