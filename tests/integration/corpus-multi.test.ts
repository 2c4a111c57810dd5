import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Database } from '../../src/db/database';
import { loadDocuments, validateAll } from '../../src/ingest/folders';
import { documentChecksum, graphChecksum } from '../../testkit/checksum';
import { clearGraph, testDatabase } from '../support/harness';

/** The team-written multi-document corpus (tests/fixtures/corpus-multi/README.md says what each report is for). */
const CORPUS = path.join(REPO_ROOT, 'tests', 'fixtures', 'corpus-multi');
const UPDATE = path.join(CORPUS, 'updates', 'coastline-daily-fee-cap');
const OTHERS = ['harbour-wire-talks-open', 'northern-ledger-tamm-rejects', 'evening-post-tamm-backs'];

let db: Database;

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  await loadDocuments(db, [CORPUS], () => {});
});
afterAll(async () => db?.close());

const stancesOf = (actor: string, target: string) =>
  db.read({
    name: 'test/stances',
    text: `MATCH (:Entity {id: $actor})<-[:BY]-(c:Claim)-[:ON]->(:Entity {id: $target})
           MATCH (d:Document {id: c.docId})
           RETURN d.id AS doc, d.publishedAt AS reported, c.kind AS kind, c.polarity AS polarity
           ORDER BY reported, doc`,
    params: { actor, target },
  });

describe('tests/fixtures/corpus-multi', () => {
  it('validates, the misspelt minister being a probable duplicate (a warning) and nothing else', () => {
    const lines: string[] = [];
    expect(validateAll([CORPUS], (line) => lines.push(line))).toHaveLength(4);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/evening-post-tamm-backs.*"Aino Variss".*aino-varis.*PROBABLE_DUPLICATE/);
  });

  it('one registry entity, whatever each report calls it', async () => {
    const rows = await db.read({
      name: 'test/varis',
      text: `MATCH (s:Sentence)-[m:MENTIONS]->(:Entity {id: 'aino-varis'}) RETURN DISTINCT m.surface AS surface`,
    });
    expect(rows.map((r) => r.surface)).toEqual(
      expect.arrayContaining([
        'The Finnish minister',
        'Helsinki’s top diplomat',
        'Finland’s foreign minister',
      ]),
    );
  });

  it('Tamm on the accord: SUPPORT, then OPPOSE, and two reports of one day that disagree', async () => {
    const rows = await stancesOf('kaarel-tamm', 'gulf-ferry-accord');
    expect(rows.map((r) => `${r.reported} ${r.doc} ${r.polarity}`)).toEqual([
      '2025-06-02 harbour-wire-talks-open SUPPORT',
      '2025-06-16 evening-post-tamm-backs SUPPORT',
      '2025-06-16 northern-ledger-tamm-rejects OPPOSE',
    ]);
  });

  it('reloading the corrected report changes it alone', async () => {
    const others = await Promise.all(OTHERS.map((id) => documentChecksum(db, id)));
    const before = await graphChecksum(db);
    const summary = await loadDocuments(db, [UPDATE], () => {});
    expect(summary.documents).toEqual([
      expect.objectContaining({ docId: 'coastline-daily-fee-cap', status: 'replaced' }),
    ]);
    expect(await graphChecksum(db)).not.toEqual(before);
    expect(await Promise.all(OTHERS.map((id) => documentChecksum(db, id)))).toEqual(others);
    expect((await stancesOf('kaarel-tamm', 'ferry-fee-cap')).map((r) => r.kind)).toEqual(['SUPPORTS']);
  });
});
