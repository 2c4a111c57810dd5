/**
 * Penn Treebank tags and lemmas from compromise's tags (docs/nlp-compromise.md), so that the drafter reads
 * the compromise backend's tokens as it reads CoreNLP's. compromise tags words with a set of flags (Noun,
 * Plural, PastTense, Copula, …); Penn wants one tag, and some choices (VBD or VBN, VB or VBP) need the words
 * before, which `TagContext` carries.
 */

export interface TagContext {
  /** Penn tags of the earlier tokens of the sentence, nearest last. */
  previous: readonly string[];
  /** Lower-case text of the earlier tokens of the sentence, nearest last. */
  previousWords: readonly string[];
  /** The token is in a heading, where every word is capitalised. */
  heading: boolean;
}

const POSSESSIVE_PRONOUNS = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their', 'whose']);
const WH_PRONOUNS: Record<string, string> = {
  who: 'WP',
  whom: 'WP',
  what: 'WP',
  whose: 'WP$',
  which: 'WDT',
  where: 'WRB',
  when: 'WRB',
  why: 'WRB',
  how: 'WRB',
};
const COORDINATING = new Set([
  'and',
  'or',
  'but',
  'nor',
  'yet',
  'so',
  '&',
  'plus',
  'either',
  'neither',
  'both',
]);
const SUBORDINATING = new Set([
  'while',
  'because',
  'if',
  'although',
  'though',
  'whereas',
  'unless',
  'since',
  'that',
  'whether',
  'as',
  'after',
  'before',
  'until',
  'once',
  'than',
]);
const MODALS = new Set([
  'can',
  'could',
  'may',
  'might',
  'must',
  'shall',
  'should',
  'will',
  'would',
  'ca',
  'wo',
]);

/** Irregular forms the drafter's verb rules care most about: be, have, do. */
const AUXILIARY: Record<string, { tag: string; lemma: string }> = {
  be: { tag: 'VB', lemma: 'be' },
  am: { tag: 'VBP', lemma: 'be' },
  are: { tag: 'VBP', lemma: 'be' },
  is: { tag: 'VBZ', lemma: 'be' },
  was: { tag: 'VBD', lemma: 'be' },
  were: { tag: 'VBD', lemma: 'be' },
  been: { tag: 'VBN', lemma: 'be' },
  being: { tag: 'VBG', lemma: 'be' },
  have: { tag: 'VBP', lemma: 'have' },
  has: { tag: 'VBZ', lemma: 'have' },
  had: { tag: 'VBD', lemma: 'have' },
  having: { tag: 'VBG', lemma: 'have' },
  do: { tag: 'VBP', lemma: 'do' },
  does: { tag: 'VBZ', lemma: 'do' },
  did: { tag: 'VBD', lemma: 'do' },
};
const PERFECT_OR_PASSIVE = new Set([
  'have',
  'has',
  'had',
  'having',
  'be',
  'is',
  'are',
  'am',
  'was',
  'were',
  'been',
  'being',
  'get',
  'got',
]);

/** Words compromise flags as names: in a title-case heading only these stay proper nouns. */
const NAME_TAGS = [
  'Person',
  'Place',
  'Organization',
  'Country',
  'City',
  'Region',
  'Month',
  'WeekDay',
  'Demonym',
];

