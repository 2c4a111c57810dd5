import http from 'node:http';
import type { ApolloServerOptions } from '@apollo/server';
import express from 'express';
import { Config } from '../../config';
import { Logger } from '../../logger';
import type { GraphContext } from '../context';
import { jsonErrors, operationDeadline, persistedQueriesOnly, requireReadToken } from './http';
import { RequestLimits, apolloSecurityOptions, requestLimits } from './request-limits';
import { AllowList } from './persisted-queries';
import { RequestAuth, Tokens } from './tokens';

/** Longest wait for a request's headers; slow-header clients must not hold sockets for the full timeout. */
const MAX_HEADERS_TIMEOUT_MS = 10_000;

/** Everything server.ts needs to secure /graphql, built from the configuration in one place. */
export interface Security {
  /** Spread into the ApolloServer options (its plugins go with the server's own). */
  apollo: Omit<ReturnType<typeof apolloSecurityOptions<GraphContext>>, 'plugins'> &
    Pick<ApolloServerOptions<GraphContext>, 'persistedQueries'>;
  plugins: ReturnType<typeof apolloSecurityOptions<GraphContext>>['plugins'];
  /** The /graphql chain up to Apollo: token, body parser, allow-list, deadline. */
  before: express.RequestHandler[];
  /** After Apollo on /graphql: body-parser and other errors as JSON. */
  errors: express.ErrorRequestHandler;
  /** The request's role, for the GraphQL context. */
  auth(req: express.Request): RequestAuth;
  /** Node's own timeouts for receiving a request. */
  applyTimeouts(server: http.Server): void;
  allowList: AllowList;
  /** The tokens, for who asks over WebSocket (src/api/subscriptions/websocket.ts). */
  tokens: Tokens;
  /** The limits every operation is held to, for the operations that do not go through Apollo. */
  limits: RequestLimits;
}

export function createSecurity(config: Config, logger: Logger): Security {
  const tokens = new Tokens({
    writeToken: config.STANCEGRAPH_WRITE_TOKEN,
    readToken: config.STANCEGRAPH_READ_TOKEN,
  });
  const allowList = AllowList.load(config.persistedQueriesOnly);
  const limits = requestLimits(config);
  const { plugins, ...apollo } = apolloSecurityOptions<GraphContext>(limits);
  const before: express.RequestHandler[] = [
    requireReadToken(tokens),
    express.json({ limit: config.HTTP_BODY_LIMIT }),
    ...(config.persistedQueriesOnly ? [persistedQueriesOnly(allowList)] : []),
    operationDeadline(config.HTTP_REQUEST_TIMEOUT_MS),
  ];
  return {
    apollo: { ...apollo, persistedQueries: { cache: allowList.cache } },
    plugins,
    before,
    errors: jsonErrors(logger, config.HTTP_BODY_LIMIT),
    auth: (req) => tokens.identify(req.headers.authorization),
    applyTimeouts(server) {
      server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
      server.headersTimeout = Math.min(config.HTTP_REQUEST_TIMEOUT_MS, MAX_HEADERS_TIMEOUT_MS);
    },
    allowList,
    tokens,
    limits,
  };
}
