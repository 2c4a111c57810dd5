import { connectionTypes } from '../types/page.type';
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
  DATE = 'DATE',
}

export enum DateBucket {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
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
    DOCUMENT: { description: 'Stances per reporting document (label: its title).' },
    DATE: {
      description:
        'Stances per date bucket (see bucket) of the day they were stated (statedOn), in date order; key: the ' +
        'bucket’s first day (ISO weeks start on Monday), label: e.g. "2025-W12" or "2025-03".',
    },
  },
});
registerEnumType(DateBucket, {
  name: 'DateBucket',
  description: 'How wide a DATE group of counts is.',
  valuesConfig: {
    DAY: { description: 'One day.' },
    WEEK: { description: 'An ISO week, Monday to Sunday.' },
    MONTH: { description: 'A calendar month.' },
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

@ObjectType({
  simpleResolvers: true,
  description: 'What one document reports about an actor × target pair of the stance matrix.',
})
export class CellSource {
  @Field(() => CellPolarity, { description: 'The polarity of the stances this document reports, together.' })
  polarity!: string;

  @Field(() => [Polarity], { description: 'Every polarity among them.' })
  polarities!: string[];

  @Field(() => Int, { description: 'How many of the cell’s stances it reports.' })
  stanceCount!: number;

  /** The document's id, which the cell-source resolver turns into the document. */
  docId!: string;
}

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

  @Field(() => Int, { description: 'How many stances (`stances` shows at most `first` of them).' })
  stanceCount!: number;

  @Field(() => Int, { description: 'How many quotes back them.' })
  evidenceCount!: number;

  /** Every reporting document, in document-id order: AggregateResolver.sources shows the first of them. */
  sources!: CellSource[];

  @Field(() => Int, { description: 'How many documents report the stances of this cell.' })
  sourcesCount!: number;

  @Field(() => Boolean, {
    description:
      'True when different documents report different polarities for this pair (one CONFLICTING itself counts ' +
      'as its own polarity): the reports disagree, not only the actor with itself.',
  })
  sourcesDisagree!: boolean;

  stanceIds!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'Actors × targets with the stances between them, for a table or heat map.',
})
export class StanceMatrix {
  @Field(() => Int, {
    description: 'How many actors have stances in scope (among those asked for): rows shown and left out.',
  })
  totalActors!: number;

  @Field(() => Int, { description: 'How many targets have stances in scope: columns shown and left out.' })
  totalTargets!: number;

  @Field(() => Int, {
    description: 'Actors left out of the rows (totalActors − rows shown): ask for more with actorsFirst.',
  })
  actorsLeftOut!: number;

  @Field(() => Int, { description: 'Targets left out of the columns: ask for more with targetsFirst.' })
  targetsLeftOut!: number;

  @Field(() => [Entity], { description: 'Rows: actors, most stances first.' })
  actors!: EntityRecord[];

  @Field(() => [Entity], { description: 'Columns: targets, most stances first.' })
  targets!: EntityRecord[];

  @Field(() => [StanceCell], { description: 'The non-empty cells.' })
  cells!: StanceCell[];
}

@ObjectType({ simpleResolvers: true, description: 'A group and how many it holds.' })
export class Count {
  @Field(() => String, {
    description: 'The group: a kind, polarity, relationship type, document id or a date bucket’s first day.',
  })
  key!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A readable name for the group (a document’s title, a week "2025-W12", a month "2025-03").',
  })
  label!: string | null;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The first groups of a count (first), and how many groups there are in all.',
})
export class Counts {
  @Field(() => [Count], {
    description: 'The first groups: largest first, DATE groups in date order (earliest first).',
  })
  groups!: Count[];

  @Field(() => Int, { description: 'How many groups there are in all: shown and left out.' })
  totalGroups!: number;

  @Field(() => Int, { description: 'Groups left out (totalGroups − groups shown): ask for more with first.' })
  groupsLeftOut!: number;
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

  @Field(() => [Evidence], {
    description:
      'A statement’s quotes; the places that name an event: at most the timeline’s eventEvidence of them, in document-id then text order.',
  })
  evidence!: EvidenceRecord[];

  @Field(() => Int, {
    description:
      'How many places name the event in scope (evidence holds the first of them); a statement’s quotes.',
  })
  evidenceCount!: number;
}

export const { Edge: TimelineEdge, Connection: TimelineConnection } = connectionTypes(
  'Timeline',
  () => TimelineEntry,
  'timeline entries',
);
