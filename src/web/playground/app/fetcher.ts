import { Kind, OperationTypeNode, parse } from 'graphql';
import { type Client, createClient } from 'graphql-ws';

// Mirrors @graphiql/toolkit's FetcherParams/FetcherOpts, spelled out so the fetcher stays typed even where
// GraphiQL's React-dependent declarations degrade to `any` (see react-shims.d.ts).
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}
export interface FetcherOpts {
  headers?: Record<string, unknown>;
}
/** A result, or (for a subscription) a stream of them, which GraphiQL shows one after the other. */
export type Fetcher = (
  params: FetcherParams,
  opts?: FetcherOpts,
) => Promise<unknown> | AsyncIterable<unknown>;

/** ws(s)://<this host><endpoint>: subscriptions go to the same origin and path as queries. */
export function webSocketUrl(endpoint: string, location: Location = window.location): string {
  const url = new URL(endpoint, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.toString();
}

/**
 * Whether the operation GraphiQL runs (the named one, or the only one) is a subscription. A document that
 * does not parse goes over HTTP, where the service answers with the syntax error.
 */
export function isSubscription(params: FetcherParams): boolean {
  let operations;
  try {
    operations = parse(params.query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false;
  }
  const chosen = params.operationName
    ? operations.find((op) => op.name?.value === params.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  return chosen?.operation === OperationTypeNode.SUBSCRIPTION;
}

/** Queries and mutations: POST application/json, which also gets past Apollo's CSRF prevention. */
function httpFetch(endpoint: string, params: FetcherParams, opts?: FetcherOpts): Promise<unknown> {
  return (async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        // The headers editor holds arbitrary JSON; fetch only takes strings.
        ...Object.fromEntries(Object.entries(opts?.headers ?? {}).map(([k, v]) => [k, String(v)])),
        'content-type': 'application/json',
      },
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Surface non-GraphQL failures (proxy pages, 5xx text) in the result pane rather than swallowing them.
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  })();
}

/** What ended a subscription, as a GraphQL error list the result pane shows. */
function failure(err: unknown): { errors: { message: string; extensions?: unknown }[] } {
  if (Array.isArray(err)) return { errors: err as { message: string }[] };
  const close = err as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === 'number') {
    const reason = typeof close.reason === 'string' && close.reason ? `: ${close.reason}` : '';
    return { errors: [{ message: `The WebSocket closed with ${close.code}${reason}` }] };
  }
  return { errors: [{ message: err instanceof Error ? err.message : String(err) }] };
}

/**
 * The playground's fetcher: subscriptions over GraphQL over WebSocket (graphql-ws, bundled) to the page's own
 * origin, everything else over HTTP. The headers editor's values go in the WebSocket's connectionParams
 * (a browser cannot set headers on a WebSocket), so `{"authorization": "Bearer …"}` works for both. One
 * client per set of headers; the client is lazy, so its socket closes when its last subscription ends.
 */
export function createFetcher(endpoint: string): Fetcher {
  const url = webSocketUrl(endpoint);
  let current: { key: string; client: Client } | undefined;
  const clientFor = (headers: Record<string, unknown>): Client => {
    const key = JSON.stringify(headers);
    if (current?.key !== key) {
      current = { key, client: createClient({ url, connectionParams: headers, lazy: true }) };
    }
    return current.client;
  };

  return (params, opts) => {
    if (!isSubscription(params)) return httpFetch(endpoint, params, opts);
    const results = clientFor(opts?.headers ?? {}).iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: (params.variables ?? undefined) as Record<string, unknown> | undefined,
    });
    // An iterator rather than an async generator: GraphiQL's stop button calls return(), and a generator
    // waiting for the next event would only see that call once another event arrived. This one passes it
    // straight to graphql-ws, which completes the subscription at once.
    let ended = false;
    const stream: AsyncIterableIterator<unknown> = {
      [Symbol.asyncIterator]() {
        return stream;
      },
      async next() {
        if (ended) return { done: true, value: undefined };
        try {
          return await results.next();
        } catch (err) {
          // What ended it is shown as the last result, rather than as an exception without a message.
          ended = true;
          return { done: false, value: failure(err) };
        }
      },
      async return() {
        ended = true;
        await results.return?.();
        return { done: true, value: undefined };
      },
    };
    return stream;
  };
}
