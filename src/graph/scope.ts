/**
 * Which reports an answer draws on: the documents asked for (null = all), published in [from, to]
 * (ISO dates, inclusive; null = open). Every scoped query resolves it to a list of document ids in its own
 * leading clause (cypher/queries/*.cypher: `AS scope`), so that a scope costs no round trip of its own.
 *
 * How sure and how made: only stances, and fact reports, of at least minConfidence (0 to 1; null = any)
 * made in one of methods (hand, draft, reviewed; null = any). A stance is one claim, so it is in or out; a
 * fact counts when one of its reports passes, and its evidence is narrowed to the reports that do, as
 * with documents.
 */
export interface Scope {
  documents: readonly string[] | null;
  from: string | null;
  to: string | null;
  minConfidence: number | null;
  methods: readonly string[] | null;
}

export const EVERYTHING: Scope = Object.freeze({
  documents: null,
  from: null,
  to: null,
  minConfidence: null,
  methods: null,
});

/**
 * As the queries take it: $scopeDocuments, $scopeFrom, $scopeTo, $scopeMinConfidence, $scopeMethods (names
 * no query uses for anything else).
 */
export function scopeParams(scope: Scope = EVERYTHING) {
  return {
    scopeDocuments: scope.documents ? [...scope.documents] : null,
    scopeFrom: scope.from,
    scopeTo: scope.to,
    scopeMinConfidence: scope.minConfidence,
    scopeMethods: scope.methods ? [...scope.methods] : null,
  };
}

/** A DataLoader key part: loaders of different scopes must not share answers. */
export function scopeKey(scope: Scope = EVERYTHING): string {
  return JSON.stringify([scope.documents ?? null, scope.from, scope.to, scope.minConfidence, scope.methods]);
}
