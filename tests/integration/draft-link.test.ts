import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Database } from '../../src/db/database';
import { graphLinker, knownEntitiesFromCorpus, memoryLinker } from '../../src/draft/link';
import { loadDocuments } from '../../src/ingest/folders';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The drafter's two linkers must give the same answers: graphLinker asks the loaded graph through the API's
 * resolver, memoryLinker reads the same corpus from its files (the benchmark's leave-one-out linking relies
 * on it). The corpus is the team-written tests/fixtures/corpus-multi.
 */
const CORPUS = path.join(REPO_ROOT, 'tests', 'fixtures', 'corpus-multi');

/** Each way a name can meet an entity, with the answer both must give (null: no link). */
const NAMES: [string, string | null, string][] = [
  ['Kaarel Tamm', 'kaarel-tamm', 'a registry name'],
  ['kaarel-tamm', 'kaarel-tamm', 'an id'],
  ['Tamm', 'kaarel-tamm', 'a registry alias'],
  ['the ferry deal', 'gulf-ferry-accord', 'a document alias'],
  ['Helsinki’s top diplomat', 'aino-varis', 'a document alias with a possessive'],
  ['the fee cap', 'ferry-fee-cap', 'an alias of a local entity'],
  ['Harbour Workers’ Union', 'harbour-workers-union', 'a local entity’s name'],
  ['Aino Variss', 'aino-variss', 'a local near-duplicate, exactly'],
  ['ferry accord', 'gulf-ferry-accord', 'a partial name with its head noun'],
  ['Workers Union', 'harbour-workers-union', 'a partial name'],
  ['Gulf ferry', null, 'ambiguous: part of the accord and of the talks'],
  ['Aino', null, 'ambiguous: Aino Varis and Aino Variss'],
  ['the statement', 'tamm-office-statement', 'a local entity’s document alias'],
  ['Olaf Scholz', null, 'unknown'],
  ['Tallin', null, 'a spelling neighbour only'],
  ['the', null, 'a stop word alone'],
];

let db: Database;

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  await loadDocuments(db, [CORPUS], () => {});
});
afterAll(async () => db?.close());

describe('graphLinker and memoryLinker on tests/fixtures/corpus-multi', () => {
  const names = NAMES.map(([name]) => name);

  it('the graph answers each name as expected', async () => {
    const answers = await graphLinker(db).link(names);
    expect(NAMES.map(([name, , why]) => [why, answers.get(name)?.id ?? null])).toEqual(
      NAMES.map(([, id, why]) => [why, id]),
    );
  });

  it('memory gives the same answers as the graph: entity, kind, score, how it matched, registered', async () => {
    const [fromGraph, fromMemory] = await Promise.all([
      graphLinker(db).link(names),
      memoryLinker(knownEntitiesFromCorpus(CORPUS)).link(names),
    ]);
    expect(names.map((n) => [n, fromMemory.get(n) ?? null])).toEqual(
      names.map((n) => [n, fromGraph.get(n) ?? null]),
    );
    expect(fromGraph.get('Tamm')).toMatchObject({ registered: true, matchKind: 'ALIAS' });
    expect(fromGraph.get('the fee cap')).toMatchObject({ registered: false, kind: 'Proposal' });
  });

  it('and on every name the corpus knows, and every word of those names', async () => {
    const known = knownEntitiesFromCorpus(CORPUS);
    const all = known.flatMap((e) => [e.name, ...e.aliases, ...(e.documentAliases ?? [])]);
    const asked = [...new Set([...all, ...all.flatMap((n) => n.split(/\s+/))])];
    const [fromGraph, fromMemory] = await Promise.all([
      graphLinker(db).link(asked),
      memoryLinker(known).link(asked),
    ]);
    expect(asked.map((n) => [n, fromMemory.get(n)?.id ?? null])).toEqual(
      asked.map((n) => [n, fromGraph.get(n)?.id ?? null]),
    );
    // Not a vacuous agreement: most names link, and some words do not.
    expect(asked.filter((n) => fromGraph.get(n)).length).toBeGreaterThan(asked.length / 2);
    expect(asked.some((n) => !fromGraph.get(n))).toBe(true);
  });
});
