import { mapDatabaseError } from './map-database-error';
import { ServiceError } from '../domain/errors';
import { Neo4jError, QueryResult, RecordShape, Session } from 'neo4j-driver';

/**
 * The read path's rules: how a read is retried, how long an unanswered one is waited for, and when a
 * timeout counts as the database's recovery rather than the query's cost. Database (database.ts) opens the
 * sessions and holds the slots; what happens to a read once it has both is decided here.
 */

/**
 * Waits before the second, third and fourth attempt of a read that failed with a retryable error (the
 * database unreachable or restarting, a stale pooled connection, a routing table gone stale). The driver's
 * own retries (executeRead) wait 1 s, then 2 s, …: a request touching a stopped database would take up to
 * 3 s to fail, and the service must answer 503 within 2 s. So reads are auto-commit statements in READ
 * sessions — never retried by the driver — and retried here, briefly, and only within RETRY_WINDOW_MS of
 * the first attempt: an attempt that hung for connectionTimeout is not tried again.
 *
 * Writes are different: a load must survive a restart or a leader switch rather than answer quickly, and it
 * is idempotent, so it runs in the driver's managed write transaction (executeWrite), retried within
 * maxTransactionRetryTime (NEO4J_MAX_TRANSACTION_RETRY_TIME_MS). docs/deployment.md says what that buys.
 */
export const RETRY_DELAYS_MS = [50, 150, 300];
export const RETRY_WINDOW_MS = 1_000;

/**
 * A read not answered this long after its transaction timeout fails with SERVICE_UNAVAILABLE: Neo4j would
 * have stopped it and answered by then, so the server or the connection is not answering (tests/integration/
 * faults-load.test.ts met reads of a restarting Neo4j that hung past their request's deadline). Neo4j checks
 * transaction timeouts every `db.transaction.monitor.check.interval` (2 s by default), so a statement it times
 * out can answer up to 2 s after its timeout: the grace is longer than that, or a slow query under a short
 * deadline would be told 503 instead of QUERY_TIMEOUT (tests/integration/timeouts.test.ts, under CI load).
 */
export const UNANSWERED_GRACE_MS = 3_000;

/** How long after the database was last unavailable a timeout counts as its recovery (Recovery.failure). */
export const RECOVERY_WINDOW_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A read as the read path sends it: the statement's name, text and parameters already in Cypher's types. */
export interface ReadStatement {
  name: string;
  text: string;
  params: Record<string, unknown>;
}

/**
 * Remembers when the database was last unavailable, to name a transaction's final failure: one per
 * Database, shared by its reads and writes.
 */
export class Recovery {
  /** When a transaction last failed because the database was unavailable (Date.now() ms). */
  private unavailableAt = -Infinity;

  /**
   * The service's error for a transaction that failed for good. A timeout within RECOVERY_WINDOW_MS of the
   * database being unavailable is its recovery, not the query's cost: a Neo4j starting (or just started,
   * planning every query afresh) lets statements run into their timeout that take milliseconds once it is
   * up, so they are SERVICE_UNAVAILABLE, to be sent again, rather than QUERY_TIMEOUT, to be made cheaper.
   * Once the database has answered in time for RECOVERY_WINDOW_MS, a timeout is the query's again.
   */
  failure(error: unknown): ServiceError {
    const mapped = mapDatabaseError(error);
    if (mapped.code === 'SERVICE_UNAVAILABLE') this.unavailableAt = Date.now();
    else if (mapped.code === 'QUERY_TIMEOUT' && Date.now() - this.unavailableAt < RECOVERY_WINDOW_MS) {
      // Still recovering: a Neo4j that accepts connections but answers nothing in time for half a minute
      // (its databases still starting) must not turn from 503 to 504 while it does.
      this.unavailableAt = Date.now();
      return new ServiceError(
        'SERVICE_UNAVAILABLE',
        'The graph database is recovering from an outage and did not answer in time; try again shortly.',
        {},
        error,
      );
    }
    return mapped;
  }

  /** Runs attempt again on retryable errors, after RETRY_DELAYS_MS, within RETRY_WINDOW_MS. */
  async retried<T>(attempt: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        const delay = RETRY_DELAYS_MS[n];
        const retry =
          delay !== undefined &&
          Date.now() + delay - started < RETRY_WINDOW_MS &&
          Neo4jError.isRetryable(error);
        if (!retry) throw this.failure(error);
        await sleep(delay);
      }
    }
  }
}

/** What autoCommitRead needs of the Database: its READ sessions, and whether and how it times round trips. */
export interface ReadSessions {
  /** A READ session (routed to a secondary on a cluster), with the Database's bookmarks. */
  openRead(): Session;
  close(session: Session): Promise<void>;
  /** Whether anyone times round trips (no clock read otherwise). */
  timed(): boolean;
  roundTrip(name: string, mode: 'READ', started: number, ok: boolean): void;
}

/**
 * session.run, without the stack trace the driver takes for every result (new Error().stack, to put on a
 * failure later): formatting it cost 3–4 % of the service's CPU under load (docs/performance.md). Here it
 * would only ever show this file's frames, as every read is sent from autoCommitRead; a failed read is
 * still told by its code, message and statement name (the transaction's metadata). The limit is restored
 * before anything else runs: run() builds its result synchronously.
 */
function runWithoutStack<T extends RecordShape>(
  session: Session,
  statement: ReadStatement,
  timeout: number,
): Promise<QueryResult<T>> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return session.run<T>(statement.text, statement.params, {
      timeout,
      metadata: { query: statement.name },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * One attempt of a read. A read is one statement, so it runs as an auto-commit transaction: RUN and PULL
 * without BEGIN and COMMIT, two Bolt messages (and socket writes) fewer for the driver and the server on
 * every read (bench/results/ab4-*). A READ session still routes it to a secondary on a cluster.
 */
export async function autoCommitRead<T extends RecordShape>(
  sessions: ReadSessions,
  statement: ReadStatement,
  timeout: number,
): Promise<QueryResult<T>> {
  const session = sessions.openRead();
  const started = sessions.timed() ? performance.now() : 0;
  let ok = false;
  let unanswered = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      runWithoutStack<T>(session, statement, timeout),
      // Neo4j stops the statement at its timeout and says so; one that does not answer at all by then
      // (a server starting or stopping, a connection gone silent) is not waited for any longer.
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          unanswered = true;
          reject(
            new ServiceError(
              'SERVICE_UNAVAILABLE',
              'The graph database did not answer in time; try again shortly.',
            ),
          );
        }, timeout + UNANSWERED_GRACE_MS);
      }),
    ]);
    ok = true;
    return result;
  } finally {
    clearTimeout(timer);
    if (started) sessions.roundTrip(statement.name, 'READ', started, ok);
    // Closing waits for the statement's answer: for one unanswered, that happens in the background.
    if (unanswered) sessions.close(session).catch(() => {});
    else await sessions.close(session);
  }
}
