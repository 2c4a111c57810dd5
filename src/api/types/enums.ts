import { registerEnumType } from 'type-graphql';
import {
  CLAIM_KINDS,
  CLAIM_KIND_NAMES,
  ENTITY_KINDS,
  ENTITY_KIND_SPECS,
  FACT_TYPES,
  FACT_TYPE_NAMES,
  POLARITIES,
  POLARITY_SPECS,
  ClaimKind,
  EntityKind as StoredEntityKind,
  FactType as StoredFactType,
  Polarity as StoredPolarity,
} from '../../domain/vocabulary';
import { ANNOTATION_METHODS, AnnotationMethod as StoredAnnotationMethod } from '../../ingest/annotation';

/**
 * The enums of the graph's vocabulary are built from src/domain/vocabulary.ts, so that a kind, claim kind or
 * fact type added there is in the schema too: { PERSON: 'Person', … }. GraphQL names are the stored values
 * in capitals (as the name resolver spells kinds in its candidates); the values are what the graph stores
 * (labels, claim kinds, polarities, fact types), so a stored value goes out as it is, and each enum's TS
 * type is the domain's union of those values.
 */
function enumOf<V extends string>(values: readonly V[]) {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as {
    [K in V as Uppercase<K>]: K;
  };
}

/** The schema's description of each value, from the domain's spec of it. */
function describedBy<S>(specs: Record<string, S>, description: (spec: S) => string) {
  return Object.fromEntries(
    Object.entries(specs).map(([value, spec]) => [value.toUpperCase(), { description: description(spec) }]),
  );
}

export const EntityKind = enumOf(ENTITY_KINDS);
export type EntityKind = StoredEntityKind;

export const StanceKind = enumOf(CLAIM_KIND_NAMES);
export type StanceKind = ClaimKind;

export const Polarity = enumOf(POLARITIES);
export type Polarity = StoredPolarity;

export const FactType = enumOf(FACT_TYPE_NAMES);
export type FactType = StoredFactType;

export const AnnotationMethod = enumOf(ANNOTATION_METHODS);
export type AnnotationMethod = StoredAnnotationMethod;

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
  valuesConfig: describedBy(ENTITY_KIND_SPECS, (spec) => spec.description),
});
registerEnumType(StanceKind, {
  name: 'StanceKind',
  description: 'The kind of position an actor takes; each maps to one polarity and one CAMEO code.',
  valuesConfig: describedBy(CLAIM_KINDS, (spec) => spec.description),
});
registerEnumType(Polarity, {
  name: 'Polarity',
  description: 'Where a stance leaves its actor towards its target.',
  valuesConfig: describedBy(POLARITY_SPECS, (spec) => spec.description),
});
registerEnumType(FactType, {
  name: 'FactType',
  description: 'The relationship types of facts the documents report without a speaker.',
  valuesConfig: describedBy(
    FACT_TYPES,
    (spec) => `${spec.description} (${spec.from.join('|')} → ${spec.to.join('|')})`,
  ),
});
registerEnumType(AnnotationMethod, {
  name: 'AnnotationMethod',
  description:
    'How a stance or a report of a fact came to be (graph.yaml’s `method`, docs/annotation.md): written by ' +
    'hand, drafted by the extractor, or drafted and then reviewed by a person.',
  valuesConfig: {
    HAND: {
      description: 'Written by a person (the default: an annotation that does not say is hand-written).',
    },
    DRAFT: {
      description:
        'Drafted by `npm run draft` or draftDocument and loaded without review; its confidence is the ' +
        'drafter’s.',
    },
    REVIEWED: { description: 'Drafted, then accepted or edited by a person (the review page).' },
  },
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
