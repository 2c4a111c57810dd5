import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/ingest/folders';
import { cypher } from '../../src/cypher';
import { Database } from '../../src/db/database';
import { scopeParams } from '../../src/graph/scope';
import { ServiceError } from '../../src/domain/errors';
import { documentChecksum, graphChecksum } from '../../testkit/checksum';
import { validateFolder } from '../../src/ingest/corpus';
import { loadPlan, loadPlans } from '../../src/ingest/loader';
import type { DocumentPlan } from '../../src/ingest/plan';
import { generateCorpus } from '../../testkit/synthetic';
import { formatProblem } from '../../src/ingest/source';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * Loading documents into the real Neo4j that jest's globalSetup started. Each describe block starts from an
 * empty graph: test files share the one database and run one after the other (--runInBand).
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const SEED_ID = 'trump-putin-call-energy-ceasefire';
const SEED_DIR = path.join(REPO_ROOT, 'corpus', SEED_ID);
const TOY_FIXTURES = path.join(__dirname, 'fixtures/ingest');
const DOC_A = 'toy-fishing-truce';
const DOC_B = 'toy-port-grey-meeting';
const MALFORMED = path.join(REPO_ROOT, 'tests/unit/fixtures/multiple-errors');

const quiet = () => {};

let db: Database;
const tempDirs: string[] = [];

beforeAll(() => {
  db = testDatabase();
});

afterAll(async () => {
  await db.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function read<T = Record<string, unknown>>(text: string, params: Record<string, unknown> = {}) {
  return (await db.read({ name: 'test/ingest', text, params })) as T[];
}

async function count(pattern: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await read<{ n: number }>(`RETURN COUNT { ${pattern} } AS n`, params);
  return row.n;
}

/** A fresh folder with copies of the toy documents, which the tests may then change. */
function tempCorpus(...docIds: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-ingest-'));
  tempDirs.push(dir);
  for (const id of docIds) cpSync(path.join(TOY_FIXTURES, id), path.join(dir, id), { recursive: true });
  return dir;
}

function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`"${from}" occurs ${parts.length - 1} times, expected once`);
  return parts.join(to);
}

/** Edits a document's text and/or annotation in place and records the new text's sha256 in graph.yaml. */
function editDocument(
  dir: string,
  edit: { article?: (text: string) => string; annotation?: (yaml: string) => string },
): void {
  const articleFile = path.join(dir, 'article.txt');
  const annotationFile = path.join(dir, 'graph.yaml');
  const article = (edit.article ?? ((t) => t))(readFileSync(articleFile, 'utf8'));
  const sha256 = createHash('sha256').update(article, 'utf8').digest('hex');
  const annotation = (edit.annotation ?? ((y) => y))(readFileSync(annotationFile, 'utf8')).replace(
    /^ {2}sha256: [0-9a-f]{64}$/m,
    `  sha256: ${sha256}`,
  );
  writeFileSync(articleFile, article);
  writeFileSync(annotationFile, annotation);
}

/** Nodes and relationships that nothing owns any more. Each count must be 0. */
/**
 * A copy of toy-fishing-truce as toy-kind-conflict, calling trawler-seizure an Attack: toy-port-grey-meeting
 * stores it as an Event.
 */
function kindConflictDocument(): string {
  const corpus = tempCorpus(DOC_A);
  const dir = path.join(corpus, 'toy-kind-conflict');
  cpSync(path.join(corpus, DOC_A), dir, { recursive: true });
  editDocument(dir, {
    annotation: (y) =>
      replaceOnce(
        replaceOnce(y, `  id: ${DOC_A}\n`, '  id: toy-kind-conflict\n'),
        '  - id: trawler-seizure\n    kind: Event\n',
        '  - id: trawler-seizure\n    kind: Attack\n',
      ),
  });
  return dir;
}

