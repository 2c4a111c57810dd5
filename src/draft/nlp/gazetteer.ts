import nlp from 'compromise';
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

/**
 * The name lists the compromise backend labels places, nationalities, offices and seats of government with
 * (docs/nlp-compromise.md). Countries and demonyms are derived from i18n-iso-countries and from compromise's
 * own lexicon rather than typed in; the few short lists below are general knowledge that neither holds, and
 * nothing here is specific to any one article.
 */

countries.registerLocale(english);

/** compromise's lexicon (word → tag or tags), the words it knows before any context. */
function lexiconWords(tag: string): string[] {
  const world = nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } };
  return Object.entries(world.model.one.lexicon)
    .filter(([, tags]) => (Array.isArray(tags) ? tags.includes(tag) : tags === tag))
    .map(([word]) => word);
}

/** Lower case, no dots ("U.S." is "us"), single spaces, no leading "the". */
export function nameKey(surface: string): string {
  return surface.replace(/\./g, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/^the /, '');
}

// Common short names that neither i18n-iso-countries ("Great Britain", "United States of America") nor
// compromise's lexicon has on their own.
const EXTRA_COUNTRY_NAMES = ['Britain', 'America', 'Holland'];

const countryKeys = new Set<string>(
  [
    ...Object.values(countries.getNames('en', { select: 'all' }))
      .flat()
      // "Korea, Republic of" and "Holy See (Vatican City State)" are catalogue forms no article writes.
      .filter((name) => !/[,()]/.test(name)),
    ...lexiconWords('Country'),
    ...EXTRA_COUNTRY_NAMES,
  ].map(nameKey),
);

/** The longest country name has this many words; spans longer than it are not tried. */
export const MAX_COUNTRY_WORDS = Math.max(...[...countryKeys].map((key) => key.split(' ').length));

const CONNECTORS = new Set(['of', 'and', 'the']);

/**
 * True when `surface` is written as a country's name: a known name, capitalised word by word, and an
 * abbreviation in capitals ("US" is the country, "us" the pronoun).
 */
export function isCountryName(surface: string): boolean {
  const key = nameKey(surface);
  if (!countryKeys.has(key)) return false;
  const words = surface.split(/\s+/);
  if (!words.every((word, i) => (i > 0 && CONNECTORS.has(word)) || /^\p{Lu}/u.test(word))) return false;
  return key.length > 3 || !/\p{Ll}/u.test(surface);
}

// Demonyms whose form no suffix rule below gives.
const IRREGULAR_DEMONYMS = [
  'British',
  'English',
  'Scottish',
  'Welsh',
  'Irish',
  'Finnish',
  'Danish',
  'Swedish',
  'Spanish',
  'Polish',
  'Norwegian',
  'Dutch',
  'French',
  'Swiss',
  'Greek',
  'Portuguese',
  'Peruvian',
  'Chilean',
  'Filipino',
];

/**
 * The usual English suffixes on a single-word country name (Russia → Russian, Ukraine → Ukrainian,
 * Germany → German, Iraq → Iraqi, China → Chinese, Turkey → Turkish). Forms no one writes ("Japanian")
 * are harmless: they never occur in a text. ("-land" → "-ish" is left out: it makes Finland "Finish".)
 */
function demonymForms(country: string): string[] {
  const stem = country.slice(0, -1);
  const last = country.slice(-1);
  const forms = [`${country}ian`, `${country}i`, `${country}ese`];
  if (last === 'a') forms.push(`${country}n`, `${stem}ese`, `${stem}ian`);
  if (last === 'e' || last === 'y') forms.push(`${stem}ian`, `${stem}an`);
  if (last === 'y') forms.push(stem);
  if (country.endsWith('ey')) forms.push(`${country.slice(0, -2)}ish`);
  return forms;
}

const demonymKeys = new Set<string>([
  ...lexiconWords('Demonym'),
  ...IRREGULAR_DEMONYMS.map((word) => word.toLowerCase()),
  ...[...countryKeys].filter((key) => !key.includes(' ')).flatMap(demonymForms),
]);
// A generated form that is itself a country name is that country ("Georgia" from no rule, but be safe).
for (const key of countryKeys) demonymKeys.delete(key);

/** True for a capitalised nationality adjective or noun ("Russian", "Ukrainians", "British"). */
export function isDemonym(surface: string): boolean {
  return /^\p{Lu}/u.test(surface) && demonymKeys.has(surface.toLowerCase());
}

/**
 * Offices and forms of address CoreNLP labels TITLE. Matched as whole word sequences, longest first;
 * the lower-case form counts too ("the president said"), except for the words in CAPITALISED_TITLES, which
 * are ordinary words when written in lower case.
 */
const OFFICE_TITLES = [
  'president',
  'vice president',
  'prime minister',
  'deputy prime minister',
  'first minister',
  'chancellor',
  'vice chancellor',
  'minister',
  'foreign minister',
  'defence minister',
  'defense minister',
  'finance minister',
  'interior minister',
  'secretary of state',
  'secretary-general',
  'secretary general',
  'defense secretary',
  'defence secretary',
  'foreign secretary',
  'king',
  'queen',
  'prince',
  'crown prince',
  'princess',
  'pope',
  'premier',
  'governor',
  'senator',
  'congressman',
  'congresswoman',
  'mayor',
  'ambassador',
  'envoy',
  'special envoy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chairman',
  'chairwoman',
  'sheikh',
  'emir',
  'sultan',
  'ayatollah',
  'general',
  'admiral',
  'commander',
  'colonel',
  'speaker',
  'director',
  'chief executive',
];
const CAPITALISED_TITLES = new Set([
  'general',
  'speaker',
  'director',
  'commander',
  'king',
  'queen',
  'prince',
]);

export const TITLE_SEQUENCES = OFFICE_TITLES.map((title) => title.split(/(?=-)|(?<=-)| /)).sort(
  (a, b) => b.length - a.length,
);

/** Whether the words of `surface` may count as the title `title` (one of TITLE_SEQUENCES, joined). */
export function titleCaseAllows(title: string, surface: string): boolean {
  return !CAPITALISED_TITLES.has(title) || /^\p{Lu}/u.test(surface);
}

/**
 * Seats of government that stand for a government in news writing ("the Kremlin said"): CoreNLP and the
 * corpus registry treat them as organisations, not places. Written capitalised.
 */
export const SEATS_OF_GOVERNMENT = [
  'Kremlin',
  'White House',
  'Pentagon',
  'Downing Street',
  'Whitehall',
  'Elysee',
  'Élysée',
  'Elysee Palace',
  'Élysée Palace',
  'Bundestag',
  'Knesset',
  'Duma',
  'State Duma',
  'Capitol Hill',
  'Zhongnanhai',
  'Vatican',
  'Congress',
  'Parliament',
].map((name) => name.split(' '));

/**
 * Head words of organisation names ("Ministry of Defence", "Labour Party", "Security Council"); a
 * capitalised run that holds one is an organisation.
 */
export const ORGANIZATION_HEADS = new Set([
  'Agency',
  'Alliance',
  'Army',
  'Assembly',
  'Association',
  'Bank',
  'Bureau',
  'Cabinet',
  'Commission',
  'Committee',
  'Company',
  'Corporation',
  'Council',
  'Court',
  'Department',
  'Federation',
  'Forces',
  'Fund',
  'Government',
  'Guard',
  'Institute',
  'League',
  'Ministry',
  'Navy',
  'Office',
  'Organization',
  'Organisation',
  'Parliament',
  'Party',
  'Service',
  'Union',
  'University',
]);
