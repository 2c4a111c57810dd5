import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLSchema } from 'graphql';
import { Config, ConfigError, bytesOf as sizeInBytes } from './config';
import { Database } from './db/database';
import { Logger, createLogger } from './logger';
import { GraphContext, Stores, createContext, createStores } from './api/context';
import { errorFormatter } from './api/format-error';
import { jitGateway } from './api/executor';
import { playgroundRouter } from './web/playground/playground.router';
import { exampleTabs } from './web/playground/examples';
import { createSecurity } from './api/security/security';
import { DraftService } from './api/draft/draft.service';
import { LazyBackend } from './api/draft/lazy-backend';
import { graphLinker } from './draft/link';
import { dashboardRouter } from './web/dashboard/dashboard.router';
import { reviewRouter } from './web/review/review.router';
import { EventBus, createEventBus, publishCommitted } from './events/bus';
import { SubscriptionEndpoint, serveSubscriptions } from './api/subscriptions/websocket';
import { ResponseCacheLayer, responseCacheLayer } from './api/cache/http';
import type { ResponseCache } from './api/cache/response-cache';
import { trustProxySetting } from './api/observability/client';
import type { Metrics } from './api/observability/metrics';
import { createObservability } from './api/observability/observability';
import { ShutdownGate, retryAfterOn503 } from './api/unavailable';

export interface ServiceOptions {
  config: Config;
  db: Database;
  /** Default: new stores over db. */
  stores?: Stores;
  /** Default: a logger at config.LOG_LEVEL. */
  logger?: Logger;
  /** Default: the schema of the type-graphql classes (src/api/schema.ts). */
  schema?: GraphQLSchema;
  /** draftDocument's drafter. Default: DRAFT_NLP's backend, made on the first draft (draftService). */
  drafts?: DraftService;
  /**
   * Where loads are announced and subscriptions listen. Default: a bus of the service's own (REDIS_URL's, or
   * in-process), closed with it; one passed in belongs to the caller (cli.ts makes one before loading the
   * corpus, so that the start-up load is announced too).
   */
  events?: EventBus;
}

export interface Service {
  app: express.Express;
  server: http.Server;
  url: string;
  /** The bus the service publishes its loads to and its subscriptions follow. */
  events: EventBus;
  /** The WebSocket endpoint's counts; undefined when SUBSCRIPTIONS_MAX_CONNECTIONS=0 turned it off. */
  subscriptions?: SubscriptionEndpoint;
  /** The response cache of GraphQL reads; undefined when RESPONSE_CACHE=false. */
  responseCache?: ResponseCache;
  /**
   * The service's Prometheus metrics (docs/observability.md); undefined when METRICS=off. Other parts count
   * into it, e.g. a response cache: `metrics?.cacheHits.inc()`, `metrics?.cacheMisses.inc()`.
   */
  metrics?: Metrics;
  /**
   * Stops the service: new requests refused (503 SERVICE_UNAVAILABLE, also on open keep-alive connections),
   * requests in flight answered (at most DRAIN_GRACE_MS, 8 s), the HTTP server closed, then the NLP backend
   * a draft started; later calls wait for the first. The Database stays open: it belongs to whoever passed it in,
   * which may share it with other services or use it after this one (loading, tests, benchmarks).
   */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 1_500;

/**
 * How long a shutdown waits for the requests in flight before it closes their connections: under the 10 s
 * an orchestrator commonly allows, with room for closing the database after it. Reads end well before it
 * (HTTP_REQUEST_TIMEOUT_MS bounds them as a deadline); a load cut by it is rolled back whole.
 */
const DRAIN_GRACE_MS = 8_000;

/** What a client whose draft found no NLP backend is told to do, by DRAFT_NLP. */
const NLP_HINT = {
  corenlp:
    'Run `npm run corenlp:resolve` once (it needs Java 17+ and Maven) so that the service can start ' +
    'CoreNLP, or set CORENLP_URL to a running CoreNLP server, or set DRAFT_NLP=compromise to draft with ' +
    'the in-process backend; then draft again.',
  compromise: 'The in-process backend (DRAFT_NLP=compromise) failed: see the service log.',
} as const;

/**
 * draftDocument's drafter: the NLP backend DRAFT_NLP names, made on the first draft — CoreNLP is started
 * (or CORENLP_URL reached) only then, so the service starts and serves without it — and a linker over the
 * graph for each draft. Its modules are loaded on that first draft too.
 */
function draftService(
  config: Config,
  db: Database,
  logger: Logger,
): { drafts: DraftService; nlp: LazyBackend } {
  const nlp = new LazyBackend(async () => {
    if (config.DRAFT_NLP === 'compromise') {
      const { CompromiseBackend } = await import('./draft/nlp/compromise');
      return { backend: new CompromiseBackend(), release: async () => {} };
    }
    const [{ ensureCoreNlp }, { CoreNlpBackend }] = await Promise.all([
      import('./runtime/corenlp-server'),
      import('./draft/nlp/corenlp'),
    ]);
    const server = await ensureCoreNlp(config, (line) => logger.info(line));
    logger.info({ url: server.url }, 'CoreNLP is serving drafts');
    return { backend: new CoreNlpBackend({ url: server.url }), release: () => server.release() };
  });
  const drafts = new DraftService({
    nlp: () => nlp.get(),
    linker: () => graphLinker(db),
    unavailableHint: config.DRAFT_NLP === 'compromise' ? NLP_HINT.compromise : NLP_HINT.corenlp,
    linkTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  });
  return { drafts, nlp };
}

/** HTTP_BODY_LIMIT ("1mb", "100kb", "512b") in bytes, as express.json reads it. */
function bytesOf(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) return 1024 * 1024;
  return Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2].toLowerCase() as 'b' | 'kb' | 'mb'];
}