async function strays(): Promise<Record<string, number>> {
  const [row] = await read<Record<string, number>>(`
    RETURN
      COUNT { MATCH (n) WHERE NOT (n)--() AND NOT n:GraphStamp AND NOT n:StancePair AND NOT n:StanceDay }
        AS isolatedNodes,
      COUNT { MATCH (s:StanceDay) WHERE NOT coalesce(s.stances, 0) > 0 } AS strayStanceDays,
      COUNT { MATCH (p:StancePair) WHERE size(p.claimIds) = 0 OR any(id IN p.claimIds
              WHERE NOT EXISTS { MATCH (:Entity {id: p.actorId})-[:STANCE {claimId: id}]->(:Entity {id: p.targetId}) }) }
        AS strayStancePairs,
      COUNT { MATCH (e:Entity) WHERE NOT (e)<-[:DESCRIBES]-(:Document) } AS undescribedEntities,
      COUNT { MATCH (n) WHERE (n:Sentence OR n:Heading OR n:Claim)
              AND NOT EXISTS { MATCH (d:Document) WHERE d.id = n.docId } } AS nodesOfNoDocument,
      COUNT { MATCH (s:Sentence) WHERE NOT (s)-[:PART_OF]->(:Document {id: s.docId}) } AS unattachedSentences,
      COUNT { MATCH (c:Claim) WHERE NOT (c)-[:BY]->(:Entity) OR NOT (c)-[:ON]->(:Entity)
              OR NOT (c)-[:EVIDENCE]->(:Sentence) } AS incompleteClaims,
      COUNT { MATCH ()-[s:STANCE]->() WHERE NOT EXISTS { MATCH (c:Claim {id: s.claimId}) } } AS strayStances,
      COUNT { MATCH ()-[r]->() WHERE r.docIds IS NOT NULL
              AND (size(r.docIds) = 0 OR any(id IN r.docIds WHERE NOT EXISTS { MATCH (:Document {id: id}) })) }
        AS factsOfNoDocument`);
  return row;
}

const NO_STRAYS = {
  isolatedNodes: 0,
  strayStanceDays: 0,
  strayStancePairs: 0,
  undescribedEntities: 0,
  nodesOfNoDocument: 0,
  unattachedSentences: 0,
  incompleteClaims: 0,
  strayStances: 0,
  factsOfNoDocument: 0,
};

interface StanceRow {
  key: string | null;
  stance: {
    id: string;
    kind: string;
    polarity: string;
    actor: { id: string };
    target: { id: string };
    cites: { id: string }[];
    respondsToId: string | null;
    evidence: { quote: string; start: number; end: number; docId: string }[];
  };
}

function stances(params: Partial<Record<string, unknown>>): Promise<StanceRow[]> {
  return db.read({
    name: 'stances',
    text: cypher('queries/stances'),
    params: {
      actorId: null,
      targetId: null,
      kinds: null,
      polarities: null,
      limit: 1000,
      ...scopeParams(),
      ...params,
    },
  }) as Promise<StanceRow[]>;
}

