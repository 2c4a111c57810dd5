import { mapDatabaseError } from './errors';
import neo4j, { Driver, ManagedTransaction, QueryResult, RecordShape } from 'neo4j-driver';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Transaction timeout applied to every read and write, in ms. */
  queryTimeoutMs?: number;
  /** Fail fast when the database is gone instead of queueing: the service must answer 503 within 2 s. */
  connectionAcquisitionTimeoutMs?: number;
}

/** A query as the stores send it: its name (for logs and round-trip counts), text and parameters. */
export interface Query {
  name: string;
  text: string;
  params?: Record<string, unknown>;
}

/**
 * JS has one number type; Cypher tells integers from floats. Whole numbers go as Cypher integers so that
 * LIMIT accepts them and offsets are stored as integers (Python slices text with them).
 */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCypherParams(v);
    return out;
  }
  return value;
}

export type QueryListener = (query: Query, mode: 'READ' | 'WRITE') => void;

/**
 * One driver per process; every call names its database and goes through executeRead/executeWrite so that
 * reads are routed to secondaries on a cluster and transient failures are retried.
 */
export class Database {
  readonly driver: Driver;
  readonly name: string;
  private readonly timeoutMs: number;
  private readonly listeners = new Set<QueryListener>();

  constructor(options: DatabaseOptions) {
    this.name = options.database;
    this.timeoutMs = options.queryTimeoutMs ?? 10_000;
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      connectionTimeout: 1_500,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 1_500,
      maxTransactionRetryTime: 1_000,
      disableLosslessIntegers: true,
      userAgent: 'stancegraph',
    });
  }

  /** Observers see every query sent (tests count round trips; benchmarks record them). */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async read<T extends RecordShape = RecordShape>(query: Query): Promise<T[]> {
    this.notify(query, 'READ');
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead(
        (tx) => tx.run<T>(query.text, toCypherParams(query.params ?? {}) as Record<string, unknown>),
        {
          timeout: this.timeoutMs,
          metadata: { query: query.name },
        },
      );
      return result.records.map((r) => r.toObject());
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs work in one write transaction; the work must be idempotent because the driver may retry it. */
  async write<T>(name: string, work: (tx: WriteTx) => Promise<T>, timeoutMs = 120_000): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(new WriteTx(tx, this)), {
        timeout: timeoutMs,
        metadata: { query: name },
      });
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      await session.close();
    }
  }

  /** One attempt, no retries: /ready must answer within its deadline when the database is gone. */
  async ping(): Promise<void> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1 AS ok', {}, { timeout: 1_000 });
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** @internal */
  notify(query: Query, mode: 'READ' | 'WRITE'): void {
    for (const listener of this.listeners) listener(query, mode);
  }
}

/** A write transaction that reports each statement to the database's listeners. */
export class WriteTx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly db: Database,
  ) {}

  async run<T extends RecordShape = RecordShape>(
    query: Query,
  ): Promise<{ rows: T[]; summary: QueryResult['summary'] }> {
    this.db.notify(query, 'WRITE');
    const result = await this.tx.run<T>(
      query.text,
      toCypherParams(query.params ?? {}) as Record<string, unknown>,
    );
    return { rows: result.records.map((r) => r.toObject()), summary: result.summary };
  }
}
