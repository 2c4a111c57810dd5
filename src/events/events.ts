/**
 * What the service tells subscribers, and under which topic: one event of each kind per document a load
 * committed (created or replaced; an unchanged document commits nothing and tells nothing). Published only
 * after the load's transaction has committed (src/ingest/loader.ts), so a subscriber that queries the
 * document on receiving the event finds it. The payloads are plain JSON: the Redis event target sends them
 * between instances as they are.
 */
export const DOCUMENT_LOADED = 'documentLoaded';
export const STANCES_CHANGED = 'stancesChanged';

export type Topic = typeof DOCUMENT_LOADED | typeof STANCES_CHANGED;

/** What the loaded document holds, by the rows its annotation gave. */
export interface LoadCounts {
  entities: number;
  claims: number;
  facts: number;
  mentions: number;
}

export interface DocumentLoadedEvent {
  /** The document's id. */
  id: string;
  title: string;
  status: 'CREATED' | 'REPLACED';
  counts: LoadCounts;
  /** When the load's transaction committed, as the loading process saw it (ISO 8601, UTC). */
  committedAt: string;
  /** Unique per event, the same on every instance that relays it: a subscriber can tell a duplicate. */
  eventId: string;
}

/** A stance as one claim makes it: its actor, kind and target, by entity id. */
export interface StanceRef {
  actorId: string;
  kind: string;
  targetId: string;
  claimId: string;
}

export interface StancesChangedEvent {
  documentId: string;
  /** Stances the load stored that were not stored before (for a new document: all of its stances). */
  added: StanceRef[];
  /** Stances of the document's earlier version that the load removed. */
  removed: StanceRef[];
  eventId: string;
}

export interface EventPayloads {
  [DOCUMENT_LOADED]: DocumentLoadedEvent;
  [STANCES_CHANGED]: StancesChangedEvent;
}

/**
 * A document as the loader reports it after the commit (structurally src/ingest/loader.ts DocumentLoad:
 * events stands beside ingest and imports neither it nor anything above).
 */
export interface CommittedDocument {
  docId: string;
  title: string;
  status: 'created' | 'replaced' | 'unchanged';
  rows: LoadCounts;
  stances: { added: StanceRef[]; removed: StanceRef[] };
  committedAt: string;
}

export type LoadEvent =
  | { topic: typeof DOCUMENT_LOADED; payload: DocumentLoadedEvent }
  | { topic: typeof STANCES_CHANGED; payload: StancesChangedEvent };

/**
 * The events one committed document makes: none when it was unchanged; documentLoaded, then stancesChanged
 * when the load added or removed a stance (a replaced document whose stances all stayed tells only
 * documentLoaded).
 */
export function eventsOf(document: CommittedDocument, newId: () => string): LoadEvent[] {
  if (document.status === 'unchanged') return [];
  const { entities, claims, facts, mentions } = document.rows;
  const events: LoadEvent[] = [
    {
      topic: DOCUMENT_LOADED,
      payload: {
        id: document.docId,
        title: document.title,
        status: document.status === 'created' ? 'CREATED' : 'REPLACED',
        counts: { entities, claims, facts, mentions },
        committedAt: document.committedAt,
        eventId: newId(),
      },
    },
  ];
  const { added, removed } = document.stances;
  if (added.length || removed.length) {
    events.push({
      topic: STANCES_CHANGED,
      payload: { documentId: document.docId, added, removed, eventId: newId() },
    });
  }
  return events;
}
