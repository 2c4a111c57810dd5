import { BadUserInputError } from '../domain/errors';
import { LIMITS, inRange } from './argument-limits';

/**
 * Relay connections for the root fields that can return many items.
 *
 * A cursor is the sort key of the last item a page showed (keyset paging): the next page is what sorts
 * after it, found by an index range or within one entity's relationships, never by skipping n rows. A
 * document loaded between two pages therefore shifts nothing: an item already shown is never shown again,
 * and none that was there before is skipped. The key travels as base64url JSON `[field, ...key]`, so that a
 * cursor of one field is refused by another; clients must treat it as opaque.
 */
export type CursorKey = (string | number)[];

/** The `extensions.reason` of every refused cursor, beside the code BAD_USER_INPUT. */
export const INVALID_CURSOR = 'INVALID_CURSOR';

export function encodeCursor(field: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([field, ...key])).toString('base64url');
}

/** BAD_USER_INPUT, reason INVALID_CURSOR: `after` is not a cursor that `field` gave out. */
export function refuseCursor(field: string): never {
  throw new BadUserInputError(`Argument "after" is not a cursor that ${field} gave out.`, {
    argument: 'after',
    reason: INVALID_CURSOR,
  });
}

/**
 * The key of a cursor that `field` gave out, checked against the types of its parts ('s' string, 'n'
 * number); anything else is BAD_USER_INPUT with reason INVALID_CURSOR, never a database error.
 */
export function decodeCursor(
  field: string,
  cursor: string | null | undefined,
  shape: string,
): CursorKey | null {
  if (cursor == null) return null;
  const refuse = () => refuseCursor(field);
  if (cursor.length > 4_096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || parsed[0] !== field || parsed.length !== shape.length + 1) refuse();
  const key = (parsed as unknown[]).slice(1);
  key.forEach((part, i) => {
    const ok =
      shape[i] === 'n' ? typeof part === 'number' && Number.isFinite(part) : typeof part === 'string';
    if (!ok) refuse();
  });
  return key as CursorKey;
}

/** The page size a field was asked for, within LIMITS.page. */
export const pageSize = (first: number) => inRange('first', first, LIMITS.page.min, LIMITS.page.max);

/** The description of every paged field's `first`. */
export const FIRST_DESCRIPTION = `Page size (${LIMITS.page.min}–${LIMITS.page.max}).`;
export const AFTER_DESCRIPTION =
  'The endCursor of the previous page (opaque); an invalid one is BAD_USER_INPUT with reason INVALID_CURSOR.';

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfoShape;
}

/**
 * A page from the first + 1 rows a query returned (the extra row only says that more follow), each row's
 * cursor made from its sort key.
 */
export function pageOf<R, T>(
  field: string,
  rows: readonly R[],
  first: number,
  after: string | null | undefined,
  keyOf: (row: R) => CursorKey,
  nodeOf: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, first);
  const edges = shown.map((row) => ({ cursor: encodeCursor(field, keyOf(row)), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
