import { normalizeName } from '../domain/names';

/**
 * How the validator compares entity names across a document and the corpus registry: the key for "the same
 * name" and a similarity for "probably the same thing, spelt differently".
 */

/**
 * Equal keys are the same name: normalised as name resolution normalises (case, diacritics, punctuation),
 * and without a leading "the" — "the Kremlin" and "Kremlin" name one thing, while a document that writes
 * "the" is not naming anything else by it.
 */
export function nameKey(name: string): string {
  return normalizeName(name).replace(/^the\s+/, '');
}

/** The character bigrams of each word of a key, as a multiset (word order and spacing do not count). */
function bigrams(key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of key.split(' ')) {
    const chars = Array.from(word);
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = chars[i] + chars[i + 1];
      out.set(gram, (out.get(gram) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Sørensen–Dice coefficient over the word bigrams of two names' keys, 0 (nothing shared) to 1. Chosen over
 * Jaro-Winkler because Jaro-Winkler rewards a shared start, and names of one kind often share one without
 * being the same thing (Austria/Australia 0.91, Slovakia/Slovenia 0.90); Dice scores those 0.71 and 0.57,
 * and spelling variants and added titles high (Zelensky/Zelenskyy 0.97, Emmanuel/Emanuel Macron 0.96,
 * Keir Starmer/Sir Keir Starmer 0.90). tests/unit/similarity.test.ts holds these pairs.
 */
export function similarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return 1;
  const ga = bigrams(ka);
  const gb = bigrams(kb);
  let total = 0;
  let shared = 0;
  for (const n of ga.values()) total += n;
  for (const [gram, n] of gb) {
    total += n;
    shared += Math.min(n, ga.get(gram) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * At or above this, two names of one kind are reported as a probable duplicate. 0.85 keeps the pairs above
 * (spelling variants, a title more or less) and leaves out different things with similar names: Niger/
 * Nigeria 0.80, Russian/Ukrainian drone attacks 0.71, full/energy ceasefire 0.67, North/South Korea 0.63.
 */
export const DUPLICATE_THRESHOLD = 0.85;

/** The best similarity between any name of one list and any of the other. */
export function bestSimilarity(names: string[], others: string[]): number {
  let best = 0;
  for (const a of names) for (const b of others) best = Math.max(best, similarity(a, b));
  return best;
}
