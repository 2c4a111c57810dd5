import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntityRecord, EvidenceRecord, StanceRecord } from '../../graph/records';
import { Entity } from '../types/entity.type';
import { Polarity, StanceKind } from '../types/enums';
import { Evidence } from '../types/evidence.type';
import { Stance } from '../types/stance.type';

export enum CountGroup {
  ENTITY_KIND = 'ENTITY_KIND',
  STANCE_KIND = 'STANCE_KIND',
  POLARITY = 'POLARITY',
  RELATION_TYPE = 'RELATION_TYPE',
  DOCUMENT = 'DOCUMENT',
}

export enum CellPolarity {
  SUPPORT = 'SUPPORT',
  OPPOSE = 'OPPOSE',
  CONDITIONAL = 'CONDITIONAL',
  CONFLICTING = 'CONFLICTING',
}

/** As the timeline query names them, so that its rows need no mapping. */
export const TimelineKind = { EVENT: 'EVENT', STATEMENT: 'STATEMENT' } as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

registerEnumType(CountGroup, {
  name: 'CountGroup',
  description: 'What to count by.',
  valuesConfig: {
    ENTITY_KIND: { description: 'Entities per kind.' },
    STANCE_KIND: { description: 'Stances per kind.' },
    POLARITY: { description: 'Stances per polarity.' },
    RELATION_TYPE: { description: 'Facts per relationship type.' },
    DOCUMENT: { description: 'Stances per document.' },
  },
});
registerEnumType(CellPolarity, {
  name: 'CellPolarity',
  description: 'The polarity of an actor’s stances on a target, taken together.',
  valuesConfig: {
    SUPPORT: { description: 'Every stance supports.' },
    OPPOSE: { description: 'Every stance opposes.' },
    CONDITIONAL: { description: 'Every stance is conditional.' },
    CONFLICTING: { description: 'The stances disagree: see polarities.' },
  },
});
registerEnumType(TimelineKind, {
  name: 'TimelineKind',
  description: 'What a timeline entry is.',
  valuesConfig: {
    EVENT: { description: 'A dated event or attack.' },
    STATEMENT: { description: 'A dated stance.' },
  },
});

/**
 * Kinds and polarities are held as the matrix query reads them (strings); the enums check them on the way
 * out, as they check every stance's.
 */
@ObjectType({ simpleResolvers: true, description: 'One actor × target pair of the stance matrix.' })
export class StanceCell {
  @Field(() => Entity, { description: 'The actor (row).' })
  actor!: EntityRecord;

  @Field(() => Entity, { description: 'The target (column).' })
  target!: EntityRecord;

  @Field(() => [StanceKind], { description: 'The kinds of the actor’s stances on the target.' })
  kinds!: string[];

  @Field(() => [Polarity], { description: 'Every polarity among them; more than one means they conflict.' })
  polarities!: string[];

  @Field(() => CellPolarity, {
    description: 'Their polarity taken together; CONFLICTING rather than an average.',
  })
  polarity!: string;

  @Field(() => Int, { description: 'How many stances.' })
  stanceCount!: number;

  @Field(() => Int, { description: 'How many quotes back them.' })
  evidenceCount!: number;

  stanceIds!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'Actors × targets with the stances between them, for a table or heat map.',
})
export class StanceMatrix {
  @Field(() => [Entity], { description: 'Rows: actors, most stances first.' })
  actors!: EntityRecord[];

  @Field(() => [Entity], { description: 'Columns: targets, most stances first.' })
  targets!: EntityRecord[];

  @Field(() => [StanceCell], { description: 'The non-empty cells.' })
  cells!: StanceCell[];
}

@ObjectType({ simpleResolvers: true, description: 'A group and how many it holds.' })
export class Count {
  @Field(() => String, { description: 'The group: a kind, polarity, relationship type or document id.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'A readable name for the group (a document’s title).' })
  label!: string | null;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A dated event or statement.' })
export class TimelineEntry {
  @Field(() => String, { description: 'ISO date, resolved against the document’s date.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'The text’s own words for the date.' })
  dateText!: string | null;

  @Field(() => TimelineKind, { description: 'EVENT or STATEMENT.' })
  kind!: TimelineKind;

  @Field(() => Entity, { nullable: true, description: 'For an event: the event or attack.' })
  entity!: EntityRecord | null;

  @Field(() => Stance, { nullable: true, description: 'For a statement: the stance.' })
  stance!: StanceRecord | null;

  @Field(() => [Evidence], { description: 'A statement’s quotes; the places that name an event.' })
  evidence!: EvidenceRecord[];
}
