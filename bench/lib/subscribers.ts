import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscribers of bench/subscriptions.ts: one graphql-ws client (the library's own, as a Node subscriber
 * uses it) and one WebSocket connection each, on one service instance; every one follows documentLoaded,
 * a share also stancesChanged on the same connection. What each received is kept per event, with the time
 * it arrived by this process's clock (the service instances run on the same machine, the same clock).
 */

export interface Received {
  /** The document id (documentLoaded) or documentId (stancesChanged). */
  id: string;
  eventId: string;
  /** documentLoaded only: when the load's transaction committed, by the loading instance's clock (ms). */
  committedAt?: number;
  receivedAt: number;
}

export interface Subscriber {
  index: number;
  instance: number;
  client: Client;
  connected: boolean;
  documentLoaded: Received[];
  stancesChanged: Received[] | undefined;
  /** Errors or an early end, as text: none is expected. */
  failures: string[];
}

export interface SubscriberOptions {
  index: number;
  instance: number;
  wsUrl: string;
  documentLoaded: string;
  stancesChanged?: string;
  /** Called for every documentLoaded event after it is recorded. */
  onDocumentLoaded(subscriber: Subscriber, event: Received): void;
}

interface DocumentLoadedData {
  documentLoaded: { id: string; eventId: string; committedAt: string };
}
interface StancesChangedData {
  stancesChanged: { documentId: string; eventId: string };
}

export function openSubscriber(options: SubscriberOptions): Subscriber {
  const client = createClient({
    url: options.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    on: { connected: () => (subscriber.connected = true) },
  });
  const subscriber: Subscriber = {
    index: options.index,
    instance: options.instance,
    client,
    connected: false,
    documentLoaded: [],
    stancesChanged: options.stancesChanged ? [] : undefined,
    failures: [],
  };
  const fail = (what: string) => (error: unknown) =>
    subscriber.failures.push(`${what}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  client.subscribe<DocumentLoadedData>(
    { query: options.documentLoaded },
    {
      next: (result) => {
        const receivedAt = Date.now();
        const event = result.data?.documentLoaded;
        if (!event) return fail('documentLoaded result without data')(result.errors);
        const received: Received = {
          id: event.id,
          eventId: event.eventId,
          committedAt: Date.parse(event.committedAt),
          receivedAt,
        };
        subscriber.documentLoaded.push(received);
        options.onDocumentLoaded(subscriber, received);
      },
      error: fail('documentLoaded error'),
      complete: () => subscriber.failures.push('documentLoaded completed'),
    },
  );
  if (options.stancesChanged) {
    client.subscribe<StancesChangedData>(
      { query: options.stancesChanged },
      {
        next: (result) => {
          const receivedAt = Date.now();
          const event = result.data?.stancesChanged;
          if (!event) return fail('stancesChanged result without data')(result.errors);
          subscriber.stancesChanged!.push({ id: event.documentId, eventId: event.eventId, receivedAt });
        },
        error: fail('stancesChanged error'),
        complete: () => subscriber.failures.push('stancesChanged completed'),
      },
    );
  }
  return subscriber;
}

/** Per subscriber and topic: events received more than once (by eventId), and the ids missing. */
export function deliveryCheck(events: Received[], expectedIds: string[]) {
  const byEvent = new Map<string, number>();
  for (const e of events) byEvent.set(e.eventId, (byEvent.get(e.eventId) ?? 0) + 1);
  const duplicates = [...byEvent.values()].reduce((n, c) => n + (c - 1), 0);
  const ids = new Set(events.map((e) => e.id));
  const missing = expectedIds.filter((id) => !ids.has(id));
  const unexpected = [...ids].filter((id) => !expectedIds.includes(id));
  return { received: events.length, distinct: byEvent.size, duplicates, missing, unexpected };
}

/** p50/p99/max (nearest rank) of a list of milliseconds. */
export function percentiles(values: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: rank(0.5) ?? NaN,
    p99: rank(0.99) ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
