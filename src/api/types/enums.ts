import { registerEnumType } from 'type-graphql';
import { FACT_TYPES } from '../../ingest/model';

/** GraphQL names in capitals; the values are what the graph stores (labels, claim kinds, fact types). */
export enum EntityKind {
  PERSON = 'Person',
  COUNTRY = 'Country',
  ORGANIZATION = 'Organization',
  GROUP = 'Group',
  PLACE = 'Place',
  FACILITY = 'Facility',
  PROPOSAL = 'Proposal',
  CONDITION = 'Condition',
  EVENT = 'Event',
  ATTACK = 'Attack',
}

export enum StanceKind {
  AGREES_TO = 'AGREES_TO',
  SUPPORTS = 'SUPPORTS',
  OPEN_TO = 'OPEN_TO',
  ACCEPTS = 'ACCEPTS',
  CALLS_FOR = 'CALLS_FOR',
  PROPOSES = 'PROPOSES',
  REJECTS = 'REJECTS',
  CRITICIZES = 'CRITICIZES',
  DEMANDS = 'DEMANDS',
  PRAISES = 'PRAISES',
}

export enum Polarity {
  SUPPORT = 'SUPPORT',
  OPPOSE = 'OPPOSE',
  CONDITIONAL = 'CONDITIONAL',
}

export enum FactType {
  LEADS = 'LEADS',
  MEMBER_OF = 'MEMBER_OF',
  ALLY_OF = 'ALLY_OF',
  PART_OF = 'PART_OF',
  LOCATED_IN = 'LOCATED_IN',
  WAS_IN = 'WAS_IN',
  PARTICIPATED_IN = 'PARTICIPATED_IN',
  CARRIED_OUT = 'CARRIED_OUT',
  TARGETED = 'TARGETED',
  DESTROYED = 'DESTROYED',
  RETALIATION_FOR = 'RETALIATION_FOR',
  HELD_IN = 'HELD_IN',
  ABOUT = 'ABOUT',
  DISCUSSED_IN = 'DISCUSSED_IN',
  FOLLOWED = 'FOLLOWED',
  ISSUED = 'ISSUED',
  PERSUADED = 'PERSUADED',
  CONDITION_FOR = 'CONDITION_FOR',
  CONTROLS = 'CONTROLS',
}

export enum StanceRole {
  ACTOR = 'ACTOR',
  TARGET = 'TARGET',
}

export enum Direction {
  OUT = 'OUT',
  IN = 'IN',
  BOTH = 'BOTH',
}

export enum EdgeKind {
  STANCE = 'STANCE',
  FACT = 'FACT',
}

registerEnumType(EntityKind, {
  name: 'EntityKind',
  description: 'What kind of real-world thing an entity is.',
  valuesConfig: {
    PERSON: { description: 'A person, e.g. a head of state.' },
    COUNTRY: { description: 'A country.' },
    ORGANIZATION: { description: 'An organisation or body, e.g. the Kremlin, a delegation.' },
    GROUP: { description: 'A group of actors, e.g. Ukraine’s European allies.' },
    PLACE: { description: 'A city, region or territory.' },
    FACILITY: { description: 'Infrastructure or a site, e.g. hospitals, power supplies.' },
    PROPOSAL: { description: 'A proposal or plan, e.g. a ceasefire.' },
    CONDITION: { description: 'A condition an actor sets.' },
    EVENT: { description: 'An event, e.g. a call, talks, a statement.' },
    ATTACK: { description: 'An attack or strike.' },
  },
});
registerEnumType(StanceKind, {
  name: 'StanceKind',
  description: 'The kind of position an actor takes; each maps to one polarity and one CAMEO code.',
  valuesConfig: {
    AGREES_TO: { description: 'Agrees to do or enter into a proposal, condition or event (SUPPORT).' },
    SUPPORTS: { description: 'Expresses support (SUPPORT).' },
    OPEN_TO: { description: 'Is open to it without committing, e.g. seeks details first (CONDITIONAL).' },
    ACCEPTS: { description: 'Accepts a proposal or condition put to it (SUPPORT).' },
    CALLS_FOR: { description: 'Calls for it to happen (SUPPORT).' },
    PROPOSES: { description: 'Puts it forward (SUPPORT).' },
    REJECTS: { description: 'Rejects it (OPPOSE).' },
    CRITICIZES: { description: 'Criticises it (OPPOSE).' },
    DEMANDS: { description: 'Sets it as a condition: wants it met (SUPPORT of the condition).' },
    PRAISES: { description: 'Speaks well of it (SUPPORT).' },
  },
});
registerEnumType(Polarity, {
  name: 'Polarity',
  description: 'Where a stance leaves its actor towards its target.',
  valuesConfig: {
    SUPPORT: { description: 'For it.' },
    OPPOSE: { description: 'Against it.' },
    CONDITIONAL: { description: 'For it only under conditions, or not yet committed.' },
  },
});
registerEnumType(FactType, {
  name: 'FactType',
  description: 'The relationship types of facts the documents report without a speaker.',
  valuesConfig: Object.fromEntries(
    Object.entries(FACT_TYPES).map(([name, spec]) => [
      name,
      { description: `${spec.description} (${spec.from.join('|')} → ${spec.to.join('|')})` },
    ]),
  ),
});
registerEnumType(StanceRole, {
  name: 'StanceRole',
  description: 'An entity’s role in a stance.',
  valuesConfig: {
    ACTOR: { description: 'It takes the stance.' },
    TARGET: { description: 'The stance is on it.' },
  },
});
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which relationships of an entity to follow.',
  valuesConfig: {
    OUT: { description: 'From the entity to others.' },
    IN: { description: 'From others to the entity.' },
    BOTH: { description: 'Either way.' },
  },
});
registerEnumType(EdgeKind, {
  name: 'EdgeKind',
  description: 'What an edge of a subgraph stands for.',
  valuesConfig: {
    STANCE: { description: 'A stance, drawn from its actor to its target.' },
    FACT: { description: 'A fact the document reports, drawn as its relationship.' },
  },
});
