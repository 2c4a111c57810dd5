/**
 * Lower case, no diacritics, quote variants folded to one apostrophe, other punctuation (every dash
 * included) and runs of space folded: how names are compared, by the validator (aliases that clash) as by
 * name resolution and search (what a user types against what the graph holds), so that a name the
 * validator accepts is one the API can find.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘‛′'`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** Articles a reader drops without changing what a name means: "the Kremlin" is "Kremlin". */
const LEADING_ARTICLES = new Set(['the', 'a', 'an']);

/**
 * Words that join a name's parts but say nothing about which entity it is; a query need not repeat them
 * ("Putin call with Trump" names the Trump–Putin call), and they never count as a name's words.
 */
const JOINING_WORDS = new Set([
  ...LEADING_ARTICLES,
  'of',
  'and',
  'or',
  'on',
  'in',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'into',
  'over',
  'against',
  'about',
  'between',
]);

/**
 * Words after which an English noun phrase is a modifier of what came before: "statement *following* the
 * Trump–Putin call" is a statement, "End *of* foreign military aid" is an end. The name's head noun is the
 * last word before the first of these (English compounds put the head last: "Trump–Putin *call*").
 */
const POSTMODIFIERS = new Set([
  ...JOINING_WORDS,
  'following',
  'after',
  'before',
  'during',
  'since',
  'until',
  'amid',
  'among',
  'near',
  'under',
  'without',
  'within',
  'through',
  'resuming',
]);

/** A word as compared: no possessive ("Ukraine’s" is "ukraine"), no plural s ("attacks" is "attack"). */
export function wordStem(word: string): string {
  const bare = word.replace(/'s$/, '').replace(/'/g, '');
  return bare.length > 3 && bare.endsWith('s') && !bare.endsWith('ss') ? bare.slice(0, -1) : bare;
}

/** The words of a name, normalised, possessives and apostrophes dropped, in order. */
export function nameWords(value: string): string[] {
  return normalizeName(value)
    .split(' ')
    .filter(Boolean)
    .map((w) => w.replace(/'s$/, '').replace(/'/g, ''))
    .filter(Boolean);
}

/**
 * The form two names must share to be the same name: normalised, with no leading article and no
 * possessive ("The Trump–Putin call" = "trump-putin call"; "Ukraine’s allies" = "Ukraines allies").
 */
export function nameKey(value: string): string {
  const words = nameWords(value);
  const start = words.length > 1 && LEADING_ARTICLES.has(words[0]) ? 1 : 0;
  return words.slice(start).join(' ');
}

/** What a name is made of, for matching part of it. */
export interface NameShape {
  /** Stems of the words that tell entities apart (no joining words), in order. */
  content: string[];
  /** Stems of the content words before the first postmodifier: "kremlin statement" in the example. */
  headPhrase: string[];
  /** The head phrase's last word: what the name is a name of ("statement"). */
  head: string | undefined;
}

export function nameShape(value: string): NameShape {
  const words = nameWords(value);
  const start = words.length > 1 && LEADING_ARTICLES.has(words[0]) ? 1 : 0;
  const cut = words.findIndex((w, i) => i > start && POSTMODIFIERS.has(w));
  const before = words.slice(start, cut === -1 ? undefined : cut).filter((w) => !JOINING_WORDS.has(w));
  const content = words.filter((w) => !JOINING_WORDS.has(w)).map(wordStem);
  const headPhrase = before.map(wordStem);
  return { content, headPhrase, head: headPhrase.at(-1) };
}
