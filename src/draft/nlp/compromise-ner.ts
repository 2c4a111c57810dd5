import {
  ORGANIZATION_HEADS,
  SEATS_OF_GOVERNMENT,
  TITLE_SEQUENCES,
  MAX_COUNTRY_WORDS,
  isCountryName,
  isDemonym,
  titleCaseAllows,
} from './gazetteer';
import type { RawToken } from './compromise-tokens';

/**
 * Named-entity labels in CoreNLP's vocabulary (PERSON, ORGANIZATION, COUNTRY, NATIONALITY, CITY, LOCATION,
 * TITLE, DATE, DURATION, NUMBER, PERCENT, ORDINAL, MONEY) from compromise's tags, the gazetteer and a few
 * rules over a whole document (docs/nlp-compromise.md). A label is given once: the first rule that fits a
 * token wins, in the order of `labelSentence`.
 */

export interface LabelledToken extends RawToken {
  pos: string;
  lemma: string;
  ner: string;
  normalizedNer?: string;
}

export interface LabelledSentence {
  tokens: LabelledToken[];
  heading: boolean;
}

/** A date or duration compromise-dates found: its terms (RawToken.term) and normalised value. */
export interface Timex {
  terms: ReadonlySet<number>;
  label: 'DATE' | 'DURATION';
  normalized?: string;
}

const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];
const NAME_LABELS = new Set(['PERSON', 'ORGANIZATION', 'COUNTRY', 'CITY', 'LOCATION']);
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'the', 'on']);
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'from', 'at', 'outside', 'around', 'across']);
// Tags of closed-class words, which a capitalised sentence start does not make a name.
const FUNCTION_POS = /^(DT|IN|CC|TO|MD|PRP|PRP\$|W|RB|UH|EX|PDT|POS|VB)/;

const capitalised = (token: LabelledToken) => /^\p{Lu}/u.test(token.text);
const word = (token: LabelledToken) => !token.punctuation;

function label(tokens: LabelledToken[], from: number, to: number, ner: string): void {
  for (let i = from; i < to; i++) tokens[i].ner = ner;
}

/** Length of the longest sequence at `i` whose words match one of `sequences` (compared by `same`). */
function matchSequence(
  tokens: LabelledToken[],
  i: number,
  sequences: readonly string[][],
  same: (token: LabelledToken, expected: string, sequence: string) => boolean,
): number {
  for (const sequence of sequences) {
    if (i + sequence.length > tokens.length) continue;
    const joined = sequence.join(' ');
    if (sequence.every((expected, k) => tokens[i + k].ner === 'O' && same(tokens[i + k], expected, joined))) {
      return sequence.length;
    }
  }
  return 0;
}

function countryLength(tokens: LabelledToken[], text: string, i: number): number {
  // "Jordan Bardella", "Georgia Meloni": a first name before a surname is a person, not a country.
  if (tokens[i].tags.has('FirstName') && tokens[i + 1]?.tags.has('LastName')) return 0;
  for (let n = Math.min(MAX_COUNTRY_WORDS, tokens.length - i); n >= 1; n--) {
    const span = tokens.slice(i, i + n);
    if (span.some((token) => !word(token) || token.ner !== 'O')) continue;
    if (isCountryName(text.slice(span[0].begin, span[n - 1].end))) return n;
  }
  return 0;
}

/** A capitalised run ("Ministry of Defence", "Labour Party") from i, connectors allowed inside. */
function capitalisedRun(tokens: LabelledToken[], i: number): number {
  let end = i;
  for (let j = i; j < tokens.length && tokens[j].ner === 'O' && word(tokens[j]); j++) {
    if (capitalised(tokens[j])) end = j + 1;
    else if (!CONNECTORS.has(tokens[j].text)) break;
  }
  return end - i;
}

function labelSentence(sentence: LabelledSentence, text: string): void {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.ner !== 'O' || !word(token)) continue;
    const tags = token.tags;
    let n = countryLength(tokens, text, i);
    if (n > 0) {
      label(tokens, i, i + n, 'COUNTRY');
    } else if ((n = matchSequence(tokens, i, SEATS_OF_GOVERNMENT, (t, w) => t.text === w)) > 0) {
      label(tokens, i, i + n, 'ORGANIZATION');
    } else if ((n = matchSequence(tokens, i, TITLE_SEQUENCES, titleWord)) > 0) {
      label(tokens, i, i + n, 'TITLE');
      i += n - 1;
    } else if (tags.has('Honorific') && capitalised(token)) {
      token.ner = 'TITLE';
    } else if (tags.has('Organization') && capitalised(token)) {
      token.ner = 'ORGANIZATION';
    } else if (isDemonym(token.text)) {
      token.ner = 'NATIONALITY';
    } else if (!sentence.heading && capitalised(token) && (n = organizationRun(tokens, i)) > 0) {
      label(tokens, i, i + n, 'ORGANIZATION');
      i += n - 1;
    } else if (PERSON_TAGS.some((tag) => tags.has(tag)) && capitalised(token)) {
      token.ner = 'PERSON';
    } else if (tags.has('City') && capitalised(token)) {
      token.ner = 'CITY';
    } else if (tags.has('Country') && capitalised(token)) {
      token.ner = 'COUNTRY';
    } else if ((tags.has('Place') || tags.has('Region')) && capitalised(token)) {
      token.ner = 'LOCATION';
    } else {
      token.ner = numberLabel(tags, tokens[i + 1]);
    }
  }
}

