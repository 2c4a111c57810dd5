import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseStats, RoundTrip } from '../../db';
import type { HTTP_STATUS } from '../../domain/errors';

/**
 * The service's Prometheus metrics (docs/observability.md lists them), in a registry of the service's own so
 * that several services in one process (tests, benchmarks) keep apart. Label values are bounded: an
 * operation is its name when the allow-list (schema/persisted-queries.json) has it, else OTHER_OPERATION or
 * ANONYMOUS_OPERATION; an outcome is `ok` or one of the service's error codes; a Cypher query is the name of
 * a file of cypher/ (or of a write statement).
 */

export const ANONYMOUS_OPERATION = '(anonymous)';
export const OTHER_OPERATION = '(other)';
/** Codes Apollo and graphql-js answer with besides the service's own (format-error.ts passes them on). */
const APOLLO_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
];
export const OTHER_OUTCOME = 'OTHER';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const CYPHER_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60];

export interface MetricsOptions {
  /** Operation names kept as labels: those of the allow-list. */
  knownOperations: ReadonlySet<string>;
  /** The service's error codes (domain/errors.ts): outcomes kept as labels. */
  knownCodes: Readonly<typeof HTTP_STATUS>;
  /** Process metrics (CPU, memory, event loop, GC) as prom-client collects them. Default true. */
  processMetrics?: boolean;
}

/** What the gauges read when scraped; set by the server once the parts exist. */
export interface MetricsSources {
  database?: () => DatabaseStats;
  subscriptions?: () => { connections: number; subscriptions: number };
}

export class Metrics {
  readonly registry = new Registry();
  readonly sources: MetricsSources = {};
  private readonly knownOperations: ReadonlySet<string>;
  private readonly knownOutcomes: Set<string>;

