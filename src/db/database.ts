import { coalesceBoltWrites } from './bolt-writes';
import { currentDeadline, transactionTimeout } from './deadline';
import { mapDatabaseError } from './map-database-error';
import { ReadSessions, Recovery, autoCommitRead } from './reads';
import { Slots } from './slots';
import {
  Query,
  QueryListener,
  QueryRunner,
  RoundTripListener,
  WriteStatements,
  toCypherParams,
} from './query';
import neo4j, {
  BookmarkManager,
  Driver,
  ManagedTransaction,
  QueryResult,
  RecordShape,
  SessionMode,
} from 'neo4j-driver';

export type {
  Query,
  QueryListener,
  QueryRunner,
  RoundTrip,
  RoundTripListener,
  WriteStatements,
} from './query';
export { toCypherParams } from './query';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /**
   * Transaction timeout of every read, in ms, shortened to the request's deadline when there is one. Writes
   * pass their own (write()'s timeoutMs): a large document loads in one transaction.
   */
  queryTimeoutMs?: number;
  /**
   * Fail fast when the database is gone or hung instead of queueing: the service must answer 503 within
   * 2 s. (A burst of requests queues in Slots instead, never for a pooled connection.)
   */
  connectionAcquisitionTimeoutMs?: number;
  /**
   * How long the driver keeps retrying a write transaction (executeWrite) that failed with a retryable
   * error — the database restarting, a cluster's leader changing, a deadlock — before giving up; its waits
   * grow from 1 s (1, 2, 4 s …). Reads are retried by the read path, briefly (src/db/reads.ts).
   */
  maxTransactionRetryTimeMs?: number;
}

/** What the configuration (src/config.ts) says about the database; the URI comes separately. */
export interface DatabaseConfig {
  NEO4J_USER: string;
  NEO4J_PASSWORD: string;
  NEO4J_DATABASE: string;
  NEO4J_QUERY_TIMEOUT_MS: number;
  NEO4J_MAX_TRANSACTION_RETRY_TIME_MS?: number;
}

/**
 * The one way the service and its tools open the database from their configuration. The URI is not read
 * from it: with NEO4J_URI unset, the local Neo4j started for the process decides it (runtime/local.ts).
 * `tuning` is for tools whose work outlasts a request (bulk loads, benchmarks).
 */
export function openDatabase(
  config: DatabaseConfig,
  uri: string,
  tuning: Pick<DatabaseOptions, 'queryTimeoutMs' | 'connectionAcquisitionTimeoutMs'> = {},
): Database {
  return new Database({
    uri,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: tuning.queryTimeoutMs ?? config.NEO4J_QUERY_TIMEOUT_MS,
    connectionAcquisitionTimeoutMs: tuning.connectionAcquisitionTimeoutMs,
    maxTransactionRetryTimeMs: config.NEO4J_MAX_TRANSACTION_RETRY_TIME_MS,
  });
}

/**
 * What the database layer knows of its use of the driver. neo4j-driver 6 exposes no pool figures, so these
 * are its own counts: sessions open (each holds at most one pooled connection), transactions running and
 * waiting for a slot.
 */
export interface DatabaseStats {
  sessionsOpen: number;
  transactionsRunning: number;
  transactionsQueued: number;
  /** maxConnectionPoolSize, and CONCURRENT_TRANSACTIONS below it. */
  poolSize: number;
  maxTransactions: number;
}

/**
 * Transactions run at once; the rest queue in Slots, within their request's deadline. Enough to keep a
 * Neo4j busy, and few enough that a burst never exhausts the pool nor opens so many connections at once
 * that their handshakes (authentication is deliberately slow) outlast connectionAcquisitionTimeout on a
 * busy server: with 90, a cold burst of 64 clients on the 2-core CI machine failed with 503s; with 32 none
 * did. The pool keeps connections spare for ping().
 */
const CONCURRENT_TRANSACTIONS = 32;
/** NEO4J_MAX_TRANSACTION_RETRY_TIME_MS's default (src/config.ts says why). */
export const DEFAULT_WRITE_RETRY_MS = 5_000;
const POOL_SIZE = 100;

/**
 * One driver per process; every call names its database and runs in a transaction of its access mode, so
 * that reads are routed to secondaries on a cluster and writes to its leader, and transient failures are
 * retried. Every session shares one bookmark manager: a read started after a write committed — in another
 * request, on another session — waits on a cluster until the member serving it has that write
 * (read-your-writes across requests of one instance; docs/deployment.md for several instances).
 */
