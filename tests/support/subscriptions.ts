import { Client, FormattedExecutionResult, createClient } from 'graphql-ws';
import { GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';

/** ws://host:port/graphql for the service at url (http://host:port). */
export const wsUrl = (url: string) => `${url.replace(/^http/, 'ws')}/graphql`;

/** A graphql-ws client (the library's own, as any Node subscriber would use it) that never retries. */
export function subscriptionClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** What one subscription received, in order, and how it ended. */
export interface Subscription<T> {
  results: FormattedExecutionResult<T>[];
  /** The data of every result without errors. */
  data(): T[];
  /** GraphQL errors (an `error` message), or the close event that ended it. */
  failure?: readonly GraphQLFormattedError[] | { code: number; reason: string } | unknown;
  completed: boolean;
  /** Resolves once `count` results have arrived, or the subscription ended. */
  received(count: number): Promise<void>;
  /** Resolves once it has ended (completed or failed). */
  ended: Promise<void>;
  stop(): void;
}

export function subscribe<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
  onResult?: (result: FormattedExecutionResult<T>) => void | Promise<void>,
): Subscription<T> {
  const waiters: { count: number; resolve: () => void }[] = [];
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const wake = () => {
    for (const w of [...waiters]) {
      if (sub.results.length >= w.count || sub.completed || sub.failure !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  // Results are recorded after onResult has run: a test that looks at them sees its checks done.
  let chain = Promise.resolve();
  const sub: Subscription<T> = {
    results: [],
    data: () => sub.results.filter((r) => !r.errors).map((r) => r.data as T),
    completed: false,
    received: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        wake();
      }),
    ended,
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        chain = chain.then(async () => {
          await onResult?.(result as FormattedExecutionResult<T>);
          sub.results.push(result as FormattedExecutionResult<T>);
          wake();
        });
      },
      error: (error) => {
        chain = chain.then(() => {
          sub.failure = error;
          wake();
          end();
        });
      },
      complete: () => {
        chain = chain.then(() => {
          sub.completed = true;
          wake();
          end();
        });
      },
    },
  );
  return sub;
}

/** Polls until check() holds; jest's timeout bounds the wait. Not a timing assertion: no bound is asserted. */
export async function until(check: () => boolean, pollMs = 10): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, pollMs));
}

/** A bare WebSocket speaking graphql-transport-ws, for what the protocol client hides (close codes). */
export interface RawConnection {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown>): void;
  /** Resolves with the first message of this type (and id, when given). */
  message(type: string, id?: string): Promise<Record<string, unknown>>;
}

export async function rawConnection(
  url: string,
  init?: Record<string, unknown> | null,
): Promise<RawConnection> {
  const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
  const messages: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const l of [...listeners]) l();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const connection: RawConnection = {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    message: (type, id) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const found = messages.find((m) => m.type === type && (id === undefined || m.id === id));
          if (found) {
            listeners.delete(look);
            resolve(found);
          }
        };
        listeners.add(look);
        look();
        void closed.then((c) => {
          if (listeners.delete(look)) reject(new Error(`closed (${c.code} ${c.reason}) before a ${type}`));
        });
      }),
  };
  if (init !== null) connection.send({ type: 'connection_init', ...(init ? { payload: init } : {}) });
  return connection;
}
