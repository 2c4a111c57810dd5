import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLSchema } from 'graphql';
import { Config } from './config';
import { Database } from './db/database';
import { Logger } from './logger';
import { GraphContext, Stores, createContext } from './api/context';
import { errorFormatter } from './api/errors.plugin';
import { playgroundRouter } from './api/playground/playground';
import { EXAMPLE_QUERIES, EXAMPLE_TABS } from './api/playground/examples';

export interface ServiceOptions {
  config: Config;
  db: Database;
  stores: Stores;
  logger: Logger;
  schema: GraphQLSchema;
}

export interface Service {
  app: express.Express;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 1_500;

/** Express + Apollo: /graphql (API and, outside production, the offline playground), /health, /ready. */
export async function startService({ config, db, stores, logger, schema }: ServiceOptions): Promise<Service> {
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const apollo = new ApolloServer<GraphContext>({
    schema,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: errorFormatter(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS)),
      ]);
      res.json({ status: 'ready', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });
  if (config.playground) {
    app.use(
      playgroundRouter({ endpoint: '/graphql', defaultQuery: EXAMPLE_QUERIES, defaultTabs: EXAMPLE_TABS }),
    );
  }
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async () => createContext(stores) }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'stancegraph is serving');
  return {
    app,
    server,
    url,
    close: async () => {
      await apollo.stop();
    },
  };
}
