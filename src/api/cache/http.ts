import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type express from 'express';
import type { EventBus } from '../../events/bus';
import { DOCUMENT_LOADED } from '../../events/events';
import type { Logger } from '../../logger';
import type { GraphContext } from '../context';
import type { RequestAuth } from '../security/tokens';
import { CacheTicket, ResponseCache } from './response-cache';
import { canonicalJson } from '../../canonical-json';

/**
 * The response cache on /graphql (docs/performance.md, "Response cache"): an Express handler in front of
 * Apollo answers a request it has an answer for, straight from memory; on a miss it hands Apollo a ticket
 * (through the context), this module's Apollo plugin says whether the answer may be kept (a query, no
 * errors), and the handler keeps the body Apollo sends.
 *
 * The key: the role of the request's token, its Accept header (Apollo picks the content type from it), the
 * operation's text (or its persisted-query hash), its operationName and its variables as canonical JSON. The
 * graph's version is not in the key: a new version empties the cache.
 */

/** Revalidate every time, with the ETag; never in a shared cache (the answer depends on the token). */
const CACHE_CONTROL = 'private, no-cache';
const TICKET = Symbol('responseCacheTicket');

export interface ResponseCacheLayer {
  cache: ResponseCache;
  /** Mounted on /graphql after the token check, the body parser and the allow-list, before Apollo. */
  middleware: express.RequestHandler;
  plugin: ApolloServerPlugin<GraphContext>;
  /** The ticket the middleware gave this response, for the request's GraphContext. */
  ticketOf(res: express.Response): CacheTicket | undefined;
  /** Stops following loads and events. */
  close(): Promise<void>;
}

export interface ResponseCacheLayerOptions {
  maxBytes: number;
  ttlMs: number;
  /** Committed loads elsewhere arrive as its DOCUMENT_LOADED events; while degraded the cache stands aside. */
  events: Pick<EventBus, 'pubSub' | 'status' | 'onStatusChange'>;
  /**
   * This instance's loads (src/ingest/writer.ts DocumentWriter): the version moves as soon as one commits,
   * before its event goes anywhere.
   */
  writer: { onCommitted(listener: () => void): () => void };
  auth(req: express.Request): RequestAuth;
  /**
   * The graph's stamp (cypher/queries/graph-stamp.cypher), polled every stampPollMs: a load no event
   * announced (`npm run load` beside the service, an instance without REDIS_URL) moves the version within
   * that time. 0: not polled.
   */
  stamp?: () => Promise<number>;
  stampPollMs?: number;
  /** Told of every lookup: a hit (with the operation's name, as the request gave it) or a miss. */
  onLookup?(req: express.Request, hit: boolean, operationName: string): void;
  log: Logger;
}

export function responseCacheLayer(options: ResponseCacheLayerOptions): ResponseCacheLayer {
  const { events, log } = options;
  const cache = new ResponseCache({ maxBytes: options.maxBytes, ttlMs: options.ttlMs });
  const stopCommitted = options.writer.onCommitted(() => cache.bump('load'));
  // Degraded: another instance's load would not reach this one, so nothing kept can be trusted.
  const stopStatus = events.onStatusChange((status) => cache.setServing(status.health === 'ok'));
  cache.setServing(events.status().health === 'ok');
  const following = followLoads(cache, events, log);
  const polling =
    options.stamp && options.stampPollMs
      ? pollStamp(cache, options.stamp, options.stampPollMs, log)
      : undefined;

  const middleware: express.RequestHandler = (req, res, next) => {
    if (!cache.serving) return next();
    const operation = operationOf(req);
    if (!operation || !preflighted(req)) return next();
    const key =
      `${options.auth(req).role}\n${req.headers.accept ?? ''}\n${operation.name}\n` +
      `${operation.variables}\n${operation.id}`;
    const get = req.method === 'GET';
    const hit = cache.get(key);
    options.onLookup?.(req, hit !== undefined, operation.name);
    if (hit) {
      if (get && matches(req.headers['if-none-match'], hit.etag)) {
        res.writeHead(304, { etag: hit.etag, 'cache-control': CACHE_CONTROL });
        res.end();
        return;
      }
      res.writeHead(
        200,
        get
          ? {
              'content-type': hit.contentType,
              'content-length': hit.body.length,
              etag: hit.etag,
              'cache-control': CACHE_CONTROL,
            }
          : { 'content-type': hit.contentType, 'content-length': hit.body.length },
      );
      res.end(hit.body);
      return;
    }
    const ticket = cache.ticket(key);
    // A POST seen for the first time has nothing to keep and no ETag to give: Apollo answers it alone.
    if (!get && !ticket.admitted) return next();
    (res.locals as Record<symbol, unknown>)[TICKET] = ticket;
    // Apollo's Express integration sends a complete answer with one res.send(string). A matching
    // If-None-Match is answered 304 here, as on a hit: Express's own check would answer 200 whenever the
    // request says Cache-Control: no-cache, which fetch() adds to every request with If-None-Match.
    const send = res.send;
    res.send = function (this: express.Response, body?: unknown) {
      res.send = send;
      if (ticket.cacheable && res.statusCode === 200 && typeof body === 'string') {
        if (ticket.admitted) {
          // Express would make this Buffer itself to send the string: made once, sent and kept.
          const type = res.getHeader('content-type');
          body = Buffer.from(body, 'utf8');
          ticket.keep(body as Buffer, typeof type === 'string' ? type : 'application/json; charset=utf-8');
        }
        if (get && matches(req.headers['if-none-match'], ticket.etag())) {
          res.removeHeader('content-type');
          res.writeHead(304);
          res.end();
          return res;
        }
      }
      return send.call(this, body);
    };
    next();
  };

  const listener: GraphQLRequestListener<GraphContext> = {
    async willSendResponse({ contextValue, operation, response, request }) {
      const ticket = contextValue.responseCache;
      if (!ticket || operation?.operation !== 'query') return;
      if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
      if (response.http.status !== undefined && response.http.status !== 200) return;
      ticket.cacheable = true;
      if (request.http?.method === 'GET') {
        response.http.headers.set('etag', ticket.etag());
        response.http.headers.set('cache-control', CACHE_CONTROL);
      }
    },
  };

  return {
    cache,
    middleware,
    plugin: { requestDidStart: async () => listener },
    ticketOf: (res) => (res.locals as Record<symbol, CacheTicket | undefined>)[TICKET],
    async close() {
      stopCommitted();
      stopStatus();
      await polling?.stop();
      await following.stop();
    },
  };
}

