/**
 * What the API may use of the database layer (eslint.config.mjs holds src/api to this file): the Database (a QueryRunner) it
 * hands to the stores, the request deadline every read is held to, and the mapping of driver failures to
 * the service's error codes. Sessions, retries, slots and timeouts stay inside src/db.
 */
export type { Database, DatabaseStats, QueryRunner, RoundTrip } from './database';
export { withDeadline } from './deadline';
export { mapDatabaseError } from './map-database-error';