describe('loading the seed corpus', () => {
  const plan = validateFolder(SEED_DIR).plan!;

  beforeAll(async () => {
    await clearGraph(db);
  });

  it('loads every row of the plan, and a second load changes nothing', async () => {
    const {
      documents: [first],
    } = await loadDocuments(db, [SEED_DIR], quiet);
    expect(first.status).toBe('created');
    const afterFirst = await graphChecksum(db);

    expect({
      sentences: await count('MATCH (:Sentence {docId: $id})', { id: SEED_ID }),
      headings: await count('MATCH (:Heading {docId: $id})', { id: SEED_ID }),
      entities: await count('MATCH (:Document {id: $id})-[:DESCRIBES]->(:Entity)', { id: SEED_ID }),
      mentions: await count('MATCH (:Sentence {docId: $id})-[:MENTIONS]->()', { id: SEED_ID }),
      claims: await count('MATCH (:Claim {docId: $id})', { id: SEED_ID }),
      stances: await count('MATCH ()-[:STANCE {docId: $id}]->()', { id: SEED_ID }),
      evidence: await count('MATCH (:Claim {docId: $id})-[:EVIDENCE]->()', { id: SEED_ID }),
      factEntries: (
        await read<{ n: number }>(
          'MATCH ()-[r]->() WHERE r.docIds IS NOT NULL RETURN sum(size(r.docIds)) AS n',
        )
      )[0].n,
    }).toEqual({
      sentences: plan.sentences.length,
      headings: plan.headings.length,
      entities: plan.entities.length,
      mentions: plan.mentions.length,
      claims: plan.claims.length,
      stances: plan.claims.length,
      evidence: plan.claims.flatMap((c) => c.evidence).length,
      factEntries: plan.facts.flatMap((f) => f.evidence).length,
    });

    const second = await loadDocuments(db, [SEED_DIR], quiet);
    expect(second.documents.map((d) => d.status)).toEqual(['unchanged']);
    expect(second.counters).toMatchObject({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
    });
    expect(await graphChecksum(db)).toEqual(afterFirst);
    expect(await strays()).toEqual(NO_STRAYS);
  });

  it('rewrites the same graph when forced to reload the same document', async () => {
    const before = await graphChecksum(db);
    const summary = await loadPlan(db, plan, { force: true });
    expect(summary.status).toBe('replaced');
    expect(summary.counters.nodesDeleted).toBeGreaterThan(0);
    expect(summary.counters.nodesCreated).toBe(summary.counters.nodesDeleted);
    expect(await graphChecksum(db)).toEqual(before);
  });

  it('resolves "the Russian leader" to Putin', async () => {
    const mentions = await read<{ surface: string; entityId: string; others: string[] }>(`
      MATCH (s:Sentence)-[m:MENTIONS]->(e:Entity)
      WHERE toLower(m.surface) = 'the russian leader'
      RETURN m.surface AS surface, e.id AS entityId,
             [(s)-[o:MENTIONS]->(x) WHERE o.start < m.end AND o.end > m.start AND o <> m | x.id] AS others`);
    expect(mentions).toEqual([{ surface: 'The Russian leader', entityId: 'putin', others: [] }]);
  });

  it('answers "who supports the limited ceasefire?" with putin, trump, scholz and zelensky (conditionally)', async () => {
    const rows = await stances({
      anchor: 'TARGET',
      keys: ['energy-ceasefire'],
      polarities: ['SUPPORT', 'CONDITIONAL'],
    });
    const polarityOf = Object.fromEntries(rows.map((r) => [r.stance.actor.id, r.stance.polarity]));
    expect(rows).toHaveLength(4);
    expect(polarityOf).toEqual({
      putin: 'SUPPORT',
      trump: 'SUPPORT',
      scholz: 'SUPPORT',
      zelensky: 'CONDITIONAL',
    });
    for (const { key, stance } of rows) {
      expect(key).toBe('energy-ceasefire');
      expect(stance.target.id).toBe('energy-ceasefire');
      expect(stance.evidence.length).toBeGreaterThan(0);
    }
  });

  it('answers "which attacks were cited as objections?" with the drone attacks Zelensky cited against Putin’s rejection', async () => {
    const rows = (await db.read({
      name: 'cited-as-objections',
      text: cypher('queries/cited-as-objections'),
      params: {
        byId: null,
        againstId: null,
        afterClaim: null,
        afterCited: null,
        first: 200,
        ...scopeParams(),
      },
    })) as {
      citation: {
        cited: { id: string; kind: string };
        by: { id: string };
        objection: StanceRow['stance'];
      };
    }[];
    expect(rows.map(({ citation: c }) => [c.by.id, c.cited.id, c.cited.kind, c.objection.kind])).toEqual([
      ['zelensky', 'russian-drone-attacks', 'Attack', 'CRITICIZES'],
    ]);
    const respondsTo = rows[0].citation.objection.respondsToId;
    expect(respondsTo).not.toBeNull();
    const [rejection] = await stances({ anchor: 'CLAIM', keys: [respondsTo] });
    expect([rejection.stance.actor.id, rejection.stance.kind, rejection.stance.target.id]).toEqual([
      'putin',
      'REJECTS',
      'full-ceasefire',
    ]);
  });
});

