/**
 * The drafter's own knowledge of English news prose (docs/draft.md): which words state a stance and of what
 * kind, which nouns name which kind of entity, which titles make a person a country's leader. No NLP library
 * has this; it is general English, nothing here comes from one article, and tests/unit/draft-lexicon.test.ts
 * checks it on sentences the team wrote.
 */
import type { ClaimKind, EntityKind } from '../domain/vocabulary';

export interface StanceWord {
  kind: ClaimKind;
  /** How plainly the word states the stance (0–1): "rejected" is plain, "welcomed" leaves room. */
  strength: number;
}

/** Verbs (lemmas) that state an actor's stance towards their object. */
export const STANCE_VERBS: Record<string, StanceWord> = {
  agree: { kind: 'AGREES_TO', strength: 0.95 },
  accept: { kind: 'ACCEPTS', strength: 0.95 },
  approve: { kind: 'ACCEPTS', strength: 0.85 },
  sign: { kind: 'AGREES_TO', strength: 0.8 },
  commit: { kind: 'AGREES_TO', strength: 0.8 },
  reject: { kind: 'REJECTS', strength: 0.95 },
  refuse: { kind: 'REJECTS', strength: 0.9 },
  dismiss: { kind: 'REJECTS', strength: 0.85 },
  rebuff: { kind: 'REJECTS', strength: 0.9 },
  decline: { kind: 'REJECTS', strength: 0.8 },
  veto: { kind: 'REJECTS', strength: 0.9 },
  oppose: { kind: 'REJECTS', strength: 0.9 },
  support: { kind: 'SUPPORTS', strength: 0.9 },
  back: { kind: 'SUPPORTS', strength: 0.85 },
  endorse: { kind: 'SUPPORTS', strength: 0.9 },
  welcome: { kind: 'SUPPORTS', strength: 0.8 },
  favor: { kind: 'SUPPORTS', strength: 0.8 },
  favour: { kind: 'SUPPORTS', strength: 0.8 },
  praise: { kind: 'PRAISES', strength: 0.9 },
  hail: { kind: 'PRAISES', strength: 0.85 },
  commend: { kind: 'PRAISES', strength: 0.85 },
  applaud: { kind: 'PRAISES', strength: 0.85 },
  criticize: { kind: 'CRITICIZES', strength: 0.95 },
  criticise: { kind: 'CRITICIZES', strength: 0.95 },
  condemn: { kind: 'CRITICIZES', strength: 0.95 },
  denounce: { kind: 'CRITICIZES', strength: 0.95 },
  slam: { kind: 'CRITICIZES', strength: 0.85 },
  blast: { kind: 'CRITICIZES', strength: 0.8 },
  blame: { kind: 'CRITICIZES', strength: 0.85 },
  accuse: { kind: 'CRITICIZES', strength: 0.85 },
  attack: { kind: 'CRITICIZES', strength: 0.5 },
  demand: { kind: 'DEMANDS', strength: 0.9 },
  insist: { kind: 'DEMANDS', strength: 0.85 },
  require: { kind: 'DEMANDS', strength: 0.75 },
  urge: { kind: 'CALLS_FOR', strength: 0.9 },
  propose: { kind: 'PROPOSES', strength: 0.9 },
  present: { kind: 'PROPOSES', strength: 0.75 },
  unveil: { kind: 'PROPOSES', strength: 0.85 },
  suggest: { kind: 'PROPOSES', strength: 0.7 },
  offer: { kind: 'PROPOSES', strength: 0.75 },
  consider: { kind: 'OPEN_TO', strength: 0.75 },
  weigh: { kind: 'OPEN_TO', strength: 0.7 },
};

/** Verb + particle or preposition: "call for", "push for", "open to". */
export const STANCE_PHRASAL: Record<string, Record<string, StanceWord>> = {
  call: { for: { kind: 'CALLS_FOR', strength: 0.95 } },
  push: { for: { kind: 'CALLS_FOR', strength: 0.85 } },
  press: { for: { kind: 'CALLS_FOR', strength: 0.85 } },
  appeal: { for: { kind: 'CALLS_FOR', strength: 0.85 } },
  argue: { for: { kind: 'SUPPORTS', strength: 0.75 }, against: { kind: 'REJECTS', strength: 0.8 } },
  speak: { against: { kind: 'CRITICIZES', strength: 0.8 }, for: { kind: 'SUPPORTS', strength: 0.7 } },
  object: { to: { kind: 'REJECTS', strength: 0.85 } },
};

/** Adjectives that state a stance with their preposition: "open to", "opposed to", "committed to". */
export const STANCE_ADJECTIVES: Record<string, StanceWord & { preposition: string }> = {
  open: { kind: 'OPEN_TO', strength: 0.85, preposition: 'to' },
  receptive: { kind: 'OPEN_TO', strength: 0.8, preposition: 'to' },
  opposed: { kind: 'REJECTS', strength: 0.85, preposition: 'to' },
  hostile: { kind: 'REJECTS', strength: 0.75, preposition: 'to' },
  committed: { kind: 'SUPPORTS', strength: 0.8, preposition: 'to' },
  supportive: { kind: 'SUPPORTS', strength: 0.85, preposition: 'of' },
  critical: { kind: 'CRITICIZES', strength: 0.85, preposition: 'of' },
};

