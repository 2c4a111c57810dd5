import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import { GraphQLError, Kind, parse } from 'graphql';
import { Config } from '../../config';
import type { Database } from '../../db';
import { HTTP_STATUS } from '../../domain/errors';
import { Logger } from '../../logger';
import type { DocumentWriter } from '../../ingest/writer';
import type { Security } from '../security/security';
import { sendError } from '../security/http';
import { addressOf, clientId } from './client';
import { Metrics } from './metrics';
import { RateLimiter } from './rate-limit';
import { RequestObserver } from './requests';

/** What server.ts mounts: metrics, request logs, audit lines and rate limits, built from the configuration. */
export interface Observability {
  /** Undefined when METRICS=off. */
  metrics?: Metrics;
  observer: RequestObserver;
  limiter: RateLimiter;
  /** First on /graphql: timing and the log line, then the request budget. */
  before: express.RequestHandler[];
  /** After the body parser, before Apollo: the request's async context. */
  enter: express.RequestHandler;
  /** With Apollo's: the operation's name and outcome, then the write budget. */
  plugins: ApolloServerPlugin[];
  /** GET /metrics, answered as METRICS says (undefined when off). */
  route?: express.RequestHandler;
  /** For the WebSocket endpoint: who a connection is, and whether a subscribe may run. */
  subscriptions: SubscriptionHooks;
  /** Follows the database's round trips and the writer's commits; returns what stops following. */
  follow(
    db: Pick<Database, 'stats' | 'onRoundTrip'>,
    writer: Pick<DocumentWriter, 'onCommitted'>,
  ): () => void;
}

export interface SubscriptionHooks {
  clientOf(request: http.IncomingMessage, authorization: string | undefined): string;
  admit(client: string): GraphQLError | undefined;
  subscribed(operationName: string | undefined, outcome: string): void;
}

/** The names of the operations on the allow-list: the operation labels metrics keep as they are. */
function operationNames(entries: Record<string, string>): Set<string> {
  const names = new Set<string>();
  for (const text of Object.values(entries)) {
    try {
      for (const d of parse(text).definitions) {
        if (d.kind === Kind.OPERATION_DEFINITION && d.name) names.add(d.name.value);
      }
    } catch {
      // A broken entry is the allow-list test's to report.
    }
  }
  return names;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** /metrics: the registry's text; with METRICS=token only for `Authorization: Bearer <METRICS_TOKEN>`. */
function metricsRoute(metrics: Metrics, token: string | undefined): express.RequestHandler {
  const expected = token ? digest(token) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="stancegraph metrics"');
        return sendError(res, 'UNAUTHENTICATED', 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
      }
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}

export function createObservability(options: {
  config: Config;
  logger: Logger;
  security: Pick<Security, 'tokens' | 'allowList'>;
  app: express.Express;
}): Observability {
  const { config, logger, security, app } = options;
  const metrics =
    config.metrics === 'off'
      ? undefined
      : new Metrics({ knownOperations: operationNames(security.allowList.entries), knownCodes: HTTP_STATUS });
  const observer = new RequestObserver({ logger, metrics, tokens: security.tokens });
  const limiter = new RateLimiter({
    reads: config.RATE_LIMIT_READS,
    writes: config.RATE_LIMIT_WRITES,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    metrics,
  });
  return {
    metrics,
    observer,
    limiter,
    before: [observer.start, limiter.middleware((req) => observer.recordOf(req)?.client)],
    enter: observer.enter,
    plugins: [observer.plugin(), limiter.plugin(() => observer.current()?.client)],
    route: metrics && metricsRoute(metrics, config.metrics === 'token' ? config.METRICS_TOKEN : undefined),
    subscriptions: {
      clientOf: (request, authorization) =>
        clientId(authorization, security.tokens.identify(authorization).role, addressOf(app, request)),
      admit: (client) => limiter.admitSubscribe(client),
      subscribed: (operationName, outcome) =>
        metrics?.subscribes.inc({
          operation: metrics.operationLabel(operationName),
          outcome: metrics.outcomeLabel(outcome),
        }),
    },
    follow(db, writer) {
      const stopTrips = db.onRoundTrip((trip) => observer.roundTrip(trip));
      // Called within the load's request: its audit line names the documents.
      const stopCommits = writer.onCommitted((documents, counters, ms) => {
        observer.committed(documents);
        metrics?.committed(documents, counters, ms);
      });
      if (metrics) metrics.sources.database = () => db.stats();
      return () => {
        stopTrips();
        stopCommits();
        if (metrics) metrics.sources.database = undefined;
      };
    },
  };
}