/**
 * Every DOCUMENT_LOADED event, in-process or from Redis, moves the version. A subscriber the bus ends (it
 * fell 1,024 events behind) moves it too, and subscribes again.
 */
function followLoads(
  cache: ResponseCache,
  events: Pick<EventBus, 'pubSub'>,
  log: Logger,
): { stop(): Promise<void> } {
  let stopped = false;
  let iterator = events.pubSub.subscribe(DOCUMENT_LOADED);
  const done = (async () => {
    while (!stopped) {
      try {
        for await (const _event of iterator) cache.bump('event');
        return;
      } catch (error) {
        log.warn({ err: error }, 'response cache: load events lost; cache emptied, following again');
        cache.bump('events-lost');
        if (!stopped) iterator = events.pubSub.subscribe(DOCUMENT_LOADED);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await iterator.return?.();
      await done;
    },
  };
}

/**
 * The stamp read every `everyMs`: a change since the last read moves the version. A failed read (Neo4j
 * unreachable) empties the cache too, since a load could have committed unseen; the read after it sets the
 * stamp to compare with. One read in flight at a time; the timer does not keep the process alive.
 */
function pollStamp(
  cache: ResponseCache,
  stamp: () => Promise<number>,
  everyMs: number,
  log: Logger,
): { stop(): Promise<void> } {
  let last: number | undefined;
  let failing = false;
  let inFlight: Promise<void> = Promise.resolve();
  const read = async () => {
    try {
      const now = await stamp();
      if (last !== undefined && now !== last) cache.bump('stamp');
      last = now;
      if (failing) log.info('response cache: the graph stamp is readable again');
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ err: error }, 'response cache: the graph stamp cannot be read; cache emptied');
      failing = true;
      last = undefined;
      cache.bump('stamp');
    }
  };
  inFlight = read();
  const timer = setInterval(() => {
    inFlight = inFlight.then(read);
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

interface OperationKey {
  /** "q:" and the query text, or "h:" and the persisted query's sha256 when only that was sent. */
  id: string;
  name: string;
  variables: string;
}

/**
 * What names the operation, as Apollo will read it (runHttpQuery: POST body, or GET search parameters,
 * each given once); undefined for anything Apollo would refuse or that names no operation: Apollo answers.
 */
function operationOf(req: express.Request): OperationKey | undefined {
  const get = req.method === 'GET';
  if (!get && req.method !== 'POST') return undefined;
  const source: unknown = get ? req.query : req.body;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const { query, operationName, variables, extensions } = source as Record<string, unknown>;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  let id: string;
  if (typeof query === 'string') id = `q:${query}`;
  else if (query != null) return undefined;
  else {
    const hash = (jsonValue(extensions, get) as { persistedQuery?: { sha256Hash?: unknown } } | null)
      ?.persistedQuery?.sha256Hash;
    if (typeof hash !== 'string') return undefined;
    id = `h:${hash}`;
  }
  const vars = jsonValue(variables, get);
  if (vars === undefined) return undefined;
  if (vars !== null && (typeof vars !== 'object' || Array.isArray(vars))) return undefined;
  const empty = vars === null || Object.keys(vars).length === 0;
  return { id, name: operationName ?? '', variables: empty ? '' : canonicalJson(vars) };
}

/** A GET parameter is JSON text; a POST field is already parsed. null: absent; undefined: unusable. */
function jsonValue(value: unknown, get: boolean): unknown {
  if (value == null) return null;
  if (!get) return value;
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Apollo's CSRF prevention, no looser: a JSON content type, or with none (a GET) a non-empty
 * x-apollo-operation-name or apollo-require-preflight header. Anything else goes to Apollo, which decides.
 */
function preflighted(req: express.Request): boolean {
  const type = req.headers['content-type'];
  if (type !== undefined) return type.split(';', 1)[0].trim().toLowerCase() === 'application/json';
  const name = req.headers['x-apollo-operation-name'];
  const preflight = req.headers['apollo-require-preflight'];
  return (typeof name === 'string' && name !== '') || (typeof preflight === 'string' && preflight !== '');
}

/** If-None-Match against an ETag, by the weak comparison (RFC 9110 13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