/** The tag of a punctuation token, as CoreNLP writes them. */
export function punctuationTag(text: string): string {
  if (/^[.!?]+$/.test(text)) return '.';
  if (text === ',') return ',';
  if (/^[“‘`]|^``$/.test(text)) return '``';
  if (/^[”’]|^''$/.test(text)) return "''";
  if (text === '"') return "''";
  if (text === '(' || text === '[' || text === '{') return '-LRB-';
  if (text === ')' || text === ']' || text === '}') return '-RRB-';
  if (text === '-') return 'HYPH';
  if (/^[:;…—–]|^-{2,}$/.test(text)) return ':';
  if (/^[$£€¥]$/.test(text)) return '$';
  if (text === '#') return '#';
  if (text === '%') return 'NN';
  return 'SYM';
}

/** The nearest earlier word, skipping adverbs and negation ("has not yet agreed"). */
function previousVerbal(context: TagContext): string | undefined {
  for (let i = context.previous.length - 1; i >= 0 && i >= context.previous.length - 4; i--) {
    if (!context.previous[i].startsWith('RB')) return context.previousWords[i];
  }
  return undefined;
}

function verbTag(tags: ReadonlySet<string>, lower: string, context: TagContext): string {
  const before = previousVerbal(context);
  const afterToOrModal = before !== undefined && (before === 'to' || MODALS.has(before));
  const auxiliary = AUXILIARY[lower];
  if (auxiliary) return afterToOrModal && auxiliary.tag === 'VBP' ? 'VB' : auxiliary.tag;
  if (tags.has('Gerund')) return 'VBG';
  if (tags.has('PastTense') || tags.has('Participle')) {
    return tags.has('Passive') || (before !== undefined && PERFECT_OR_PASSIVE.has(before)) ? 'VBN' : 'VBD';
  }
  if (afterToOrModal || tags.has('Imperative')) return 'VB';
  if (tags.has('PresentTense')) return /[^s]s$/.test(lower) ? 'VBZ' : 'VBP';
  return 'VB';
}

function nounTag(tags: ReadonlySet<string>, text: string, context: TagContext): string {
  const capitalised = /^\p{Lu}/u.test(text);
  const named = NAME_TAGS.some((tag) => tags.has(tag));
  const proper = capitalised && (named || (tags.has('ProperNoun') && !context.heading));
  if (proper) return tags.has('Plural') ? 'NNPS' : 'NNP';
  return tags.has('Plural') ? 'NNS' : 'NN';
}

/** The Penn tag of a word token from compromise's tags. */
export function pennTag(tags: ReadonlySet<string>, text: string, context: TagContext): string {
  const lower = text.toLowerCase();
  if (lower === 'to' && (tags.has('Preposition') || tags.has('Conjunction'))) return 'TO';
  if (tags.has('Pronoun')) return POSSESSIVE_PRONOUNS.has(lower) ? 'PRP$' : (WH_PRONOUNS[lower] ?? 'PRP');
  if (tags.has('QuestionWord') && WH_PRONOUNS[lower]) return WH_PRONOUNS[lower];
  if (tags.has('Modal') || (MODALS.has(lower) && tags.has('Auxiliary'))) return 'MD';
  // "made it clear that …", "insisted that …": after a verb or adjective "that" opens a clause (IN).
  if (lower === 'that' && /^(VB|JJ)/.test(context.previous[context.previous.length - 1] ?? '')) return 'IN';
  if (tags.has('Determiner')) return 'DT';
  if (tags.has('Preposition')) return 'IN';
  if (tags.has('Conjunction')) return COORDINATING.has(lower) ? 'CC' : SUBORDINATING.has(lower) ? 'IN' : 'RB';
  if (tags.has('Negative')) return 'RB';
  if (tags.has('Ordinal')) return 'JJ';
  if (tags.has('Value') || tags.has('Cardinal')) return 'CD';
  if (tags.has('Verb') || tags.has('Copula') || tags.has('Auxiliary')) return verbTag(tags, lower, context);
  if (tags.has('Demonym')) return tags.has('Plural') ? 'NNPS' : 'JJ';
  if (tags.has('Adjective')) return tags.has('Comparative') ? 'JJR' : tags.has('Superlative') ? 'JJS' : 'JJ';
  if (tags.has('Adverb')) return tags.has('Comparative') ? 'RBR' : tags.has('Superlative') ? 'RBS' : 'RB';
  if (tags.has('Expression')) return 'UH';
  if (tags.has('Emoji') || tags.has('Emoticon')) return 'NFP';
  if (!/[\p{L}\p{N}]/u.test(text)) return punctuationTag(text);
  return nounTag(tags, text, context);
}

/**
 * The lemma CoreNLP would give: verbs in the infinitive, common nouns in the singular (compromise's root),
 * proper nouns as written, everything else in lower case.
 */
export function lemmaOf(pos: string, text: string, root: string | undefined): string {
  const lower = text.toLowerCase();
  if (pos.startsWith('VB') || pos === 'MD') {
    const auxiliary = AUXILIARY[lower];
    if (auxiliary) return auxiliary.lemma;
    return root && root !== 'is' ? root : lower;
  }
  if (pos === 'NNP' || pos === 'NNPS') return text;
  if (pos === 'NN' || pos === 'NNS') return root ?? lower;
  return lower;
}
