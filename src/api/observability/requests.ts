import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import { Kind } from 'graphql';
import type { RoundTrip } from '../../db';
import { Logger } from '../../logger';
import { ERROR_CODE_LOCAL } from '../security/http';
import { Role, Tokens } from '../security/tokens';
import { clientId } from './client';
import { Metrics, OperationType } from './metrics';

/** What is known of one /graphql request while it runs; logged (one line) and counted when it ends. */
export interface RequestRecord {
  /** performance.now() when it arrived. */
  started: number;
  client: string;
  role: Role;
  /** Its operation's name, once Apollo has resolved it (or as the body names it, for a refused request). */
  operation?: string;
  type: OperationType;
  /** The root fields of a mutation, for the audit line. */
  fields?: string[];
  /** `ok`, or the code of the first error answered. */
  outcome?: string;
  /** Answered from the response cache (src/api/cache): Apollo never saw it. */
  cached?: boolean;
  roundTrips: number;
  /** Documents a write committed (the writer tells, in the request's async context). */
  documents: { id: string; status: string }[];
}

/** The code of an answer that carries none the service set, by its HTTP status. */
const STATUS_OUTCOME: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'BAD_REQUEST',
  405: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'BAD_REQUEST',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
  504: 'QUERY_TIMEOUT',
};

/** A GraphQL name, as a client may send in operationName: anything else is not logged. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export interface RequestObserverOptions {
  logger: Logger;
  metrics?: Metrics;
  tokens: Tokens;
}

/**
 * One line per /graphql request in the log (operation, type, duration, Cypher round trips, outcome, HTTP
 * status, client id) and in the metrics, and an audit line for every mutation (who, which root fields,
 * which documents it committed, outcome). Never the variables, the query text or a token: the client is a
 * digest of its token (client.ts).
 *
 * `start` goes first on /graphql (it times the request and sees every refusal); `enter` goes after the body
 * parser (whose stream callbacks would lose the async context): from there on, the request's Cypher round
 * trips and commits find their record through an AsyncLocalStorage of this service's own.
 */
export class RequestObserver {
  private readonly context = new AsyncLocalStorage<RequestRecord>();
  private readonly records = new WeakMap<express.Request, RequestRecord>();

  constructor(private readonly options: RequestObserverOptions) {}

  /** The record of the request whose async context this is, if any. */
  current(): RequestRecord | undefined {
    return this.context.getStore();
  }

  recordOf(req: express.Request): RequestRecord | undefined {
    return this.records.get(req);
  }

  readonly start: express.RequestHandler = (req, res, next) => {
    const authorization = req.headers.authorization;
    const { role } = this.options.tokens.identify(authorization);
    const record: RequestRecord = {
      started: performance.now(),
      client: clientId(authorization, role, req.ip),
      role,
      type: 'unknown',
      roundTrips: 0,
      documents: [],
    };
    this.records.set(req, record);
    res.once('close', () => this.finish(req, res, record));
    next();
  };

  readonly enter: express.RequestHandler = (req, _res, next) => {
    const record = this.records.get(req);
    if (!record) return next();
    this.context.run(record, () => next());
  };

  /** The response cache answered it: a query, named as its key names it, answered ok with no Cypher. */
  servedFromCache(req: express.Request, operationName: string): void {
    const record = this.records.get(req);
    if (!record) return;
    record.operation = operationName || undefined;
    record.type = 'query';
    record.outcome = 'ok';
    record.cached = true;
  }

  /** Counts the statement for the request that sent it (if a request did) and in the metrics. */
  roundTrip(trip: RoundTrip): void {
    const record = this.context.getStore();
    if (record) record.roundTrips += 1;
    this.options.metrics?.roundTrip(trip);
  }

  /** A commit of the writer: its documents go to the audit line of the request that made it. */
  committed(documents: { docId: string; status: string }[]): void {
    const record = this.context.getStore();
    if (record) record.documents.push(...documents.map((d) => ({ id: d.docId, status: d.status })));
  }

  /** Apollo's side: the operation's name, type and root fields, and the outcome of what it answers. */
  plugin(): ApolloServerPlugin {
    const context = this.context;
    return {
      async requestDidStart() {
        const record = context.getStore();
        if (!record) return;
        return {
          async didResolveOperation({ operation, operationName }) {
            if (!operation) return;
            record.operation = operationName ?? undefined;
            record.type = operation.operation;
            if (operation.operation === 'mutation') {
              record.fields = operation.selectionSet.selections
                .flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
                .slice(0, 20);
            }
          },
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') {
              record.outcome ??= 'ok';
              return;
            }
            const errors = response.body.singleResult.errors;
            const code = errors?.[0]?.extensions?.code;
            record.outcome = errors?.length ? (typeof code === 'string' ? code : 'INTERNAL') : 'ok';
          },
        };
      },
    };
  }

  private finish(req: express.Request, res: express.Response, record: RequestRecord): void {
    const seconds = (performance.now() - record.started) / 1000;
    if (record.operation === undefined) {
      const named = (req.body as { operationName?: unknown } | undefined)?.operationName;
      if (typeof named === 'string' && NAME.test(named)) record.operation = named;
    }
    const outcome = !res.writableFinished
      ? 'ABORTED'
      : (record.outcome ??
        (res.locals[ERROR_CODE_LOCAL] as string | undefined) ??
        (res.statusCode < 400 ? 'ok' : (STATUS_OUTCOME[res.statusCode] ?? 'INTERNAL')));
    this.options.metrics?.request({
      operation: record.operation,
      type: record.type,
      outcome,
      seconds,
      roundTrips: record.roundTrips,
    });
    // Nothing more to do for a query when request lines are not logged (LOG_LEVEL above info).
    if (!this.options.logger.isLevelEnabled('info')) return;
    const line = {
      operation: record.operation ?? null,
      type: record.type,
      ms: Math.round(seconds * 10_000) / 10,
      roundTrips: record.roundTrips,
      outcome,
      status: res.statusCode,
      client: record.client,
      ...(record.cached ? { cached: true } : {}),
    };
    this.options.logger.info(line, 'graphql request');
    if (record.type === 'mutation') {
      this.options.logger.info(
        {
          audit: 'write',
          client: record.client,
          role: record.role,
          operation: record.operation ?? null,
          fields: record.fields ?? [],
          documents: record.documents,
          outcome,
          status: res.statusCode,
        },
        'audit: write',
      );
    }
  }
}