/**
 * Express + Apollo: /graphql (API and, outside production, the offline playground), /health, /ready; and
 * subscriptions over WebSocket on /graphql.
 */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { config, db } = options;
  const stores = options.stores ?? createStores(db);
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const drafting: { drafts: DraftService; nlp?: LazyBackend } = options.drafts
    ? { drafts: options.drafts }
    : draftService(config, db, logger);
  const events = options.events ?? createEventBus({ redisUrl: config.REDIS_URL, log: logger });
  // Every load through the API is announced once its transaction has committed.
  const stopPublishing = stores.writer.onCommitted(publishCommitted(events, logger));
  // Imported here: the resolvers' decorators need reflect-metadata, which the entry points load first.
  const schema =
    options.schema ?? (await (await import('./api/schema')).buildGraphSchema({ pubSub: events.pubSub }));
  const app = express();
  app.disable('x-powered-by');
  // Express's ETag would hash every response body; GET queries get the response cache's ETag instead, made
  // from the request and the graph's version (src/api/cache).
  app.set('etag', false);
  if (config.TRUST_PROXY) {
    try {
      app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
    } catch (error) {
      throw new ConfigError(
        `invalid configuration: TRUST_PROXY=${JSON.stringify(config.TRUST_PROXY)} ${(error as Error).message}`,
      );
    }
  }
  const server = http.createServer(app);
  // First of all the app's handlers: once the service is closing, new requests are refused here (503).
  const gate = new ShutdownGate();
  app.use(gate.middleware);
  // Limits, tokens, allow-list, timeouts: src/api/security, configured from the environment.
  const security = createSecurity(config, logger);
  security.applyTimeouts(server);
  // Metrics, request logs and audit lines, rate limits: src/api/observability (docs/observability.md).
  const observability = createObservability({ config, logger, security, app });
  const stopObserving = observability.follow(db, stores.writer);
  const cache: ResponseCacheLayer | undefined =
    config.RESPONSE_CACHE === 'true'
      ? responseCacheLayer({
          maxBytes: sizeInBytes(config.RESPONSE_CACHE_MAX_BYTES),
          ttlMs: config.RESPONSE_CACHE_TTL_MS,
          events,
          writer: stores.writer,
          auth: security.auth,
          stamp: () => stores.documents.graphStamp(),
          stampPollMs: config.RESPONSE_CACHE_STAMP_POLL_MS,
          onLookup(req, hit, operationName) {
            if (!hit) return void observability.metrics?.cacheMisses.inc();
            observability.metrics?.cacheHits.inc();
            observability.observer.servedFromCache(req, operationName);
          },
          log: logger,
        })
      : undefined;
  const apollo = new ApolloServer<GraphContext>({
    // The schema, executed by graphql-jit once an operation repeats (src/api/executor.ts).
    gateway: jitGateway(schema),
    ...security.apollo,
    formatError: errorFormatter(logger),
    // The entry point decides when to stop (cli.ts closes the service, then the database); Apollo's own
    // SIGINT/SIGTERM handler would race it, and re-raise the signal once it had stopped.
    stopOnTerminationSignals: false,
    plugins: [
      // apollo.stop() drains and closes the HTTP server through this plugin: Service.close needs no more.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; on by default, it wraps every field resolver to compute them (bench/).
      ApolloServerPluginCacheControlDisabled(),
      ...security.plugins,
      ...(cache ? [cache.plugin] : []),
      ...observability.plugins,
      retryAfterOn503(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    const health = events.health();
    res.json({ status: health, events: health });
  });
  app.get('/ready', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        }),
      ]);
      res.json({ status: 'ready', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    } finally {
      // Left running, it would hold a stopping process for up to READY_TIMEOUT_MS after the answer.
      clearTimeout(timer);
    }
  });
  if (observability.route) app.get('/metrics', observability.route);
  if (config.playground) {
    app.use(playgroundRouter({ endpoint: '/graphql', ...exampleTabs() }));
  }
  app.use(
    '/graphql',
    ...observability.before,
    ...security.before,
    observability.enter,
    ...(cache ? [cache.middleware] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(stores, {
          auth: security.auth(req),
          drafts: drafting.drafts,
          responseCache: cache?.ticketOf(res),
        }),
    }),
    security.errors,
  );
  // The pages after /graphql: their routers are not walked by every API request (paths apart, so the order
  // changes nothing else).
  // Always on, production included: a read-only page that uses the public API's non-introspection fields.
  app.use(dashboardRouter({ endpoint: '/graphql' }));
  // Always on too: the page only calls the public API, whose writes need the token the analyst types in.
  app.use(reviewRouter({ endpoint: '/graphql', playground: config.playground }));

  // The same port and path: WebSocket upgrades of /graphql are graphql-ws's, everything else Express's.
  const subscriptions = serveSubscriptions({
    server,
    path: '/graphql',
    schema,
    stores,
    events,
    security,
    persistedQueriesOnly: config.persistedQueriesOnly,
    limits: {
      maxConnections: config.SUBSCRIPTIONS_MAX_CONNECTIONS,
      maxPerConnection: config.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      idleTimeoutMs: config.SUBSCRIPTIONS_IDLE_TIMEOUT_MS,
      maxPayloadBytes: bytesOf(config.HTTP_BODY_LIMIT),
    },
    production: config.NODE_ENV === 'production',
    logger,
    hooks: observability.subscriptions,
  });
  if (observability.metrics && subscriptions)
    observability.metrics.sources.subscriptions = () => subscriptions.stats();

  // The connections a burst of reads needs, opened a few at a time before the first request (Database.warmUp).
  const warm = await db.warmUp();
  logger.debug({ connections: warm }, 'database connections opened ahead');
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (error) {
    stopPublishing();
    await cache?.close();
    stopObserving();
    await subscriptions?.close();
    await apollo.stop().catch(() => {});
    if (!options.events) await events.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'stancegraph is serving');
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    // New requests are refused from here on (503, Connection: close); those in flight run to their end.
    gate.close();
    // WebSocket connections first: the HTTP server's drain waits for every socket, upgraded ones too.
    await subscriptions?.close();
    try {
      // Loads in flight finish, and are announced (to other instances' subscribers, with Redis).
      await apollo.stop();
    } finally {
      stopPublishing();
      await cache?.close();
      stopObserving();
      await drafting.nlp?.release();
      if (!options.events) await events.close();
    }
  };
  return {
    app,
    server,
    url,
    events,
    subscriptions,
    responseCache: cache?.cache,
    metrics: observability.metrics,
    // Subscriptions closed, requests answered, then the NLP backend a draft started (CoreNLP's JVM) stopped.
    close: () => (stopped ??= stop()),
  };
}