export class Database implements QueryRunner {
  readonly driver: Driver;
  readonly name: string;
  /** The bookmarks of this process's committed transactions, given to every session it opens. */
  readonly bookmarkManager: BookmarkManager = neo4j.bookmarkManager();
  private readonly timeoutMs: number;
  private readonly listeners = new Set<QueryListener>();
  private readonly tripListeners = new Set<RoundTripListener>();
  private sessionsOpen = 0;
  /** Retries reads and names final failures (src/db/reads.ts). */
  private readonly recovery = new Recovery();
  /** The READ sessions of the read path (src/db/reads.ts), opened and counted here. */
  private readonly readSessions: ReadSessions = {
    openRead: () => this.openSession(neo4j.session.READ),
    close: (session) => this.closeSession(session),
    timed: () => this.timed,
    roundTrip: (name, mode, started, ok) => this.roundTrip(name, mode, started, ok),
  };
  private readonly slots = new Slots(CONCURRENT_TRANSACTIONS);

  constructor(options: DatabaseOptions) {
    this.name = options.database;
    this.timeoutMs = options.queryTimeoutMs ?? 10_000;
    coalesceBoltWrites();
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      connectionTimeout: 1_500,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 1_500,
      maxConnectionPoolSize: POOL_SIZE,
      maxTransactionRetryTime: options.maxTransactionRetryTimeMs ?? DEFAULT_WRITE_RETRY_MS,
      disableLosslessIntegers: true,
      userAgent: 'stancegraph',
    });
  }

  /** Observers see every query sent (tests count round trips; benchmarks record them). */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Observers see every statement once it has been answered, with its time (metrics). Called in the
   * async context of whoever sent it, so an observer can tell which request it belongs to.
   */
  onRoundTrip(listener: RoundTripListener): () => void {
    this.tripListeners.add(listener);
    return () => this.tripListeners.delete(listener);
  }

  stats(): DatabaseStats {
    return {
      sessionsOpen: this.sessionsOpen,
      transactionsRunning: this.slots.holding,
      transactionsQueued: this.slots.queued,
      poolSize: POOL_SIZE,
      maxTransactions: CONCURRENT_TRANSACTIONS,
    };
  }

  async read<T extends RecordShape = RecordShape>(query: Query): Promise<T[]> {
    this.notify(query, 'READ');
    const statement = {
      name: query.name,
      text: query.text,
      params: toCypherParams(query.params ?? {}) as Record<string, unknown>,
    };
    // Per attempt: a retry gets what is left of the request's deadline, not the full timeout again.
    const result = await this.recovery.retried(() =>
      this.withSlot(() =>
        autoCommitRead<T>(this.readSessions, statement, transactionTimeout(this.timeoutMs)),
      ),
    );
    return result.records.map((r) => r.toObject());
  }

  /**
   * Runs work in one managed write transaction (executeWrite): routed to the leader, retried by the driver
   * on retryable errors within maxTransactionRetryTime, so the work must be idempotent.
   */
  async write<T>(name: string, work: (tx: WriteTx) => Promise<T>, timeoutMs = 120_000): Promise<T> {
    try {
      return await this.withSlot(async () => {
        const session = this.openSession(neo4j.session.WRITE);
        try {
          return await session.executeWrite((tx) => work(new WriteTx(tx, this)), {
            timeout: timeoutMs,
            metadata: { query: name },
          });
        } finally {
          await this.closeSession(session);
        }
      });
    } catch (error) {
      throw this.recovery.failure(error);
    }
  }

  /**
   * One write statement that cannot run inside a transaction (`CALL … IN TRANSACTIONS`, which commits its
   * own batches): an auto-commit statement in a WRITE session, retried here like a read. Only for statements
   * that may run twice (clearing the graph).
   */
  async writeAutoCommit(query: Query, timeoutMs = 600_000): Promise<void> {
    this.notify(query, 'WRITE');
    await this.recovery.retried(() =>
      this.withSlot(async () => {
        const session = this.openSession(neo4j.session.WRITE);
        const started = this.timed ? performance.now() : 0;
        let ok = false;
        try {
          await session.run(query.text, toCypherParams(query.params ?? {}) as Record<string, unknown>, {
            timeout: timeoutMs,
            metadata: { query: query.name },
          });
          ok = true;
        } finally {
          if (started) this.roundTrip(query.name, 'WRITE', started, ok);
          await this.closeSession(session);
        }
      }),
    );
  }

  /**
   * Runs work once a transaction slot is free (Slots); the timeout is computed after the wait. Within a
   * request, the wait ends at the request's deadline (SERVICE_UNAVAILABLE): a request never queues on
   * after it should have been answered.
   */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.slots.acquire(currentDeadline());
    try {
      return await work();
    } finally {
      release();
    }
  }

  private openSession(mode: SessionMode) {
    this.sessionsOpen++;
    return this.driver.session({
      database: this.name,
      defaultAccessMode: mode,
      bookmarkManager: this.bookmarkManager,
    });
  }

  private async closeSession(session: ReturnType<Driver['session']>) {
    try {
      await session.close();
    } finally {
      this.sessionsOpen--;
    }
  }

  /** @internal */
  roundTrip(name: string, mode: 'READ' | 'WRITE', started: number, ok: boolean): void {
    const trip = { name, mode, seconds: (performance.now() - started) / 1000, ok };
    for (const listener of this.tripListeners) listener(trip);
  }

  /** @internal Whether anyone times round trips (no clock read otherwise). */
  get timed(): boolean {
    return this.tripListeners.size > 0;
  }

  /**
   * Opens the connections a burst of reads needs before the burst comes: `connections` (the transactions
   * that may run at once, by default) READ transactions held open together, so that each has a pooled
   * connection of its own, opened `atOnce` at a time; then all are released, idle in the pool. Without it
   * the first burst after start-up opened about 32 connections at once, and their handshakes (Neo4j's
   * authentication is deliberately slow) outlasted the 1.5 s acquisition timeout on a busy machine: 22–42
   * requests of tests/integration/faults-load.test.ts's first second were answered 503.
   *
   * Best effort: gives up, quietly, when the database does not answer one ping (not up yet: start-up is not
   * held), at the first failure, or after `timeoutMs`, and says how many connections it held at once.
   * Without the bookmarks, like ping(): it asks for connections only.
   */
  async warmUp(options: { connections?: number; atOnce?: number; timeoutMs?: number } = {}): Promise<number> {
    // One attempt first: a database not there yet is not waited for (executeRead would retry for seconds).
    try {
      await this.ping();
    } catch {
      return 0;
    }
    const wanted = options.connections ?? CONCURRENT_TRANSACTIONS;
    const opening = new Slots(options.atOnce ?? 4);
    let held = 0;
    let stop!: () => void;
    const stopped = new Promise<undefined>((resolve) => (stop = () => resolve(undefined)));
    const hold = async (release: () => void) => {
      this.sessionsOpen++;
      const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead(async (tx) => {
          await tx.run('RETURN 1 AS ok');
          held++;
          release();
          if (held >= wanted) stop();
          await stopped;
        });
      } catch {
        stop();
      } finally {
        release();
        await this.closeSession(session).catch(() => {});
      }
    };
    const holders: Promise<void>[] = [];
    const opened = (async () => {
      for (let i = 0; i < wanted; i++) {
        const release = await Promise.race([opening.acquire(), stopped]);
        if (!release) break;
        holders.push(hold(release));
      }
      await Promise.all(holders);
    })();
    let timer: NodeJS.Timeout | undefined;
    // Past the time allowed, the transactions still held are let go and not waited for.
    await Promise.race([
      opened,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeoutMs ?? 5_000))),
    ]);
    clearTimeout(timer);
    const warmed = held;
    stop();
    return warmed;
  }

  /**
   * One attempt, no retries: /ready must answer within its deadline when the database is gone. Without the
   * bookmarks: it asks whether the database answers, not whether it has caught up.
   */
  async ping(): Promise<void> {
    this.sessionsOpen++;
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1 AS ok', {}, { timeout: 1_000 });
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      await this.closeSession(session);
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
export class WriteTx implements WriteStatements {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly db: Database,
  ) {}

  async run<T extends RecordShape = RecordShape>(
    query: Query,
  ): Promise<{ rows: T[]; summary: QueryResult['summary'] }> {
    this.db.notify(query, 'WRITE');
    const started = this.db.timed ? performance.now() : 0;
    let ok = false;
    try {
      const result = await this.tx.run<T>(
        query.text,
        toCypherParams(query.params ?? {}) as Record<string, unknown>,
      );
      ok = true;
      return { rows: result.records.map((r) => r.toObject()), summary: result.summary };
    } finally {
      if (started) this.db.roundTrip(query.name, 'WRITE', started, ok);
    }
  }
}
