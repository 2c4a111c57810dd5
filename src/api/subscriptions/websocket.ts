import http from 'node:http';
import { GraphQLError, GraphQLSchema, OperationTypeNode } from 'graphql';
import { CloseCode, Context } from 'graphql-ws';
import { Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { ServiceError } from '../../domain/errors';
import type { SubscriptionEvents } from '../../events/bus';
import { Logger } from '../../logger';
import { Stores, createContext } from '../context';
import { errorFormatter } from '../format-error';
import type { SubscriptionHooks } from '../observability/observability';
import { guardOperation } from '../security/operation-guard';
import type { Security } from '../security/security';
import { RequestAuth } from '../security/tokens';

/**
 * How a connection is closed when the service ends it, by the code and the reason a client sees (the reason
 * starts with the service's error code). graphql-ws's own refusals (4400 bad message, 4408 no
 * connection_init within 3 s, 4409 duplicate id, 4429 second connection_init) keep their codes.
 */
export const CLOSE = {
  /** The read token is needed and was not in connectionParams: graphql-ws clients do not retry 4401. */
  UNAUTHENTICATED: CloseCode.Unauthorized,
  /** The instance is at SUBSCRIPTIONS_MAX_CONNECTIONS: 1013 Try Again Later, which clients retry. */
  TOO_MANY_CONNECTIONS: 1013,
  /** No subscription for SUBSCRIPTIONS_IDLE_TIMEOUT_MS: a normal closure (a lazy client reconnects). */
  IDLE: 1000,
  /** The service is stopping. */
  GOING_AWAY: 1001,
} as const;

export interface SubscriptionLimits {
  /** 0: no WebSocket endpoint at all. */
  maxConnections: number;
  maxPerConnection: number;
  idleTimeoutMs: number;
  /** A larger message closes the connection (1009): the HTTP body limit, for the same operations. */
  maxPayloadBytes: number;
  /** graphql-ws pings every connection this often and drops one that has not answered by the next ping. */
  keepAliveMs?: number;
}

export interface SubscriptionEndpointOptions {
  server: http.Server;
  path: string;
  schema: GraphQLSchema;
  stores: Stores;
  /** The bus the subscriptions follow: the same PubSub the schema was built with. */
  events: SubscriptionEvents;
  security: Pick<Security, 'tokens' | 'limits' | 'allowList' | 'apollo'>;
  persistedQueriesOnly: boolean;
  limits: SubscriptionLimits;
  production: boolean;
  logger: Logger;
  /** Who a connection is, the request budget each subscribe takes from, and the subscribe counts. */
  hooks?: SubscriptionHooks;
}

export interface SubscriptionStats {
  /** Connections accepted and open. */
  connections: number;
  /** Subscriptions running: their event streams are listening to the bus. */
  subscriptions: number;
}

export interface SubscriptionEndpoint {
  stats(): SubscriptionStats;
  /** Closes every connection (1001) and stops accepting new ones; the HTTP server is the caller's. */
  close(): Promise<void>;
}

interface Connection {
  auth?: RequestAuth;
  /** Its client id (observability/client.ts), for the rate limit. */
  client?: string;
  ctx?: Context<Record<string, unknown> | undefined, Extra>;
  lastActive: number;
  idle?: NodeJS.Timeout;
}

/** How long close() waits for clients to answer the close handshake before dropping them. */
const CLOSE_GRACE_MS = 2_000;

/** The name of the first operation in a query text, to count a subscribe refused before it is parsed. */
function namedIn(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  return /^(?:\s|#[^\n]*\n)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
}

/** connectionParams.authorization (or Authorization), as a browser cannot set headers on a WebSocket. */
function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * GraphQL over WebSocket (graphql-ws, subprotocol graphql-transport-ws) on the HTTP server's /graphql: the
 * same port and path as queries, for subscriptions only. graphql-ws runs outside Apollo's plugins, so every
 * check Apollo and src/api/security make on a query is made here, on connection or on each subscribe:
 * the read token (from connectionParams), the allow-list, the token, depth, alias, directive and cost
 * limits (operation-guard.ts), with the same error codes and formatting. Beyond them: at most
 * maxConnections open connections and maxPerConnection subscriptions on each, and a connection with no
 * subscription for idleTimeoutMs is closed.
 */
export function serveSubscriptions(options: SubscriptionEndpointOptions): SubscriptionEndpoint | undefined {
  const { limits, security, logger } = options;
  if (limits.maxConnections === 0) return undefined;
  const format = errorFormatter(logger);
  const formatted = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  const connections = new Map<WebSocket, Connection>();
  const guard = {
    schema: options.schema,
    limits: security.limits,
    validationRules: security.apollo.validationRules ?? [],
    allowList: security.allowList,
    persistedQueriesOnly: options.persistedQueriesOnly,
    operationTypes: [OperationTypeNode.SUBSCRIPTION],
  };

  const wss = new WebSocketServer({
    server: options.server,
    path: options.path,
    maxPayload: limits.maxPayloadBytes,
  });

  /** Closes the connection once it has had no subscription for idleTimeoutMs; checks again until then. */
  const watchIdle = (socket: WebSocket, connection: Connection, after: number) => {
    clearTimeout(connection.idle);
    connection.idle = setTimeout(() => {
      const running = Object.keys(connection.ctx?.subscriptions ?? {}).length;
      if (running > 0) connection.lastActive = Date.now();
      const quiet = Date.now() - connection.lastActive;
      if (quiet >= limits.idleTimeoutMs) {
        socket.close(CLOSE.IDLE, `IDLE: no subscription for ${Math.round(quiet / 1000)} s`);
      } else watchIdle(socket, connection, limits.idleTimeoutMs - quiet);
    }, after);
    connection.idle.unref();
  };

  // Registered before graphql-ws's own listener, so that a connection over the cap is closed first.
  wss.on('connection', (socket) => {
    if (connections.size >= limits.maxConnections) {
      logger.warn({ max: limits.maxConnections }, 'subscription connection refused: too many connections');
      socket.close(CLOSE.TOO_MANY_CONNECTIONS, `TOO_MANY_CONNECTIONS: the limit is ${limits.maxConnections}`);
      return;
    }
    const connection: Connection = { lastActive: Date.now() };
    connections.set(socket, connection);
    watchIdle(socket, connection, limits.idleTimeoutMs);
    socket.once('close', () => {
      clearTimeout(connection.idle);
      connections.delete(socket);
    });
  });

  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect(ctx) {
        const { socket, request } = ctx.extra;
        const connection = connections.get(socket);
        if (!connection) return false; // over the cap: already closing
        connection.ctx = ctx;
        const authorization = authorizationOf(ctx.connectionParams) ?? request.headers.authorization;
        connection.auth = security.tokens.identify(authorization);
        connection.client = options.hooks?.clientOf(request, authorization);
        if (security.tokens.readsNeedToken && connection.auth.role === 'anonymous') {
          socket.close(
            CLOSE.UNAUTHENTICATED,
            'UNAUTHENTICATED: send connectionParams { authorization: "Bearer <STANCEGRAPH_READ_TOKEN>" }',
          );
          return false;
        }
        return true;
      },
      onSubscribe(ctx, _id, payload) {
        const refused = (errors: readonly GraphQLError[]) => {
          const code = errors[0]?.extensions?.code;
          options.hooks?.subscribed(
            payload.operationName ?? namedIn(payload.query),
            typeof code === 'string' ? code : 'INTERNAL',
          );
          return errors;
        };
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return [new ServiceError('UNAUTHENTICATED', 'The connection is closing.')];
        connection.lastActive = Date.now();
        const limited = connection.client && options.hooks?.admit(connection.client);
        if (limited) return refused([limited]);
        // graphql-ws has entered this subscription already: the count includes it.
        const open = Object.keys(ctx.subscriptions).length;
        if (open > limits.maxPerConnection) {
          return refused([
            new ServiceError(
              'TOO_MANY_SUBSCRIPTIONS',
              `A connection may hold ${limits.maxPerConnection} subscriptions at once: complete one first, ` +
                'or open another connection.',
              { max: limits.maxPerConnection },
            ),
          ]);
        }
        const guarded = guardOperation(guard, payload);
        if ('errors' in guarded) return refused(guarded.errors);
        options.hooks?.subscribed(guarded.operation.name?.value, 'ok');
        return {
          schema: options.schema,
          document: guarded.document,
          operationName: guarded.operationName,
          variableValues: guarded.variables,
          contextValue: createContext(options.stores, { auth: connection.auth, events: options.events }),
        };
      },
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatted(result.errors) } : undefined,
      onComplete(ctx) {
        const connection = connections.get(ctx.extra.socket);
        if (connection) connection.lastActive = Date.now();
      },
      isProd: options.production,
    },
    wss,
    limits.keepAliveMs,
  );
  logger.debug({ path: options.path }, 'subscriptions served over WebSocket');

  let closing: Promise<void> | undefined;
  return {
    stats() {
      let subscriptions = 0;
      for (const { ctx } of connections.values()) {
        // null while graphql-ws is still setting one up (onSubscribe, subscribe); then its event stream.
        for (const running of Object.values(ctx?.subscriptions ?? {})) if (running) subscriptions += 1;
      }
      return { connections: connections.size, subscriptions };
    },
    close() {
      closing ??= (async () => {
        for (const connection of connections.values()) clearTimeout(connection.idle);
        // A client that does not answer the close handshake is dropped after the grace period.
        const drop = setTimeout(() => {
          for (const socket of wss.clients) socket.terminate();
        }, CLOSE_GRACE_MS);
        try {
          await server.dispose();
        } finally {
          clearTimeout(drop);
        }
      })();
      return closing;
    },
  };
}
