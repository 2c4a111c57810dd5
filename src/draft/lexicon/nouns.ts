/**
 * The lexicon's nouns (docs/draft.md): which head nouns name an entity of which kind on their own, which are
 * too vague to, and when two phrases of news prose name the same thing (synonymous heads, modifiers and
 * actions).
 */
import type { EntityKind } from '../../domain/vocabulary';

/** Head nouns that name an entity of a kind on their own (lemmas). */
export const KIND_NOUNS: Record<string, EntityKind> = {
  ceasefire: 'Proposal',
  truce: 'Proposal',
  armistice: 'Proposal',
  plan: 'Proposal',
  proposal: 'Proposal',
  agreement: 'Proposal',
  deal: 'Proposal',
  settlement: 'Proposal',
  accord: 'Proposal',
  treaty: 'Proposal',
  initiative: 'Proposal',
  moratorium: 'Proposal',
  roadmap: 'Proposal',
  framework: 'Proposal',
  contract: 'Proposal',
  call: 'Event',
  talk: 'Event',
  talks: 'Event',
  negotiation: 'Event',
  negotiations: 'Event',
  discussion: 'Event',
  meeting: 'Event',
  summit: 'Event',
  conference: 'Event',
  visit: 'Event',
  conversation: 'Event',
  statement: 'Event',
  speech: 'Event',
  interview: 'Event',
  election: 'Event',
  referendum: 'Event',
  war: 'Event',
  conflict: 'Event',
  invasion: 'Event',
  offensive: 'Attack',
  attack: 'Attack',
  strike: 'Attack',
  airstrike: 'Attack',
  bombing: 'Attack',
  bombardment: 'Attack',
  shelling: 'Attack',
  raid: 'Attack',
  assault: 'Attack',
  infrastructure: 'Facility',
  facility: 'Facility',
  plant: 'Facility',
  station: 'Facility',
  hospital: 'Facility',
  supply: 'Facility',
  supplies: 'Facility',
  grid: 'Facility',
  pipeline: 'Facility',
  refinery: 'Facility',
  port: 'Facility',
  airport: 'Facility',
  base: 'Facility',
  dam: 'Facility',
  school: 'Facility',
  bridge: 'Facility',
  delegation: 'Organization',
  government: 'Organization',
  ministry: 'Organization',
  administration: 'Organization',
  parliament: 'Organization',
  army: 'Organization',
  military: 'Organization',
  allies: 'Group',
  officials: 'Group',
  firms: 'Group',
  companies: 'Group',
  operators: 'Group',
  lawmakers: 'Group',
  ally: 'Group',
  community: 'Group',
  coalition: 'Group',
  partners: 'Group',
  territory: 'Place',
  region: 'Place',
  city: 'Place',
  condition: 'Condition',
  demand: 'Condition',
};

/**
 * Head nouns too vague to be an entity on their own: "the call" is named by what comes with it; used bare
 * they are kept only when the resolver or the coreference chain says what they mean.
 */
export const VAGUE_HEADS = new Set([
  'call',
  'statement',
  'conversation',
  'discussion',
  'plan',
  'deal',
  'agreement',
  'proposal',
  'meeting',
  'talks',
  'talk',
  'attack',
  'strike',
  'conflict',
  'war',
  'condition',
  'demand',
  'leaders',
  'base',
  'port',
  'supply',
  'supplies',
  'military',
  'officials',
  'firms',
  'companies',
  'operators',
  'lawmakers',
]);

/** The lexicon's kind for a noun lemma, also for a plural the lemmatiser left as is. */
export function kindOfNoun(lemma: string): EntityKind | undefined {
  const word = lemma.toLowerCase();
  return KIND_NOUNS[word] ?? (word.endsWith('s') ? KIND_NOUNS[word.slice(0, -1)] : undefined);
}

/** Head nouns that news prose uses for the same thing: "the call" is later "the conversation". */
const SYNONYM_GROUPS: string[][] = [
  ['call', 'conversation', 'phone', 'exchange'],
  ['talks', 'talk', 'negotiation', 'negotiations', 'discussion', 'discussions', 'meeting', 'summit'],
  ['attack', 'strike', 'bombing', 'shelling', 'raid', 'assault', 'airstrike'],
  ['ceasefire', 'truce', 'armistice'],
  ['agreement', 'deal', 'accord', 'settlement', 'treaty'],
  ['war', 'conflict', 'invasion', 'fighting'],
];

/** Modifiers news prose uses for one another: a "complete" ceasefire is a "full" one. */
const MODIFIER_SYNONYMS: Record<string, string> = {
  complete: 'full',
  comprehensive: 'full',
  total: 'full',
  partial: 'limited',
};

/** A phrase with each modifier replaced by the one its synonyms share ("complete ceasefire" → "full ceasefire"). */
export function canonicalPhrase(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => MODIFIER_SYNONYMS[w.toLowerCase()] ?? w);
}

/** "Ukraine’s energy infrastructure" → "energy infrastructure": the phrase without a leading possessor. */
export function withoutPossessor(text: string): string | undefined {
  const m = /^[^\s]+(?:\s[^\s]+)?[’']s\s+(.+)$/u.exec(text);
  return m && m[1].split(/\s+/).length >= 2 ? m[1] : undefined;
}

const ACTION_SYNONYMS: Record<string, string> = {
  pause: 'halt',
  stop: 'halt',
  suspend: 'halt',
  cease: 'halt',
  freeze: 'halt',
  end: 'halt',
};
const FILLER = new Set([
  'the',
  'a',
  'an',
  'of',
  'on',
  'in',
  'to',
  'for',
  'and',
  'with',
  'any',
  's',
  'its',
  'their',
]);

/**
 * The content words of a phrase, each read as the word its synonyms share ("pause attacks on X’s energy
 * infrastructure" and "halt energy infrastructure attacks" give the same words): for telling when two
 * phrases of one article name one thing.
 */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !FILLER.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .map(
      (w) =>
        ACTION_SYNONYMS[w] ?? MODIFIER_SYNONYMS[w] ?? SYNONYM_GROUPS.find((g) => g.includes(w))?.[0] ?? w,
    );
  return new Set(words);
}

/** Do two head words name the same kind of thing ("call" and "conversation")? */
export function sameHead(a: string, b: string): boolean {
  const strip = (w: string) => (w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  if (a === b || strip(a) === strip(b)) return true;
  return SYNONYM_GROUPS.some((g) => g.includes(a) && g.includes(b));
}
