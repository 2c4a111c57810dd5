/**
 * The vocabulary of the graph: entity kinds, claim kinds with their polarity and CAMEO code, fact types
 * with the kinds each may join. This is the one table the validator, the loader and the API share; a label
 * or relationship type reaches Cypher only if it is listed here, and the GraphQL enums are built from it
 * (src/api/types/enums.ts), so adding an entry here is all it takes to show it in the schema. The
 * descriptions are the ones the schema gives.
 */

export interface EntityKindSpec {
  description: string;
}

export const ENTITY_KIND_SPECS = {
  Person: { description: 'A person, e.g. a head of state.' },
  Country: { description: 'A country.' },
  Organization: { description: 'An organisation or body, e.g. the Kremlin, a delegation.' },
  Group: { description: 'A group of actors, e.g. Ukraine’s European allies.' },
  Place: { description: 'A city, region or territory.' },
  Facility: { description: 'Infrastructure or a site, e.g. hospitals, power supplies.' },
  Proposal: { description: 'A proposal or plan, e.g. a ceasefire.' },
  Condition: { description: 'A condition an actor sets.' },
  Event: { description: 'An event, e.g. a call, talks, a statement.' },
  Attack: { description: 'An attack or strike.' },
} as const satisfies Record<string, EntityKindSpec>;
export type EntityKind = keyof typeof ENTITY_KIND_SPECS;
export const ENTITY_KINDS = Object.keys(ENTITY_KIND_SPECS) as readonly EntityKind[];

/** Who can hold a position or act. */
export const ACTOR_KINDS: readonly EntityKind[] = ['Person', 'Country', 'Organization', 'Group'];
const NEGOTIABLE: readonly EntityKind[] = ['Proposal', 'Condition', 'Event'];
const ANY: readonly EntityKind[] = ENTITY_KINDS;

/** Where a claim leaves its actor towards its target; each claim kind has exactly one. */
export const POLARITY_SPECS = {
  SUPPORT: { description: 'For it.' },
  OPPOSE: { description: 'Against it.' },
  CONDITIONAL: { description: 'For it only under conditions, or not yet committed.' },
} as const satisfies Record<string, { description: string }>;
export type Polarity = keyof typeof POLARITY_SPECS;
export const POLARITIES = Object.keys(POLARITY_SPECS) as readonly Polarity[];

export interface ClaimKindSpec {
  polarity: Polarity;
  /** CAMEO 1.1b event code, so claims can be joined with GDELT-coded event data. */
  cameo: string;
  cameoName: string;
  /** Kinds the claim's target (`on`) may have. */
  targets: readonly EntityKind[];
  /** What the actor does to the target, its polarity in brackets (the schema's words for the kind). */
  description: string;
}

export const CLAIM_KINDS = {
  AGREES_TO: {
    polarity: 'SUPPORT',
    cameo: '030',
    cameoName: 'Express intent to cooperate, not specified below',
    targets: NEGOTIABLE,
    description: 'Agrees to do or enter into a proposal, condition or event (SUPPORT).',
  },
  SUPPORTS: {
    polarity: 'SUPPORT',
    cameo: '051',
    cameoName: 'Praise or endorse',
    targets: ANY,
    description: 'Expresses support (SUPPORT).',
  },
  OPEN_TO: {
    polarity: 'CONDITIONAL',
    cameo: '014',
    cameoName: 'Consider policy option',
    targets: NEGOTIABLE,
    description: 'Is open to it without committing, e.g. seeks details first (CONDITIONAL).',
  },
  ACCEPTS: {
    polarity: 'SUPPORT',
    cameo: '030',
    cameoName: 'Express intent to cooperate, not specified below',
    targets: NEGOTIABLE,
    description: 'Accepts a proposal or condition put to it (SUPPORT).',
  },
  CALLS_FOR: {
    polarity: 'SUPPORT',
    cameo: '020',
    cameoName: 'Make an appeal or request, not specified below',
    targets: NEGOTIABLE,
    description: 'Calls for it to happen (SUPPORT).',
  },
  PROPOSES: {
    polarity: 'SUPPORT',
    cameo: '020',
    cameoName: 'Make an appeal or request, not specified below',
    targets: NEGOTIABLE,
    description: 'Puts it forward (SUPPORT).',
  },
  REJECTS: {
    polarity: 'OPPOSE',
    cameo: '120',
    cameoName: 'Reject, not specified below',
    targets: NEGOTIABLE,
    description: 'Rejects it (OPPOSE).',
  },
  CRITICIZES: {
    polarity: 'OPPOSE',
    cameo: '111',
    cameoName: 'Criticize or denounce',
    targets: ANY,
    description: 'Criticises it (OPPOSE).',
  },
  DEMANDS: {
    polarity: 'SUPPORT',
    cameo: '100',
    cameoName: 'Demand, not specified below',
    targets: ['Condition'],
    description: 'Sets it as a condition: wants it met (SUPPORT of the condition).',
  },
  PRAISES: {
    polarity: 'SUPPORT',
    cameo: '051',
    cameoName: 'Praise or endorse',
    targets: ANY,
    description: 'Speaks well of it (SUPPORT).',
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