  readonly requests: Counter<'operation' | 'type' | 'outcome'>;
  readonly requestSeconds: Histogram<'operation' | 'type'>;
  readonly requestRoundTrips: Histogram<'operation'>;
  readonly cypherRoundTrips: Counter<'query' | 'mode' | 'outcome'>;
  readonly cypherSeconds: Histogram<'query' | 'mode'>;
  readonly loads: Counter<'status'>;
  readonly loadRows: Counter<'kind'>;
  readonly loadGraph: Counter<'change'>;
  readonly loadDocumentRows: Histogram;
  readonly loadSeconds: Histogram;
  readonly rateLimited: Counter<'budget'>;
  /**
   * The response cache's hits and misses: the cache calls `metrics.cacheHits.inc()` and
   * `metrics.cacheMisses.inc()` (both stay 0 while the service has no cache).
   */
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  readonly subscribes: Counter<'operation' | 'outcome'>;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    this.knownOperations = options.knownOperations;
    this.knownOutcomes = new Set(['ok', ...Object.keys(options.knownCodes), ...APOLLO_CODES]);
    this.requests = new Counter({
      name: 'stancegraph_graphql_requests_total',
      help: 'GraphQL requests over HTTP, by operation name, operation type and outcome (ok or the error code).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'stancegraph_graphql_request_duration_seconds',
      help: 'Time from a GraphQL request arriving to its answer sent, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: SECONDS,
      registers,
    });
    this.requestRoundTrips = new Histogram({
      name: 'stancegraph_graphql_request_cypher_round_trips',
      help: 'Cypher statements one GraphQL request sent to Neo4j, by operation name.',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
      registers,
    });
    this.cypherRoundTrips = new Counter({
      name: 'stancegraph_cypher_round_trips_total',
      help: 'Cypher statements answered by Neo4j, by named query, access mode and outcome (ok or error).',
      labelNames: ['query', 'mode', 'outcome'],
      registers,
    });
    this.cypherSeconds = new Histogram({
      name: 'stancegraph_cypher_query_duration_seconds',
      help: 'Time of one Cypher statement (sent to all rows received), by named query and access mode.',
      labelNames: ['query', 'mode'],
      buckets: CYPHER_SECONDS,
      registers,
    });
    const db = () => this.sources.database?.();
    new Gauge({
      name: 'stancegraph_neo4j_sessions_open',
      help: 'Driver sessions open now; each holds at most one connection of the pool.',
      registers,
      collect() {
        this.set(db()?.sessionsOpen ?? 0);
      },
    });
    new Gauge({
      name: 'stancegraph_neo4j_transactions_running',
      help: 'Transactions running now (at most stancegraph_neo4j_transactions_max).',
      registers,
      collect() {
        this.set(db()?.transactionsRunning ?? 0);
      },
    });
    new Gauge({
      name: 'stancegraph_neo4j_transactions_queued',
      help: 'Transactions waiting for a free slot now.',
      registers,
      collect() {
        this.set(db()?.transactionsQueued ?? 0);
      },
    });
    new Gauge({
      name: 'stancegraph_neo4j_transactions_max',
      help: 'Transactions the service runs at once; the rest queue.',
      registers,
      collect() {
        this.set(db()?.maxTransactions ?? 0);
      },
    });
    new Gauge({
      name: 'stancegraph_neo4j_pool_max_connections',
      help: "The driver's connection pool size (maxConnectionPoolSize).",
      registers,
      collect() {
        this.set(db()?.poolSize ?? 0);
      },
    });
    this.loads = new Counter({
      name: 'stancegraph_documents_loaded_total',
      help: 'Documents committed by loadDocument, by status (created, replaced, unchanged).',
      labelNames: ['status'],
      registers,
    });
    this.loadRows = new Counter({
      name: 'stancegraph_load_rows_total',
      help: 'Rows of the documents loadDocument committed, by kind (sentences, entities, mentions, claims, facts).',
      labelNames: ['kind'],
      registers,
    });
    this.loadGraph = new Counter({
      name: 'stancegraph_load_graph_changes_total',
      help:
        'What loadDocument commits changed in the graph: nodes_created, nodes_deleted, ' +
        'relationships_created, relationships_deleted.',
      labelNames: ['change'],
      registers,
    });
    this.loadDocumentRows = new Histogram({
      name: 'stancegraph_load_document_rows',
      help: 'Size of each document loadDocument committed: its rows (sentences + entities + mentions + claims + facts).',
      buckets: [10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 50_000],
      registers,
    });
    this.loadSeconds = new Histogram({
      name: 'stancegraph_load_duration_seconds',
      help: 'Time of each loadDocument transaction, to its commit.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'stancegraph_rate_limited_total',
      help: 'Requests refused 429 RATE_LIMITED, by the budget that ran out (requests or writes).',
      labelNames: ['budget'],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'stancegraph_response_cache_hits_total',
      help: 'GraphQL reads answered from the response cache.',
      registers,
    });
    this.cacheMisses = new Counter({
      name: 'stancegraph_response_cache_misses_total',
      help: 'GraphQL reads the response cache could have answered but did not have.',
      registers,
    });
    const sub = () => this.sources.subscriptions?.();
    new Gauge({
      name: 'stancegraph_subscription_connections',
      help: 'WebSocket connections open now.',
      registers,
      collect() {
        this.set(sub()?.connections ?? 0);
      },
    });
    new Gauge({
      name: 'stancegraph_subscriptions_active',
      help: 'Subscriptions running now, over all connections.',
      registers,
      collect() {
        this.set(sub()?.subscriptions ?? 0);
      },
    });
    this.subscribes = new Counter({
      name: 'stancegraph_subscribes_total',
      help: 'Subscribe messages over WebSocket, by operation name and outcome (ok or the error code).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The label of an operation name: bounded by the allow-list. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    return this.knownOperations.has(name) ? name : OTHER_OPERATION;
  }

  outcomeLabel(outcome: string): string {
    return this.knownOutcomes.has(outcome) ? outcome : OTHER_OUTCOME;
  }

  roundTrip(trip: RoundTrip): void {
    this.cypherRoundTrips.inc({ query: trip.name, mode: trip.mode, outcome: trip.ok ? 'ok' : 'error' });
    this.cypherSeconds.observe({ query: trip.name, mode: trip.mode }, trip.seconds);
  }

  request(r: {
    operation: string | undefined;
    type: OperationType;
    outcome: string;
    seconds: number;
    roundTrips: number;
  }): void {
    const operation = this.operationLabel(r.operation);
    this.requests.inc({ operation, type: r.type, outcome: this.outcomeLabel(r.outcome) });
    this.requestSeconds.observe({ operation, type: r.type }, r.seconds);
    this.requestRoundTrips.observe({ operation }, r.roundTrips);
  }

  /** One commit of the writer (loadDocument). */
  committed(
    documents: { status: string; rows: object }[],
    counters: {
      nodesCreated: number;
      nodesDeleted: number;
      relationshipsCreated: number;
      relationshipsDeleted: number;
    },
    ms: number,
  ): void {
    for (const document of documents) {
      this.loads.inc({ status: document.status });
      if (document.status === 'unchanged') continue;
      let total = 0;
      for (const [kind, n] of Object.entries(document.rows as Record<string, number>)) {
        this.loadRows.inc({ kind }, n);
        total += n;
      }
      this.loadDocumentRows.observe(total);
    }
    this.loadGraph.inc({ change: 'nodes_created' }, counters.nodesCreated);
    this.loadGraph.inc({ change: 'nodes_deleted' }, counters.nodesDeleted);
    this.loadGraph.inc({ change: 'relationships_created' }, counters.relationshipsCreated);
    this.loadGraph.inc({ change: 'relationships_deleted' }, counters.relationshipsDeleted);
    this.loadSeconds.observe(ms / 1000);
  }
}
