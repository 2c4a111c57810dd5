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
import { Config } from './config';
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
import { redisEventTarget } from './events/redis';

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
}

export interface Service {
  app: express.Express;
  server: http.Server;
  url: string;
  /**
   * Stops the service: no new connections, requests in flight answered (at most 10 s), the HTTP server
   * closed, then the NLP backend a draft started; later calls wait for the first. The Database stays open: it belongs to whoever passed it in,
   * which may share it with other services or use it after this one (loading, tests, benchmarks).
   */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 1_500;

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

/** Express + Apollo: /graphql (API and, outside production, the offline playground), /health, /ready. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { config, db } = options;
  const stores = options.stores ?? createStores(db);
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const drafting: { drafts: DraftService; nlp?: LazyBackend } = options.drafts
    ? { drafts: options.drafts }
    : draftService(config, db, logger);
  // Imported here: the resolvers' decorators need reflect-metadata, which the entry points load first.
  const schema = options.schema ?? (await (await import('./api/schema')).buildGraphSchema());
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POSTs that no cache revalidates: an ETag would only hash every response body.
  app.set('etag', false);
  const server = http.createServer(app);
  // Limits, tokens, allow-list, timeouts: src/api/security, configured from the environment.
  const security = createSecurity(config, logger);
  security.applyTimeouts(server);
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
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; on by default, it wraps every field resolver to compute them (bench/).
      ApolloServerPluginCacheControlDisabled(),
      ...security.plugins,
    ],
  });
  await apollo.start();

  // With REDIS_URL: the Redis event target (src/events/redis.ts). The event bus (src/events/bus.ts, issue 16's
  // subscriptions) is made over it when that lands; until then only its health is served.
  const events = config.REDIS_URL ? redisEventTarget(config.REDIS_URL, logger) : undefined;
  // Alive answers 200 even when degraded: restarting the process would not bring Redis back.
  app.get('/health', (_req, res) => {
    const health = events?.health() ?? 'ok';
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
  if (config.playground) {
    app.use(playgroundRouter({ endpoint: '/graphql', ...exampleTabs() }));
  }
  // Always on, production included: a read-only page that uses the public API's non-introspection fields.
  app.use(dashboardRouter({ endpoint: '/graphql' }));
  // Always on too: the page only calls the public API, whose writes need the token the analyst types in.
  app.use(reviewRouter({ endpoint: '/graphql', playground: config.playground }));
  app.use(
    '/graphql',
    ...security.before,
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(stores, { auth: security.auth(req), drafts: drafting.drafts }),
    }),
    security.errors,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'stancegraph is serving');
  let stopped: Promise<void> | undefined;
  return {
    app,
    server,
    url,
    // Requests answered first, then the NLP backend a draft started (CoreNLP's JVM) is stopped.
    close: () =>
      (stopped ??= apollo
        .stop()
        .finally(() => Promise.all([drafting.nlp?.release(), events?.close()]).then(() => {}))),
  };
}
