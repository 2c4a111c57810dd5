import { Driver, Session } from 'neo4j-driver';
import { Database } from '../../src/db/database';

/** One transaction the driver was asked to run, as the session API saw it. */
export interface DriverTransaction {
  /** run: auto-commit; executeRead/executeWrite: managed (retried by the driver); beginTransaction: explicit. */
  api: 'run' | 'executeRead' | 'executeWrite' | 'beginTransaction';
  /** The access mode the driver sends to the server (and routes by): the session's, or the managed API's. */
  mode: 'READ' | 'WRITE';
  /** The statement name the Database puts in the transaction's metadata. */
  name: string;
  /** Whether the session shares the Database's bookmark manager. */
  sharedBookmarks: boolean;
  /** The bookmarks the session had when it was opened, once read (read-your-writes). */
  bookmarksAtOpen: Promise<string[]>;
  /** The bookmarks the session holds once its work is done: what a commit returned. */
  bookmarksAfter?: string[];
}

type SessionConfig = NonNullable<Parameters<Driver['session']>[0]>;
type TxConfig = { metadata?: { query?: unknown } } | undefined;

/**
 * Records every transaction the Database's driver opens, with the access mode the driver gives it — what a
 * cluster routes by — by wrapping driver.session on that one driver object. The database itself is real:
 * this watches the calls, it fakes no answer.
 */
export function recordDriverTransactions(db: Database): {
  transactions: DriverTransaction[];
  stop(): void;
} {
  const transactions: DriverTransaction[] = [];
  const driver = db.driver;
  const original = driver.session.bind(driver);
  driver.session = (config: SessionConfig = {}) => {
    const session: Session = original(config);
    const sessionMode = config.defaultAccessMode === 'READ' ? 'READ' : 'WRITE';
    const sharedBookmarks = config.bookmarkManager === db.bookmarkManager;
    const bookmarksAtOpen = sharedBookmarks
      ? db.bookmarkManager.getBookmarks().then((b) => [...b])
      : Promise.resolve([]);
    const record = (api: DriverTransaction['api'], mode: 'READ' | 'WRITE', txConfig: TxConfig) => {
      const entry: DriverTransaction = {
        api,
        mode,
        name: String(txConfig?.metadata?.query ?? '(unnamed)'),
        sharedBookmarks,
        bookmarksAtOpen,
      };
      transactions.push(entry);
      return entry;
    };
    const after = async <T>(entry: DriverTransaction, work: Promise<T>): Promise<T> => {
      const value = await work;
      entry.bookmarksAfter = session.lastBookmarks();
      return value;
    };
    const run = session.run.bind(session);
    session.run = ((query: never, params: never, txConfig: TxConfig) => {
      record('run', sessionMode, txConfig);
      return run(query, params, txConfig as never);
    }) as Session['run'];
    const executeRead = session.executeRead.bind(session);
    session.executeRead = ((work: never, txConfig: TxConfig) =>
      after(
        record('executeRead', 'READ', txConfig),
        executeRead(work, txConfig as never),
      )) as Session['executeRead'];
    const executeWrite = session.executeWrite.bind(session);
    session.executeWrite = ((work: never, txConfig: TxConfig) =>
      after(
        record('executeWrite', 'WRITE', txConfig),
        executeWrite(work, txConfig as never),
      )) as Session['executeWrite'];
    const beginTransaction = session.beginTransaction.bind(session);
    session.beginTransaction = ((txConfig: TxConfig) => {
      record('beginTransaction', sessionMode, txConfig);
      return beginTransaction(txConfig as never);
    }) as Session['beginTransaction'];
    return session;
  };
  return { transactions, stop: () => (driver.session = original) };
}
