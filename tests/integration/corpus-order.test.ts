import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/database';
import { loadDocuments } from '../../src/ingest/folders';
import { documentChecksum, graphChecksum } from '../../testkit/checksum';
import { generateCorpus } from '../../testkit/synthetic';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * A corpus, not a document (docs/corpus.md): documents that share registry entities and local entities,
 * with different names, aliases and dates for them, give the same stored graph whatever order they are
 * loaded in, and replacing one leaves the others' data and the shared entities right.
 *
 * The three documents below are test texts written for this test (invented sentences), with a registry
 * (entities.yaml) beside them. With LOCAL set, the registry is left out and every document declares the
 * shared entities itself: the variant an earlier loader, without registry support, can load too.
 */

const LOCAL = process.env.CORPUS_ORDER_LOCAL === '1';

const REGISTRY = `entities:
  - id: putin
    kind: Person
    name: Vladimir Putin
    aliases: [Putin]
    wikidata: Q7747
  - id: russia
    kind: Country
    name: Russia
    iso3166: RU
  - id: ukraine
    kind: Country
    name: Ukraine
    iso3166: UA
`;

/** A registry entity as a document refers to it, or (LOCAL) declares it. */
const registered = (id: string, aliases: string[] = []) => {
  if (!LOCAL) return `  - id: ${id}\n    aliases: ${JSON.stringify(aliases)}\n`;
  const names: Record<string, [string, string]> = {
    putin: ['Person', 'Vladimir Putin'],
    russia: ['Country', 'Russia'],
    ukraine: ['Country', 'Ukraine'],
  };
  const [kind, name] = names[id];
  return `  - id: ${id}\n    kind: ${kind}\n    name: ${name}\n    aliases: ${JSON.stringify(aliases)}\n`;
};

interface TestDocument {
  id: string;
  article: string;
  annotation: (sha256: string) => string;
}

const header = (id: string, publishedAt: string, sha256: string) => `document:
  id: ${id}
  title: Test text ${id}
  source: stancegraph test text (invented)
  publishedAt: ${publishedAt}
  language: en
  sha256: ${sha256}
`;

const A: TestDocument = {
  id: 'order-a',
  article: 'Putin spoke with Trump on Tuesday.\nRussia agreed to halt strikes on energy sites.\n',
  annotation: (sha) => `${header('order-a', '2025-03-18', sha)}entities:
${registered('putin', ['the Russian leader'])}${registered('russia')}  - id: order-trump
    kind: Person
    name: Donald Trump
    aliases: [Trump]
    description: US President.
  - id: order-call
    kind: Event
    name: Trump–Putin call
    aliases: [spoke]
    description: A call between Putin and Trump.
    date: 2025-03-18
    dateText: on Tuesday
  - id: order-energy-pause
    kind: Proposal
    name: Energy pause
    aliases: [halt strikes on energy sites]
claims:
  - id: russia-agrees
    by: russia
    kind: AGREES_TO
    on: order-energy-pause
    quote: "Russia agreed to halt strikes on energy sites"
facts:
  - from: putin
    type: PARTICIPATED_IN
    to: order-call
    quote: "Putin spoke with Trump on Tuesday"
  - from: order-trump
    type: PARTICIPATED_IN
    to: order-call
    quote: "Putin spoke with Trump"
`,
};

const B: TestDocument = {
  id: 'order-b',
  article:
    'Donald Trump said the call with Putin was good.\nThe call took place a day earlier, Trump said.\n',
  annotation: (sha) => `${header('order-b', '2025-03-19', sha)}entities:
${registered('putin')}  - id: order-trump
    kind: Person
    name: President Trump
    aliases: [Donald Trump, Trump]
    description: President of the United States.
  - id: order-call
    kind: Event
    name: Trump-Putin phone call
    aliases: [the call]
    date: 2025-03-18
    dateText: a day earlier
    dateInferred: true
facts:
  - from: order-trump
    type: PARTICIPATED_IN
    to: order-call
    quote: "Donald Trump said the call with Putin"
    date: 2025-03-18
    dateText: a day earlier
    dateInferred: true
    confidence: 0.7
  - from: putin
    type: PARTICIPATED_IN
    to: order-call
    quote: "the call with Putin"
`,
};

const C: TestDocument = {
  id: 'order-c',
  article: 'Ukraine rejected the energy pause.\nKyiv said Russia kept striking.\n',
  annotation: (sha) => `${header('order-c', '2025-03-18', sha)}entities:
${registered('ukraine', ['Kyiv'])}${registered('russia')}  - id: order-energy-pause
    kind: Proposal
    name: Energy ceasefire
    aliases: [energy pause]
    description: A pause in strikes on energy sites.
claims:
  - id: ukraine-rejects
    by: ukraine
    kind: REJECTS
    on: order-energy-pause
    quote: "Ukraine rejected the energy pause"
`,
};

let db: Database;
let root: string;
const quiet = () => {};

