/**
 * The vocabulary of the graph: entity kinds, claim kinds with their polarity and CAMEO code, fact types
 * with the kinds each may join. This is the one table the validator, the loader and the API share; a label
 * or relationship type reaches Cypher only if it is listed here.
 */

export const ENTITY_KINDS = [
  'Person',
  'Country',
  'Organization',
  'Group',
  'Place',
  'Facility',
  'Proposal',
  'Condition',
  'Event',
  'Attack',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Who can hold a position or act. */
export const ACTOR_KINDS: readonly EntityKind[] = ['Person', 'Country', 'Organization', 'Group'];
const NEGOTIABLE: readonly EntityKind[] = ['Proposal', 'Condition', 'Event'];
const ANY: readonly EntityKind[] = ENTITY_KINDS;

export const POLARITIES = ['SUPPORT', 'OPPOSE', 'CONDITIONAL'] as const;
export type Polarity = (typeof POLARITIES)[number];

export interface ClaimKindSpec {
  polarity: Polarity;
  /** CAMEO 1.1b event code, so claims can be joined with GDELT-coded event data. */
  cameo: string;
  cameoName: string;
  /** Kinds the claim's target (`on`) may have. */
  targets: readonly EntityKind[];
  description: string;
}

export const CLAIM_KINDS = {
  AGREES_TO: {
    polarity: 'SUPPORT',
    cameo: '030',
    cameoName: 'Express intent to cooperate, not specified below',
    targets: NEGOTIABLE,
    description: 'The actor agrees to do or to enter into the target (a proposal, condition or event).',
  },
  SUPPORTS: {
    polarity: 'SUPPORT',
    cameo: '051',
    cameoName: 'Praise or endorse',
    targets: ANY,
    description: 'The actor expresses support for the target.',
  },
  OPEN_TO: {
    polarity: 'CONDITIONAL',
    cameo: '014',
    cameoName: 'Consider policy option',
    targets: NEGOTIABLE,
    description: 'The actor is open to the target but has not committed (e.g. seeks details first).',
  },
  ACCEPTS: {
    polarity: 'SUPPORT',
    cameo: '030',
    cameoName: 'Express intent to cooperate, not specified below',
    targets: NEGOTIABLE,
    description: 'The actor accepts a proposal or condition put to it.',
  },
  CALLS_FOR: {
    polarity: 'SUPPORT',
    cameo: '020',
    cameoName: 'Make an appeal or request, not specified below',
    targets: NEGOTIABLE,
    description: 'The actor calls for the target to happen.',
  },
  PROPOSES: {
    polarity: 'SUPPORT',
    cameo: '020',
    cameoName: 'Make an appeal or request, not specified below',
    targets: NEGOTIABLE,
    description: 'The actor puts the target forward.',
  },
  REJECTS: {
    polarity: 'OPPOSE',
    cameo: '120',
    cameoName: 'Reject, not specified below',
    targets: NEGOTIABLE,
    description: 'The actor rejects the target.',
  },
  CRITICIZES: {
    polarity: 'OPPOSE',
    cameo: '111',
    cameoName: 'Criticize or denounce',
    targets: ANY,
    description: 'The actor criticises the target.',
  },
  DEMANDS: {
    polarity: 'SUPPORT',
    cameo: '100',
    cameoName: 'Demand, not specified below',
    targets: ['Condition'],
    description: 'The actor sets the target as a condition: it wants the condition met.',
  },
  PRAISES: {
    polarity: 'SUPPORT',
    cameo: '051',
    cameoName: 'Praise or endorse',
    targets: ANY,
    description: 'The actor speaks well of the target.',
  },
} as const satisfies Record<string, ClaimKindSpec>;
export type ClaimKind = keyof typeof CLAIM_KINDS;
export const CLAIM_KIND_NAMES = Object.keys(CLAIM_KINDS) as ClaimKind[];

export interface FactTypeSpec {
  from: readonly EntityKind[];
  to: readonly EntityKind[];
  description: string;
}

export const FACT_TYPES = {
  LEADS: {
    from: ['Person'],
    to: ['Country', 'Organization', 'Group'],
    description: 'heads a country or body',
  },
  MEMBER_OF: {
    from: ACTOR_KINDS,
    to: ['Organization', 'Group', 'Country'],
    description: 'belongs to a body or group',
  },
  ALLY_OF: {
    from: ['Country', 'Group', 'Organization'],
    to: ['Country', 'Group', 'Organization'],
    description: 'is an ally of',
  },
  PART_OF: {
    from: ['Organization', 'Group', 'Event', 'Place', 'Facility'],
    to: ['Country', 'Organization', 'Group', 'Event', 'Place'],
    description: 'is a part of',
  },
  LOCATED_IN: {
    from: ['Place', 'Facility', 'Event', 'Attack', 'Organization'],
    to: ['Place', 'Country'],
    description: 'is located in',
  },
  WAS_IN: {
    from: ['Person', 'Organization', 'Group'],
    to: ['Place', 'Country'],
    description: 'was present in',
  },
  PARTICIPATED_IN: { from: ACTOR_KINDS, to: ['Event'], description: 'took part in' },
  CARRIED_OUT: { from: ACTOR_KINDS, to: ['Attack', 'Event'], description: 'carried out' },
  TARGETED: { from: ['Attack'], to: ['Facility', 'Place', 'Country'], description: 'was aimed at' },
  DESTROYED: { from: ['Attack'], to: ['Facility', 'Place'], description: 'destroyed' },
  RETALIATION_FOR: { from: ['Attack'], to: ['Attack'], description: 'was carried out in retaliation for' },
  HELD_IN: { from: ['Event'], to: ['Place', 'Country'], description: 'takes or took place in' },
  ABOUT: { from: ['Event', 'Proposal', 'Condition'], to: ANY, description: 'concerns' },
  DISCUSSED_IN: { from: ['Proposal', 'Condition'], to: ['Event'], description: 'was discussed in' },
  FOLLOWED: { from: ['Event'], to: ['Event'], description: 'came after' },
  ISSUED: { from: ACTOR_KINDS, to: ['Event'], description: 'issued (a statement)' },
  PERSUADED: {
    from: ACTOR_KINDS,
    to: ACTOR_KINDS,
    description: 'persuaded (to accept what `about` names)',
  },
  CONDITION_FOR: { from: ['Condition'], to: ['Proposal', 'Event'], description: 'is a condition for' },
  CONTROLS: { from: ACTOR_KINDS, to: ['Place'], description: 'controls (territory)' },
} as const satisfies Record<string, FactTypeSpec>;
export type FactType = keyof typeof FACT_TYPES;
export const FACT_TYPE_NAMES = Object.keys(FACT_TYPES) as FactType[];