describe('offsets in the stored graph', () => {
  beforeAll(async () => {
    await clearGraph(db);
    await loadDocuments(db, [SEED_DIR, TOY_FIXTURES], quiet);
  });

  it('slice every quote, fact quote, mention and sentence out of Document.text at code-point offsets, stored as integers', async () => {
    type Span = { what: string; quote: string; start: number; end: number; types: string[] };
    const docs = await read<{ id: string; text: string; spans: Span[] }>(`
      MATCH (d:Document)
      RETURN d.id AS id, d.text AS text,
        COLLECT {
          MATCH (d)<-[:PART_OF]-(s:Sentence)<-[x:EVIDENCE]-(:Claim)
          RETURN {what: 'EVIDENCE', quote: x.quote, start: x.start, end: x.end,
                  types: [valueType(x.start), valueType(x.end)]} AS span
          UNION ALL
          MATCH (:Entity)-[r]->(:Entity)
          WHERE d.id IN r.docIds
          UNWIND [i IN range(0, size(r.docIds) - 1) WHERE r.docIds[i] = d.id] AS i
          RETURN {what: type(r), quote: r.quotes[i], start: r.starts[i], end: r.ends[i],
                  types: [valueType(r.starts[i]), valueType(r.ends[i])]} AS span
          UNION ALL
          MATCH (d)<-[:PART_OF]-(:Sentence)-[m:MENTIONS]->(:Entity)
          RETURN {what: 'MENTIONS', quote: m.surface, start: m.start, end: m.end,
                  types: [valueType(m.start), valueType(m.end)]} AS span
          UNION ALL
          MATCH (d)<-[:PART_OF]-(s:Sentence)
          RETURN {what: 'Sentence', quote: s.text, start: s.start, end: s.end,
                  types: [valueType(s.start), valueType(s.end)]} AS span
          UNION ALL
          MATCH (d)<-[:PART_OF]-(h:Heading)
          RETURN {what: 'Heading', quote: h.text, start: h.start, end: h.end,
                  types: [valueType(h.start), valueType(h.end)]} AS span
        } AS spans`);
    expect(docs.map((d) => d.id).sort()).toEqual([DOC_A, DOC_B, SEED_ID].sort());

    // Every span the plans hold is in the graph: none can escape the check below by being absent.
    const group = (what: string) =>
      ['EVIDENCE', 'MENTIONS', 'Sentence', 'Heading'].includes(what) ? what : 'fact';
    const tally = (whats: string[]) =>
      whats.reduce<Record<string, number>>(
        (acc, w) => ({ ...acc, [group(w)]: (acc[group(w)] ?? 0) + 1 }),
        {},
      );
    for (const doc of docs) {
      const dir = doc.id === SEED_ID ? SEED_DIR : path.join(TOY_FIXTURES, doc.id);
      const plan = validateFolder(dir).plan!;
      expect({ id: doc.id, ...tally(doc.spans.map((s) => s.what)) }).toEqual({
        id: doc.id,
        ...tally([
          ...plan.claims.flatMap((c) => c.evidence.map(() => 'EVIDENCE')),
          ...plan.facts.flatMap((f) => f.evidence.map(() => f.type)),
          ...plan.mentions.map(() => 'MENTIONS'),
          ...plan.sentences.map(() => 'Sentence'),
          ...plan.headings.map(() => 'Heading'),
        ]),
      });
    }

    const wrong: string[] = [];
    let utf16Differs = 0;
    const kinds = new Set<string>();
    for (const doc of docs) {
      const points = Array.from(doc.text);
      for (const span of doc.spans) {
        kinds.add(span.what);
        const sliced = points.slice(span.start, span.end).join('');
        if (sliced !== span.quote)
          wrong.push(`${doc.id} ${span.what} [${span.start}, ${span.end}): "${sliced}" ≠ "${span.quote}"`);
        if (span.types.some((t) => t !== 'INTEGER NOT NULL'))
          wrong.push(`${doc.id} ${span.what}: offsets are ${span.types}`);
        if (doc.text.slice(span.start, span.end) !== span.quote) utf16Differs++;
      }
    }
    expect(wrong).toEqual([]);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['EVIDENCE', 'Heading', 'LEADS', 'MENTIONS', 'Sentence']),
    );
    // The toy documents put an emoji before every quote, so UTF-16 offsets would miss them.
    expect(utf16Differs).toBeGreaterThan(0);
  });

  it('stores every claim confidence as a float, whole or not', async () => {
    const rows = await read<{ id: string; confidence: number; type: string }>(`
      MATCH (c:Claim) RETURN c.id AS id, c.confidence AS confidence, valueType(c.confidence) AS type`);
    const plans = [SEED_DIR, path.join(TOY_FIXTURES, DOC_A), path.join(TOY_FIXTURES, DOC_B)].map(
      (dir) => validateFolder(dir).plan!,
    );
    const expected = plans.flatMap((p) => p.claims.map((c) => [c.id, c.confidence] as const));
    expect(expected.some(([, confidence]) => !Number.isInteger(confidence))).toBe(true);
    expect(expected.some(([, confidence]) => Number.isInteger(confidence))).toBe(true);
    expect(rows.map((r) => [r.id, r.confidence]).sort()).toEqual(expected.map(([id, c]) => [id, c]).sort());
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['FLOAT NOT NULL']));
  });

  it('stores the parallel evidence lists of facts with one entry per document quote', async () => {
    const lists = await read<{ sizes: number[] }>(`
      MATCH ()-[r]->() WHERE r.docIds IS NOT NULL
      RETURN [size(r.docIds), size(r.sentenceIds), size(r.quotes), size(r.starts), size(r.ends)] AS sizes`);
    expect(lists.length).toBeGreaterThan(0);
    for (const { sizes } of lists) expect(new Set(sizes).size).toBe(1);
  });
});