beforeAll(() => {
  db = testDatabase();
  root = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-order-'));
  if (!LOCAL) writeFileSync(path.join(root, 'entities.yaml'), REGISTRY);
});

afterAll(async () => {
  await db.close();
  rmSync(root, { recursive: true, force: true });
});

/** Writes a document folder under the test corpus (replacing what was there). */
function write(doc: TestDocument): string {
  const dir = path.join(root, doc.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'article.txt'), doc.article);
  const sha = createHash('sha256').update(doc.article).digest('hex');
  writeFileSync(path.join(dir, 'graph.yaml'), doc.annotation(sha));
  return dir;
}

/** Loads the documents one transaction each, in the order given, from an empty graph. */
async function loadInOrder(...docs: TestDocument[]) {
  await clearGraph(db);
  for (const doc of docs) await loadDocuments(db, [write(doc)], quiet);
  return graphChecksum(db);
}

async function read(text: string, params: Record<string, unknown> = {}) {
  return db.read({ name: 'test/corpus-order', text, params });
}

describe('the stored corpus does not depend on load order', () => {
  it('A, B, C in any order, and all in one transaction, give one graph checksum', async () => {
    const abc = await loadInOrder(A, B, C);
    expect(await loadInOrder(C, B, A)).toEqual(abc);
    expect(await loadInOrder(B, A, C)).toEqual(abc);
    await clearGraph(db);
    await loadDocuments(db, [write(A), write(B), write(C)], quiet);
    expect(await graphChecksum(db)).toEqual(abc);
  });

  it('a shared local entity takes the earliest document’s name and description, the union of aliases', async () => {
    await loadInOrder(B, C, A);
    const [trump] = await read(
      'MATCH (e:Entity {id: "order-trump"}) RETURN e {.name, .description, .aliases, .registered} AS e',
    );
    expect(trump.e).toEqual({
      name: 'Donald Trump',
      description: 'US President.',
      aliases: ['Donald Trump', 'Trump'],
      registered: null,
    });
    // publishedAt ties (A and C): the document id decides.
    const [pause] = await read(
      'MATCH (e:Entity {id: "order-energy-pause"}) RETURN e.name AS name, e.aliases AS aliases',
    );
    expect(pause).toEqual({
      name: 'Energy pause',
      aliases: ['energy pause', 'halt strikes on energy sites'],
    });
    const [call] = await read(
      'MATCH (e:Entity {id: "order-call"}) RETURN e {.name, .date, .dateText, .dateInferred} AS e',
    );
    expect(call.e).toEqual({
      name: 'Trump–Putin call',
      date: '2025-03-18',
      dateText: 'on Tuesday',
      dateInferred: null,
    });
  });

  it('each document keeps its own names on DESCRIBES; a fact keeps its reports sorted, dated from the earliest', async () => {
    await loadInOrder(C, B, A);
    const describes = await read(
      `MATCH (d:Document)-[x:DESCRIBES]->(:Entity {id: "order-call"})
       RETURN d.id AS doc, x {.name, .aliases, .date, .dateText, .dateInferred} AS x ORDER BY doc`,
    );
    expect(describes).toEqual([
      {
        doc: 'order-a',
        x: {
          name: 'Trump–Putin call',
          aliases: ['spoke'],
          date: '2025-03-18',
          dateText: 'on Tuesday',
          dateInferred: null,
        },
      },
      {
        doc: 'order-b',
        x: {
          name: 'Trump-Putin phone call',
          aliases: ['the call'],
          date: '2025-03-18',
          dateText: 'a day earlier',
          dateInferred: true,
        },
      },
    ]);
    const [fact] = await read(
      `MATCH (:Entity {id: "order-trump"})-[r:PARTICIPATED_IN]->(:Entity {id: "order-call"})
       RETURN r {.docIds, .quotes, .date, .dateText, .dateInferred, .confidence, .reportConfidences} AS r`,
    );
    expect(fact.r).toEqual({
      docIds: ['order-a', 'order-b'],
      quotes: ['Putin spoke with Trump', 'Donald Trump said the call with Putin'],
      // A reports it first but without a date: the date is B's, the confidence A's.
      date: '2025-03-18',
      dateText: 'a day earlier',
      dateInferred: true,
      confidence: 1.0,
      reportConfidences: [1.0, 0.7],
    });
    const [stance] = await read('MATCH (:Entity {id: "russia"})-[s:STANCE]->() RETURN s.docId AS docId');
    expect(stance.docId).toBe('order-a');
  });

  (LOCAL ? it.skip : it)(
    'a registered entity keeps the registry’s names; document aliases stay on DESCRIBES',
    async () => {
      await loadInOrder(A, B, C);
      const [putin] = await read(
        'MATCH (e:Entity:Person {id: "putin"}) RETURN e {.name, .aliases, .wikidata, .registered, .description} AS e',
      );
      expect(putin.e).toEqual({
        name: 'Vladimir Putin',
        aliases: ['Putin'],
        wikidata: 'Q7747',
        registered: true,
        description: null,
      });
      const [ukraine] = await read(
        'MATCH (e:Entity:Country {id: "ukraine"}) RETURN e.iso3166 AS iso, e.aliases AS aliases',
      );
      expect(ukraine).toEqual({ iso: 'UA', aliases: [] });
      const [own] = await read(
        'MATCH (:Document {id: "order-c"})-[x:DESCRIBES]->(:Entity {id: "ukraine"}) RETURN properties(x) AS x',
      );
      expect(own.x).toEqual({ aliases: ['Kyiv'] });
      // Mentions come from the registry's names and the document's own: "Putin" in B, "Kyiv" in C.
      const surfaces = await read(
        `MATCH (s:Sentence)-[m:MENTIONS]->(e:Entity) WHERE e.id IN ["putin", "ukraine"]
       RETURN s.docId AS doc, m.surface AS surface ORDER BY doc, m.start`,
      );
      expect(surfaces.map((r) => `${r.doc}:${r.surface}`)).toEqual([
        'order-a:Putin',
        'order-b:Putin',
        'order-c:Ukraine',
        'order-c:Kyiv',
      ]);
    },
  );
});

