import { AsyncLocalStorage } from 'node:async_hooks';
import { ServiceError } from '../domain/errors';

/**
 * The moment (Date.now() ms) by which the current request must be answered. It travels with the request's
 * async context rather than through every store call, so that every read the request makes — resolvers,
 * DataLoader batches, name resolution — is held to it without the stores knowing about HTTP.
 */
const deadlines = new AsyncLocalStorage<number>();

export function withDeadline<T>(deadline: number, work: () => T): T {
  return deadlines.run(deadline, work);
}

/** The current request's deadline (Date.now() ms), if the caller runs within one. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}

/**
 * The transaction timeout for a read started now: the configured timeout, shortened to what is left of the
 * request's deadline. Past the deadline the read is not sent at all.
 */
export function transactionTimeout(configuredMs: number): number {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return configuredMs;
  const left = deadline - Date.now();
  if (left <= 0) throw new ServiceError('QUERY_TIMEOUT', 'The request took too long and was stopped.');
  return Math.max(1, Math.min(configuredMs, left));
}