describe('replacing a document', () => {
  let corpus: string;
  const dirA = () => path.join(corpus, DOC_A);
  const dirB = () => path.join(corpus, DOC_B);

  beforeAll(async () => {
    await clearGraph(db);
    corpus = tempCorpus(DOC_A, DOC_B);
    await loadDocuments(db, [dirA(), dirB()], quiet);
  });

  it('shares entities and facts between the two toy documents', async () => {
    const [leads] = await read<{ docIds: string[] }>(
      `MATCH (:Entity {id: 'ida-lund'})-[r:LEADS]->(:Entity {id: 'westmark'}) RETURN r.docIds AS docIds`,
    );
    expect([...leads.docIds].sort()).toEqual([DOC_A, DOC_B]);
    const [ida] = await read<{ describedBy: string[] }>(
      `MATCH (d:Document)-[:DESCRIBES]->(:Entity {id: 'ida-lund'}) RETURN collect(d.id) AS describedBy`,
    );
    expect([...ida.describedBy].sort()).toEqual([DOC_A, DOC_B]);
  });

  it('replaces only the changed document’s own data', async () => {
    const bBefore = await documentChecksum(db, DOC_B);
    const aBefore = await documentChecksum(db, DOC_A);
    expect(bBefore.nodes).toBeGreaterThan(1);
    expect(bBefore.factEntries).toBeGreaterThan(0);

    editDocument(dirA(), {
      article: (t) => replaceOnce(t, 'Eastvale rejected the truce.', 'Eastvale rejected the truce outright.'),
      annotation: (y) =>
        replaceOnce(
          y,
          'quote: "Eastvale rejected the truce"',
          'quote: "Eastvale rejected the truce outright"',
        ),
    });
    const {
      documents: [summary],
    } = await loadDocuments(db, [dirA()], quiet);
    expect(summary.status).toBe('replaced');

    expect(await documentChecksum(db, DOC_B)).toEqual(bBefore);
    expect((await documentChecksum(db, DOC_A)).sha256).not.toBe(aBefore.sha256);

    const sentences = await read<{ text: string }>(
      'MATCH (s:Sentence {docId: $id}) RETURN s.text AS text ORDER BY s.index',
      { id: DOC_A },
    );
    expect(sentences.map((s) => s.text)).toContain('Eastvale rejected the truce outright.');
    expect(sentences.map((s) => s.text)).not.toContain('Eastvale rejected the truce.');
    const [claim] = await stances({ anchor: 'CLAIM', keys: [`${DOC_A}:eastvale-rejects-truce`] });
    expect(claim.stance.evidence.map((e) => e.quote)).toContain('Eastvale rejected the truce outright');
    expect(claim.stance.evidence.map((e) => e.quote)).not.toContain('Eastvale rejected the truce');

    const [leads] = await read<{ docIds: string[] }>(
      `MATCH (:Entity {id: 'ida-lund'})-[r:LEADS]->(:Entity {id: 'westmark'}) RETURN r.docIds AS docIds`,
    );
    expect([...leads.docIds].sort()).toEqual([DOC_A, DOC_B]);
    expect(await strays()).toEqual(NO_STRAYS);
  });

  it('leaves the same graph as loading the other document and then the changed one into an empty database', async () => {
    const replaced = await graphChecksum(db);
    await clearGraph(db);
    await loadDocuments(db, [dirB()], quiet);
    await loadDocuments(db, [dirA()], quiet);
    expect(await graphChecksum(db)).toEqual(replaced);
  });

  it('removes a claim taken out of the annotation, with its STANCE edge, and nothing of the other document', async () => {
    // Eastvale and Westmark’s navy are described by both documents, so they outlive the reload: the STANCE
    // edge between them must go with its claim, not with its ends.
    const claimId = `${DOC_A}:eastvale-criticizes-navy`;
    const stanceOf =
      'MATCH (:Entity {id: "eastvale"})-[s:STANCE {claimId: $claimId}]->(:Entity {id: "westmark-navy"})';
    const bBefore = await documentChecksum(db, DOC_B);
    const claimsBefore = await count('MATCH (:Claim {docId: $id})', { id: DOC_A });
    expect(await count('MATCH (:Claim {id: $claimId})', { claimId })).toBe(1);
    expect(await count(stanceOf, { claimId })).toBe(1);

    editDocument(dirA(), {
      annotation: (y) => {
        const start = y.indexOf('  - id: eastvale-criticizes-navy\n');
        const end = y.indexOf('\nfacts:\n');
        if (start < 0 || end < start) throw new Error('claim block not found');
        return y.slice(0, start) + y.slice(end);
      },
    });
    const {
      documents: [summary],
    } = await loadDocuments(db, [dirA()], quiet);
    expect(summary.status).toBe('replaced');

    expect(await count('MATCH (:Claim {id: $claimId})', { claimId })).toBe(0);
    expect(await count('MATCH ()-[:STANCE {claimId: $claimId}]->()', { claimId })).toBe(0);
    expect(await count('MATCH (:Entity {id: "eastvale"})-[:STANCE]->(:Entity {id: "westmark-navy"})')).toBe(
      0,
    );
    expect(await count('MATCH (:Claim {docId: $id})', { id: DOC_A })).toBe(claimsBefore - 1);
    expect(await count('MATCH ()-[:STANCE {docId: $id}]->()', { id: DOC_A })).toBe(claimsBefore - 1);
    expect(await count('MATCH (:Entity {id: "westmark-navy"})')).toBe(1);
    expect(await documentChecksum(db, DOC_B)).toEqual(bBefore);
    expect(await strays()).toEqual(NO_STRAYS);
  });

  it('lets a document change the kind of an entity that only it describes', async () => {
    editDocument(dirA(), {
      annotation: (y) =>
        replaceOnce(
          y,
          '  - id: fishing-truce\n    kind: Proposal\n',
          '  - id: fishing-truce\n    kind: Event\n',
        ),
    });
    const {
      documents: [summary],
    } = await loadDocuments(db, [dirA()], quiet);
    expect(summary.status).toBe('replaced');
    const [truce] = await read<{ labels: string[]; kind: string }>(
      `MATCH (e:Entity {id: 'fishing-truce'}) RETURN labels(e) AS labels, e.kind AS kind`,
    );
    expect({ ...truce, labels: [...truce.labels].sort() }).toEqual({
      labels: ['Entity', 'Event'],
      kind: 'Event',
    });
    expect(await strays()).toEqual(NO_STRAYS);
  });
});

