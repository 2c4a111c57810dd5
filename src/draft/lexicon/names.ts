/**
 * The lexicon's words around names (docs/draft.md): the titles that make a person a country's leader, the
 * honorifics that belong to a name, and the country a demonym stands for.
 */
/** Office titles that make a person the leader of the country named beside them. */
export const LEADER_TITLES = new Set([
  'president',
  'prime minister',
  'chancellor',
  'premier',
  'king',
  'queen',
  'emperor',
  'supreme leader',
  'leader',
  'head of state',
  'emir',
  'sultan',
  'taoiseach',
]);

/** Honorifics that belong to a name as written ("Sir Keir Starmer"). */
export const HONORIFICS = new Set(['sir', 'dame', 'lord', 'lady', 'sheikh', 'dr', 'mr', 'mrs', 'ms']);

/**
 * Demonyms whose country name is not the demonym with its ending changed; the regular ones ("Ukrainian" →
 * "Ukraine", "German" → "Germany") are derived by countryOfDemonym's rules.
 */
const IRREGULAR_DEMONYMS: Record<string, string> = {
  british: 'United Kingdom',
  english: 'United Kingdom',
  scottish: 'United Kingdom',
  welsh: 'United Kingdom',
  french: 'France',
  dutch: 'Netherlands',
  swiss: 'Switzerland',
  american: 'United States',
  danish: 'Denmark',
  polish: 'Poland',
  finnish: 'Finland',
  swedish: 'Sweden',
  turkish: 'Turkey',
  spanish: 'Spain',
  irish: 'Ireland',
  greek: 'Greece',
  thai: 'Thailand',
  filipino: 'Philippines',
  saudi: 'Saudi Arabia',
  emirati: 'United Arab Emirates',
  israeli: 'Israel',
  iraqi: 'Iraq',
  pakistani: 'Pakistan',
  kuwaiti: 'Kuwait',
  qatari: 'Qatar',
  yemeni: 'Yemen',
  belarusian: 'Belarus',
  chinese: 'China',
  japanese: 'Japan',
  vietnamese: 'Vietnam',
  portuguese: 'Portugal',
  lebanese: 'Lebanon',
  sudanese: 'Sudan',
  norwegian: 'Norway',
  european: 'Europe',
};

/**
 * The country names a demonym may stand for, most likely first, by the English suffix rules: -ian/-an →
 * -ia/-a/-e/(none), -ese → -a, -i → (none), -ish → -land; plus the irregular ones listed.
 */
export function countryOfDemonym(word: string): string[] {
  const w = word.toLowerCase();
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const out: string[] = [];
  if (IRREGULAR_DEMONYMS[w]) out.push(IRREGULAR_DEMONYMS[w]);
  if (w.endsWith('ian'))
    out.push(cap(w.slice(0, -1)), cap(w.slice(0, -3) + 'e'), cap(w.slice(0, -2)), cap(w.slice(0, -3)));
  if (w.endsWith('an')) out.push(cap(w.slice(0, -1)), cap(w + 'y'), cap(w.slice(0, -2)));
  if (w.endsWith('ese')) out.push(cap(w.slice(0, -3) + 'a'), cap(w.slice(0, -3)));
  if (w.endsWith('i')) out.push(cap(w.slice(0, -1)), cap(w.slice(0, -1) + 'a'));
  if (w.endsWith('ish')) out.push(cap(w.slice(0, -3) + 'land'), cap(w.slice(0, -3)));
  return [...new Set(out)];
}