/**
 * Nouns that state a stance when an actor expresses them ("expressed support for X", "reiterated the need
 * for X", "voiced opposition to X"), with the preposition that introduces the target.
 */
export const STANCE_NOUNS: Record<string, StanceWord> = {
  support: { kind: 'SUPPORTS', strength: 0.9 },
  backing: { kind: 'SUPPORTS', strength: 0.85 },
  endorsement: { kind: 'SUPPORTS', strength: 0.9 },
  commitment: { kind: 'SUPPORTS', strength: 0.8 },
  praise: { kind: 'PRAISES', strength: 0.85 },
  opposition: { kind: 'REJECTS', strength: 0.9 },
  rejection: { kind: 'REJECTS', strength: 0.9 },
  criticism: { kind: 'CRITICIZES', strength: 0.9 },
  condemnation: { kind: 'CRITICIZES', strength: 0.9 },
  openness: { kind: 'OPEN_TO', strength: 0.85 },
  willingness: { kind: 'OPEN_TO', strength: 0.8 },
  readiness: { kind: 'OPEN_TO', strength: 0.8 },
  need: { kind: 'CALLS_FOR', strength: 0.8 },
  call: { kind: 'CALLS_FOR', strength: 0.85 },
  demand: { kind: 'DEMANDS', strength: 0.85 },
  proposal: { kind: 'PROPOSES', strength: 0.7 },
};

/** Verbs through which an actor expresses a stance noun: "expressed support", "reaffirmed commitment". */
export const EXPRESSING_VERBS = new Set([
  'express',
  'voice',
  'reiterate',
  'reaffirm',
  'restate',
  'signal',
  'show',
  'state',
  'declare',
  'offer',
  'give',
  'pledge',
  'renew',
  'repeat',
  'stress',
  'underline',
  'emphasize',
  'emphasise',
  'make',
]);

/** Verbs of saying: their subject is the speaker of what they report. */
export const SAYING_VERBS = new Set([
  'say',
  'tell',
  'state',
  'add',
  'announce',
  'claim',
  'declare',
  'write',
  'note',
  'warn',
  'insist',
  'emphasize',
  'emphasise',
  'stress',
  'argue',
  'explain',
  'confirm',
  'report',
  'post',
]);

/** Actions an actor agrees to or calls for ("agreed to pause attacks"): what follows is a proposal. */
export const PROPOSAL_ACTIONS = new Set([
  'pause',
  'halt',
  'stop',
  'end',
  'suspend',
  'cease',
  'freeze',
  'withdraw',
  'release',
  'exchange',
  'resume',
  'hold',
  'open',
  'lift',
  'ease',
  'reduce',
  'limit',
  'allow',
  'establish',
  'create',
  'send',
  'deploy',
  'negotiate',
  'meet',
]);

/**
 * Nouns that stand for what follows "of": "the idea of a ceasefire" is about the ceasefire, so the target is
 * what "of" introduces.
 */
export const LIGHT_NOUNS = new Set([
  'idea',
  'notion',
  'prospect',
  'possibility',
  'concept',
  'principle',
  'terms',
  'details',
  'elements',
  'part',
  'kind',
  'form',
  'sort',
  'type',
]);

/** Verbs whose clause names a condition: "X could only happen if Y ended" makes "Y ending" a condition. */
export const CONDITION_MARKERS = new Set(['if', 'unless', 'provided', 'once', 'until']);

/** How a condition clause's verb is named as a noun: "sanctions were lifted" → "Lifting of sanctions". */
export const ACTION_NOMINALS: Record<string, string> = {
  end: 'End',
  stop: 'End',
  cease: 'End',
  halt: 'Halt',
  lift: 'Lifting',
  ease: 'Easing',
  withdraw: 'Withdrawal',
  leave: 'Withdrawal',
  release: 'Release',
  return: 'Return',
  recognize: 'Recognition',
  recognise: 'Recognition',
  remove: 'Removal',
  pay: 'Payment',
  disarm: 'Disarmament',
  resign: 'Resignation',
  include: 'Inclusion',
  cut: 'Cut',
  reduce: 'Reduction',
  lower: 'Lowering',
  drop: 'Dropping',
  guarantee: 'Guarantee',
  restore: 'Restoration',
};

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

/** Words that say a stance is not held ("did not agree", "never accepted"). */
export const NEGATIONS = new Set(['not', "n't", 'never', 'no']);

/** Kinds that can hold a position. */
export const ACTOR_KIND_SET = new Set<EntityKind>(['Person', 'Country', 'Organization', 'Group']);

/** The stance of a kind turned round by a negation: "did not agree" rejects. None when it is unclear. */
export function negated(kind: ClaimKind): ClaimKind | undefined {
  switch (kind) {
    case 'AGREES_TO':
    case 'ACCEPTS':
    case 'SUPPORTS':
    case 'OPEN_TO':
      return 'REJECTS';
    default:
      return undefined;
  }
}

/** The lexicon's kind for a noun lemma, also for a plural the lemmatiser left as is. */
export function kindOfNoun(lemma: string): EntityKind | undefined {
  const word = lemma.toLowerCase();
  return KIND_NOUNS[word] ?? (word.endsWith('s') ? KIND_NOUNS[word.slice(0, -1)] : undefined);
}

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