describe('rejected loads write nothing', () => {
  let stderr: jest.SpyInstance;

  beforeAll(async () => {
    await clearGraph(db);
    await loadDocuments(db, [SEED_DIR, path.join(TOY_FIXTURES, DOC_B)], quiet);
  });

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stderr.mockRestore();
  });

  it('loads no document when any document given is invalid, and reports its problems', async () => {
    const before = await graphChecksum(db);
    await expect(loadDocuments(db, [path.join(TOY_FIXTURES, DOC_A), MALFORMED], quiet)).rejects.toThrow(
      /4 problem\(s\) in 1 of 2 document\(s\); nothing was loaded/,
    );
    expect(await graphChecksum(db)).toEqual(before);
    expect(await count('MATCH (:Document {id: $id})', { id: DOC_A })).toBe(0);
    const printed = stderr.mock.calls.map(([chunk]) => String(chunk));
    expect(printed).toEqual(validateFolder(MALFORMED).problems.map((p) => `${formatProblem(p)}\n`));
  });

  it('rejects a document whose entity kind conflicts with the stored graph with CONFLICT', async () => {
    const conflicting = kindConflictDocument();
    expect(validateFolder(conflicting).problems).toEqual([]);

    const before = await graphChecksum(db);
    const error = await loadDocuments(db, [conflicting], quiet).catch((e: unknown) => e);
    if (!(error instanceof ServiceError)) throw error;
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/trawler-seizure is stored as Event, given as Attack/);
    expect(await graphChecksum(db)).toEqual(before);
    expect(await count('MATCH (:Document {id: $id})', { id: 'toy-kind-conflict' })).toBe(0);
  });
});