describe('replacing a document', () => {
  const A2: TestDocument = {
    ...A,
    article: 'Putin spoke on Tuesday.\nRussia agreed to halt strikes on energy sites.\n',
    annotation: (sha) =>
      A.annotation(sha)
        .replace(/ {2}- id: order-trump\n( {4}.*\n)+?(?= {2}- id: order-call)/, '')
        .replace(/ {2}- from: order-trump\n( {4}.*\n)+/, '')
        .replace('Putin spoke with Trump on Tuesday', 'Putin spoke on Tuesday'),
  };

  it('leaves B’s and C’s data alone and recomputes the entities A described, as a fresh load would', async () => {
    await loadInOrder(A, B, C);
    const bBefore = await documentChecksum(db, B.id);
    const cBefore = await documentChecksum(db, C.id);
    await loadDocuments(db, [write(A2)], quiet);
    expect(await documentChecksum(db, B.id)).toEqual(bBefore);
    expect(await documentChecksum(db, C.id)).toEqual(cBefore);
    const [trump] = await read(
      'MATCH (e:Entity {id: "order-trump"}) RETURN e {.name, .description, .aliases} AS e',
    );
    expect(trump.e).toEqual({
      name: 'President Trump',
      description: 'President of the United States.',
      aliases: ['Donald Trump', 'Trump'],
    });
    const [fact] = await read(
      `MATCH (:Entity {id: "order-trump"})-[r:PARTICIPATED_IN]->() RETURN r {.docIds, .confidence, .date} AS r`,
    );
    expect(fact.r).toEqual({ docIds: ['order-b'], confidence: 0.7, date: '2025-03-18' });
    const replaced = await graphChecksum(db);
    expect(await loadInOrder(C, A2, B)).toEqual(replaced);
  });
});

describe('a synthetic corpus, publication dates out of file order', () => {
  // Documents that share many local entities, each giving them names and descriptions of its own: loaded
  // one a transaction in file order, in reverse (each often earlier than those stored) and several to a
  // transaction, the entities and facts come out alike. The dates repeat, so the document id decides too.
  it('gives one graph checksum whatever the order and the grouping', async () => {
    const dirs = generateCorpus({ documents: 10, out: path.join(root, 'synthetic'), seed: 5 });
    dirs.forEach((dir, i) => {
      const file = path.join(dir, 'graph.yaml');
      const day = String(10 + ((i * 7) % 5)).padStart(2, '0');
      // Each document its own name for an entity, and a description of its own or none.
      const annotation = readFileSync(file, 'utf8')
        .replace(/publishedAt: .*/, `publishedAt: 2025-03-${day}`)
        .replace(/^( {4}name: .*)$/gm, `$1 ${i}`)
        .replace(/^ {4}description: .*\n/gm, i % 3 ? `    description: As document ${i} has it.\n` : '');
      writeFileSync(file, annotation);
    });
    await clearGraph(db);
    for (const dir of dirs) await loadDocuments(db, [dir], quiet);
    const inOrder = await graphChecksum(db);
    await clearGraph(db);
    for (const dir of [...dirs].reverse()) await loadDocuments(db, [dir], quiet);
    expect(await graphChecksum(db)).toEqual(inOrder);
    await clearGraph(db);
    const shuffled = dirs
      .map((dir, i) => ({ dir, key: (i * 3) % dirs.length }))
      .sort((a, b) => a.key - b.key);
    for (let i = 0; i < shuffled.length; i += 4) {
      await loadDocuments(
        db,
        shuffled.slice(i, i + 4).map((d) => d.dir),
        quiet,
      );
    }
    expect(await graphChecksum(db)).toEqual(inOrder);
  }, 300_000);
});
