/**
 * Arm "neo4j-graphql": @neo4j/graphql 7 over the same graph (bench-only), on the same HTTP stack as the
 * service (Express 5 + Apollo Server 5), so that the comparison is between the GraphQL-to-Cypher layers.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j from 'neo4j-driver';
import { armEnv, failArm, serveArm } from './arm';
import { neo4jGraphqlTypeDefs } from './neo4j-graphql.typedefs';

async function main(): Promise<void> {
  const env = armEnv();
  const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password), {
    userAgent: 'stancegraph-bench-neo4j-graphql',
  });
  const schema = await new Neo4jGraphQL({ typeDefs: neo4jGraphqlTypeDefs(), driver }).getSchema();
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const apollo = new ApolloServer({ schema, introspection: false });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async () => ({ sessionConfig: { database: env.database } }),
    }),
  );
  let requests = 0;
  server.on('request', () => requests++);
  await serveArm(server, {
    stats: () => ({ requests, queries: null }),
    close: async () => {
      await apollo.stop();
      await driver.close();
    },
  });
}

main().catch(failArm);