describe('several documents to a transaction (loadPlans)', () => {
  // A synthetic corpus whose documents share entities (Zipf-popular) and facts, after the seed and the toys.
  const synthetic = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-grouped-'));
  tempDirs.push(synthetic);
  const plans = [
    ...[SEED_DIR, path.join(TOY_FIXTURES, DOC_A), path.join(TOY_FIXTURES, DOC_B)],
    ...generateCorpus({ documents: 12, out: synthetic, seed: 3 }),
  ].map((dir) => validateFolder(dir).plan!);

  function conflicting(): DocumentPlan {
    const { problems, plan } = validateFolder(kindConflictDocument());
    expect(problems).toEqual([]);
    return plan!;
  }

  it('stores the same graph as loading the documents one per transaction, in fewer transactions', async () => {
    const sharedFacts = new Map<string, number>();
    for (const plan of plans) {
      for (const f of plan.facts) {
        const key = `${f.from} ${f.type} ${f.to} ${f.about}`;
        sharedFacts.set(key, (sharedFacts.get(key) ?? 0) + 1);
      }
    }
    // The corpus exercises what grouping changes: facts that several documents of one group report.
    expect([...sharedFacts.values()].some((n) => n > 1)).toBe(true);

    await clearGraph(db);
    const single = await loadPlans(db, plans, { rowsPerTransaction: 0 });
    expect(single.transactions).toBe(plans.length);
    const oneByOne = await graphChecksum(db);

    await clearGraph(db);
    const grouped = await loadPlans(db, plans, { rowsPerTransaction: 1_000_000 });
    expect(grouped.transactions).toBe(1);
    expect(grouped.documents.map((d) => d.status)).toEqual(plans.map(() => 'created'));
    // (Property writes differ: a fact several documents report is written once, not once a document.)
    const { propertiesSet: _a, ...groupedCounts } = grouped.counters;
    const { propertiesSet: _b, ...singleCounts } = single.counters;
    expect(groupedCounts).toEqual(singleCounts);
    expect(await graphChecksum(db)).toEqual(oneByOne);
    expect(await strays()).toEqual(NO_STRAYS);

    // Loading them again changes nothing; forcing it rewrites the same graph, in groups of ~2,000 rows.
    const again = await loadPlans(db, plans, { rowsPerTransaction: 2_000 });
    expect(again.documents.map((d) => d.status)).toEqual(plans.map(() => 'unchanged'));
    expect(again.counters.relationshipsCreated).toBe(0);
    const forced = await loadPlans(db, plans, { rowsPerTransaction: 2_000, force: true });
    expect(forced.transactions).toBeGreaterThan(1);
    expect(forced.transactions).toBeLessThan(plans.length);
    expect(forced.documents.map((d) => d.status)).toEqual(plans.map(() => 'replaced'));
    expect(await graphChecksum(db)).toEqual(oneByOne);
  });

  it('stores the documents before a kind conflict, refuses the conflicting one and stores none after it', async () => {
    await clearGraph(db);
    const [seed, toyA, toyB] = plans;
    const bad = conflicting();
    // toyB stores trawler-seizure as an Event in the same group as the document calling it an Attack.
    const error = await loadPlans(db, [seed, toyB, bad, toyA], { rowsPerTransaction: 1_000_000 }).catch(
      (e: unknown) => e,
    );
    if (!(error instanceof ServiceError)) throw error;
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/trawler-seizure is stored as Event, given as Attack/);
    const stored = await read<{ id: string }>('MATCH (d:Document) RETURN d.id AS id ORDER BY id');
    expect(stored.map((r) => r.id)).toEqual([DOC_B, SEED_ID].sort());
    expect(await strays()).toEqual(NO_STRAYS);
  });

  it('refuses a document that repeats another document of the same call', async () => {
    await clearGraph(db);
    const error = await loadPlans(db, [plans[1], plans[1]]).catch((e: unknown) => e);
    expect((error as ServiceError).code).toBe('BAD_USER_INPUT');
    expect(await count('MATCH (d:Document)')).toBe(0);
  });
});

