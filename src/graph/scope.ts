/**
 * Which reports an answer draws on: the documents asked for (null = all), published in [from, to]
 * (ISO dates, inclusive; null = open). Every scoped query resolves it to a list of document ids in its own
 * leading clause (cypher/queries/*.cypher: `AS scope`), so that a scope costs no round trip of its own.
 */
export interface Scope {
  documents: readonly string[] | null;
  from: string | null;
  to: string | null;
}

export const EVERYTHING: Scope = Object.freeze({ documents: null, from: null, to: null });

/** As the queries take it: $scopeDocuments, $scopeFrom, $scopeTo (names no query uses for anything else). */
export function scopeParams(scope: Scope = EVERYTHING) {
  return {
    scopeDocuments: scope.documents ? [...scope.documents] : null,
    scopeFrom: scope.from,
    scopeTo: scope.to,
  };
}

/** A DataLoader key part: loaders of different scopes must not share answers. */
export function scopeKey(scope: Scope = EVERYTHING): string {
  return JSON.stringify([scope.documents ?? null, scope.from, scope.to]);
}
