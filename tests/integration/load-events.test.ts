import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { Database } from '../../src/db/database';
import { ServiceError } from '../../src/domain/errors';
import { EventBus, createEventBus, publishCommitted } from '../../src/events/bus';
import { DocumentLoadedEvent, StanceRef, StancesChangedEvent } from '../../src/events/events';
import { loadDocuments } from '../../src/ingest/folders';
import { loadPlans } from '../../src/ingest/loader';
import { readRegistry } from '../../src/ingest/registry';
import { isError } from '../../src/ingest/source';
import { validateDocument } from '../../src/ingest/validate';
import { createLogger } from '../../src/logger';
import { clearGraph, testDatabase } from '../support/harness';

/**
 * The loader's side of the events, as the CLI's corpus load uses it (loadDocuments → onCommitted → the bus):
 * one documentLoaded per stored document, after its transaction committed; stancesChanged that agrees with
 * what the graph held before and after; nothing for an unchanged document or a rolled-back transaction.
 */
const CORPUS = path.join(REPO_ROOT, 'tests', 'fixtures', 'corpus-multi');
const UPDATE = path.join(CORPUS, 'updates', 'coastline-daily-fee-cap');
const log = createLogger('silent');
const quiet = () => {};

let db: Database;
let bus: EventBus;
const loaded: DocumentLoadedEvent[] = [];
const changed: StancesChangedEvent[] = [];
/** Per document reported to onCommitted: was it readable from another transaction right then? */
const readable: Promise<boolean>[] = [];

function collect<T>(iterable: AsyncIterable<unknown>, into: T[]): void {
  void (async () => {
    for await (const event of iterable) into.push(event as T);
  })();
}

/** Lets the bus deliver what was published (its subscribers' queues drain within a turn). */
const delivered = () => new Promise((resolve) => setImmediate(resolve));

const onCommitted = (documents: Parameters<ReturnType<typeof publishCommitted>>[0]) => {
  for (const d of documents) {
    readable.push(
      db
        .read({
          name: 'test/document-exists',
          text: 'MATCH (d:Document {id: $id}) RETURN d.sha256 IS NOT NULL AS stored',
          params: { id: d.docId },
        })
        .then((rows) => rows[0]?.stored === true),
    );
  }
  publishCommitted(bus, log)(documents);
};

const stancesOf = async (docId: string): Promise<StanceRef[]> =>
  (await db.read({
    name: 'test/stances-of-document',
    text: `MATCH (a:Entity)<-[:BY]-(c:Claim {docId: $docId})-[:ON]->(t:Entity)
           RETURN a.id AS actorId, c.kind AS kind, t.id AS targetId, c.id AS claimId ORDER BY claimId`,
    params: { docId },
  })) as unknown as StanceRef[];

const byClaim = (refs: StanceRef[]) => [...refs].sort((a, b) => a.claimId.localeCompare(b.claimId));
const key = (s: StanceRef) => `${s.claimId}|${s.actorId}|${s.kind}|${s.targetId}`;

beforeAll(async () => {
  db = testDatabase();
  await clearGraph(db);
  bus = createEventBus({ log });
  collect(bus.pubSub.subscribe('documentLoaded'), loaded);
  collect(bus.pubSub.subscribe('stancesChanged'), changed);
  await delivered();
});
afterAll(async () => {
  await bus?.close();
  await db?.close();
});

it('a corpus load in one transaction: each document announced once, after the commit', async () => {
  await loadDocuments(db, [CORPUS], quiet, { onCommitted });
  await delivered();
  const ids = loaded.map((e) => e.id).sort();
  expect(ids).toEqual([
    'coastline-daily-fee-cap',
    'evening-post-tamm-backs',
    'harbour-wire-talks-open',
    'northern-ledger-tamm-rejects',
  ]);
  expect(loaded.every((e) => e.status === 'CREATED')).toBe(true);
  expect(await Promise.all(readable)).toEqual([true, true, true, true]);
  // A new document's stances are all added: exactly those the graph now holds for it.
  for (const id of ids) {
    const event = changed.find((e) => e.documentId === id)!;
    expect(byClaim(event.added)).toEqual(await stancesOf(id));
    expect(event.removed).toEqual([]);
  }
  expect(changed).toHaveLength(4);
});

it('an unchanged reload announces nothing', async () => {
  const before = [loaded.length, changed.length];
  await loadDocuments(db, [CORPUS], quiet, { onCommitted });
  await delivered();
  expect([loaded.length, changed.length]).toEqual(before);
});

it('a corrected document: REPLACED, and the stances added and removed are those the graph gained and lost', async () => {
  const id = 'coastline-daily-fee-cap';
  const old = await stancesOf(id);
  const [l0, c0] = [loaded.length, changed.length];
  await loadDocuments(db, [UPDATE], quiet, { onCommitted });
  await delivered();
  const now = await stancesOf(id);
  expect(loaded.slice(l0).map((e) => [e.id, e.status])).toEqual([[id, 'REPLACED']]);
  const [event] = changed.slice(c0);
  expect(changed.slice(c0)).toHaveLength(1);
  const oldKeys = new Set(old.map(key));
  const newKeys = new Set(now.map(key));
  expect(byClaim(event.added)).toEqual(now.filter((s) => !oldKeys.has(key(s))));
  expect(event.removed).toEqual(old.filter((s) => !newKeys.has(key(s))));
  expect(event.added.length + event.removed.length).toBeGreaterThan(0);
});

it('a transaction that rolls back (an entity kind conflict) announces nothing', async () => {
  const dir = path.join(CORPUS, 'harbour-wire-talks-open');
  const annotation = readFileSync(path.join(dir, 'graph.yaml'), 'utf8')
    .replace('id: harbour-wire-talks-open', 'id: conflicting-copy')
    .replace(/(id: harbour-workers-union\n\s+kind: )Organization/, '$1Group');
  expect(annotation).toContain('kind: Group');
  const { plan, problems } = validateDocument({
    articleFile: 'article.txt',
    annotationFile: 'graph.yaml',
    article: readFileSync(path.join(dir, 'article.txt'), 'utf8'),
    annotation,
    registry: readRegistry(path.join(CORPUS, 'entities.yaml')).registry,
  });
  expect(problems.filter(isError)).toEqual([]);
  const [l0, c0] = [loaded.length, changed.length];
  const error = await loadPlans(db, [plan!], { onCommitted }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe('CONFLICT');
  await delivered();
  expect([loaded.length, changed.length]).toEqual([l0, c0]);
});
