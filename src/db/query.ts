import neo4j, { QueryResult, RecordShape } from 'neo4j-driver';

/**
 * What a query is to the layers above the driver — a named statement with its parameters — and what they
 * need of a database to send one (QueryRunner); how a parameter goes to Cypher. src/db/database.ts is the
 * driver behind it (and re-exports these for its callers).
 */

/** A query as the stores send it: its name (for logs and round-trip counts), text and parameters. */
export interface Query {
  name: string;
  text: string;
  params?: Record<string, unknown>;
}

/**
 * A literal object, also of another realm: under jest the test's code runs in a vm context of its own,
 * while what a worker thread posts back (the ingest's validation threads) is rebuilt with the outer
 * realm's Object.prototype. Integers, dates and other classes' instances are not plain.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype) return true;
  return (
    proto !== null &&
    Object.getPrototypeOf(proto) === null &&
    (proto as { constructor?: { name?: string } }).constructor?.name === 'Object'
  );
}

/**
 * JS has one number type; Cypher tells integers from floats. Whole numbers go as Cypher integers so that
 * LIMIT accepts them and offsets are stored as integers (Python slices text with them).
 */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCypherParams(v);
    return out;
  }
  return value;
}

export type QueryListener = (query: Query, mode: 'READ' | 'WRITE') => void;

/** One statement's round trip to Neo4j, once answered: each attempt of a retried read is one. */
export interface RoundTrip {
  name: string;
  mode: 'READ' | 'WRITE';
  seconds: number;
  ok: boolean;
}

export type RoundTripListener = (trip: RoundTrip) => void;

/** The statements of one write transaction, as the work given to QueryRunner.write sees them. */
export interface WriteStatements {
  run<T extends RecordShape = RecordShape>(
    query: Query,
  ): Promise<{ rows: T[]; summary: QueryResult['summary'] }>;
}

/**
 * What the stores and the loader need of a database: named reads and write transactions of named
 * statements. Database is the one implementation the service runs; the unit tests pass a recording fake
 * (tests/support/recording-database.ts) to see the queries a request sends without a Neo4j.
 */
export interface QueryRunner {
  read<T extends RecordShape = RecordShape>(query: Query): Promise<T[]>;
  write<T>(name: string, work: (tx: WriteStatements) => Promise<T>, timeoutMs?: number): Promise<T>;
}
