/**
 * Lower case, no diacritics, punctuation and runs of space folded: how names are compared, by the validator
 * (aliases that clash) as by name resolution and search (what a user types against what the graph holds),
 * so that a name the validator accepts is one the API can find.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}