function titleWord(token: LabelledToken, expected: string, title: string): boolean {
  return token.text.toLowerCase() === expected && titleCaseAllows(title, token.text);
}

/** A capitalised run that holds an organisation's head word ("Security Council"), else 0. */
function organizationRun(tokens: LabelledToken[], i: number): number {
  if (FUNCTION_POS.test(tokens[i].pos)) return 0;
  const n = capitalisedRun(tokens, i);
  return tokens.slice(i, i + n).some((token) => ORGANIZATION_HEADS.has(token.text)) ? n : 0;
}

function numberLabel(tags: ReadonlySet<string>, next: LabelledToken | undefined): string {
  if (tags.has('Percent') || (tags.has('Cardinal') && next?.text === '%')) return 'PERCENT';
  if (tags.has('Money') || tags.has('Currency')) return 'MONEY';
  if (tags.has('Ordinal')) return 'ORDINAL';
  if (tags.has('Cardinal') || tags.has('Value')) return 'NUMBER';
  return 'O';
}

/** Dates first: "on Sunday" gives "Sunday" DATE; the preposition and punctuation at its edges stay O. */
function labelTimexes(tokens: LabelledToken[], timexes: readonly Timex[]): void {
  for (const timex of timexes) {
    const covered = tokens.flatMap((token, i) =>
      token.term !== undefined && timex.terms.has(token.term) ? [i] : [],
    );
    if (covered.length === 0) continue;
    // Punctuation inside ("30-day") belongs to the expression; at its edges it does not.
    const inside = tokens.slice(covered[0], covered[covered.length - 1] + 1);
    while (inside.length > 0 && (inside[0].pos === 'IN' || !word(inside[0]))) inside.shift();
    while (inside.length > 0 && !word(inside[inside.length - 1])) inside.pop();
    for (const token of inside) {
      token.ner = timex.label;
      if (timex.normalized !== undefined) token.normalizedNer = timex.normalized;
    }
  }
}

/**
 * Rules across the document, after every sentence has its labels: a word once seen in a person's name is
 * that person elsewhere ("Zelensky criticized …" after "Volodymyr Zelensky"); capitalised words right after
 * a title are a person ("President Trump"); an unknown capitalised word after "in"/"near" is a place.
 */
function labelInContext(sentences: readonly LabelledSentence[]): void {
  const unlabelledNames = (visit: (token: LabelledToken, before: LabelledToken | undefined) => void) => {
    for (const { tokens } of sentences) {
      tokens.forEach((token, i) => {
        if (token.ner === 'O' && word(token) && capitalised(token)) visit(token, tokens[i - 1]);
      });
    }
  };
  unlabelledNames((token, before) => {
    if (before?.ner === 'TITLE' || (before?.ner === 'PERSON' && word(before))) token.ner = 'PERSON';
  });
  const known = new Map<string, string>();
  for (const { tokens } of sentences) {
    for (const token of tokens) {
      if (['PERSON', 'CITY', 'LOCATION'].includes(token.ner) && token.text.length > 1)
        known.set(token.text, token.ner);
    }
  }
  unlabelledNames((token, before) => {
    if (known.has(token.text) && !FUNCTION_POS.test(token.pos)) token.ner = known.get(token.text) as string;
    else if (before && PLACE_PREPOSITIONS.has(before.text) && /^NNP/.test(token.pos)) token.ner = 'LOCATION';
    else if (before?.ner === 'LOCATION' && word(before) && /^NNP/.test(token.pos)) token.ner = 'LOCATION';
  });
}

/** Labels every token of the document in place (token.ner, token.normalizedNer); names and capitalised titles become NNP. */
export function labelEntities(
  sentences: readonly LabelledSentence[],
  text: string,
  timexes: readonly Timex[],
): void {
  for (const sentence of sentences) {
    for (const token of sentence.tokens) token.ner = 'O';
    labelTimexes(sentence.tokens, timexes);
    labelSentence(sentence, text);
  }
  labelInContext(sentences);
  for (const { tokens } of sentences) {
    for (const token of tokens) {
      const name = NAME_LABELS.has(token.ner) || (token.ner === 'TITLE' && capitalised(token));
      if (name && !token.pos.startsWith('NNP')) {
        token.pos = token.tags.has('Plural') ? 'NNPS' : 'NNP';
        token.lemma = token.text;
      }
    }
  }
}