describe('npm run validate', () => {
  const validate = (target: string) =>
    spawnSync('npx', ['tsx', 'src/cli.ts', 'validate', target], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });

  it('exits 3 on an invalid document and prints each problem as file:line:col field: message [CODE]', () => {
    const run = validate(path.relative(REPO_ROOT, MALFORMED));
    expect(run.status).toBe(3);
    const lines = run.stderr.trim().split('\n');
    const problemLines = lines.filter((l) => / \[[A-Z_0-9]+\]$/.test(l));
    const expected = validateFolder(MALFORMED).problems;
    expect(problemLines).toHaveLength(expected.length);
    problemLines.forEach((line, i) => {
      const m = /^(.+):(\d+):(\d+) (\S+): (.+) \[([A-Z_0-9]+)\]$/.exec(line);
      expect(m).not.toBeNull();
      const [, file, lineNo, column, field, message, code] = m!;
      const p = expected[i];
      expect({
        file: path.resolve(REPO_ROOT, file),
        line: +lineNo,
        column: +column,
        field,
        message,
        code,
      }).toEqual({
        file: path.resolve(p.file),
        line: p.line,
        column: p.column,
        field: p.field,
        message: p.message,
        code: p.code,
      });
    });
    expect(lines[lines.length - 1]).toBe('4 problem(s) in 1 of 1 document(s); nothing was loaded');
  });

  it('exits 0 on the seed corpus', () => {
    const run = validate(path.relative(REPO_ROOT, SEED_DIR));
    expect(run.stderr).toContain(`1 document(s) valid: ${SEED_ID}`);
    expect(run.status).toBe(0);
  });
});
