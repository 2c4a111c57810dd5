/**
 * The lexicon's stance words (docs/draft.md): the verbs, verb + preposition pairs, adjectives and nouns that
 * state a stance and of what kind, the verbs that say or express one, and the words around a claim's target
 * and its conditions. General English news prose, nothing from one article; tests/unit/draft-extract.test.ts
 * checks the lexicon on sentences the team wrote.
 */
import type { ClaimKind, EntityKind } from '../../domain/vocabulary';

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

/** "called X good", "described X as dangerous": verbs that attach an evaluation to their object. */
export const EVALUATING_VERBS = new Set(['call', 'describe', 'label', 'term', 'deem', 'brand']);
/** Evaluations that make an evaluating verb's claim praise: "called the talks very productive". */
export const GOOD_WORDS = new Set([
  'good',
  'productive',
  'great',
  'positive',
  'constructive',
  'excellent',
  'successful',
  'fruitful',
  'useful',
  'historic',
  'important',
  'encouraging',
  'promising',
  'substantive',
]);
/** Evaluations that make it criticism: "described the plan as dangerous". */
export const BAD_WORDS = new Set([
  'bad',
  'unacceptable',
  'dangerous',
  'disastrous',
  'absurd',
  'outrageous',
  'irresponsible',
  'provocative',
  'reckless',
  'illegal',
  'unjust',
  'shameful',
  'disappointing',
  'useless',
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
