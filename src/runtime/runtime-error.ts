export type RuntimeErrorCode =
  | 'JAVA_MISSING'
  | 'REDIS_MISSING'
  | 'JAVA_TOO_OLD'
  | 'MAVEN_MISSING'
  | 'MAVEN_FAILED'
  | 'NOT_RESOLVED'
  | 'PORT_IN_USE'
  | 'START_TIMEOUT'
  | 'START_FAILED'
  | 'AUTH_FAILED'
  // neo4j-admin (dump, load, set-initial-password) exited with an error; its output is in the message.
  | 'ADMIN_FAILED'
  // neo4j-admin database import (src/runtime/neo4j-import.ts) exited without IMPORT DONE.
  | 'IMPORT_FAILED';

/** A failure of a local runtime (Neo4j, CoreNLP, a test redis-server) whose message names the fix. */
export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}
