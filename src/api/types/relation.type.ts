import { connectionTypes } from './page.type';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { EntityRecord, EvidenceRecord, RelationRecord } from '../../graph/records';
import { Entity } from './entity.type';
import { AnnotationMethod } from './enums';

/**
 * Resolved from the store's RelationRecord as it is: its `about` holds the id that RelationResolver.about
 * turns into the entity.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'A fact a document reports without a speaker (Russia CARRIED_OUT drone attacks; talks HELD_IN Jeddah), ' +
    'with the evidence of every document that reports it.',
})
export class Relation {
  @Field(() => ID, { description: 'Opaque id of the relationship.' })
  id!: string;

  @Field(() => String, { description: 'The relationship type, one of FactType, e.g. "TARGETED".' })
  type!: string;

  @Field(() => Entity, { description: 'Where it starts.' })
  from!: Entity;

  @Field(() => Entity, { description: 'Where it ends.' })
  to!: Entity;

  @Field(() => String, { nullable: true, description: 'When it happened, ISO, where the text says.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The text’s own words for that date.' })
  dateText!: string | null;

  @Field(() => Float, {
    description:
      'How sure the annotations are of it, 0 to 1: the highest confidence among the reports of it in this ' +
      'answer (after documents, dates, minConfidence and methods have narrowed them); a hand-written ' +
      'report that gives none counts 1.',
  })
  confidence!: number;

  @Field(() => AnnotationMethod, {
    description:
      'How the report that gives it its confidence came to be: HAND, DRAFT or REVIEWED (of equally ' +
      'confident reports, HAND before REVIEWED before DRAFT).',
  })
  method!: AnnotationMethod;

  /**
   * Every place the documents state it, in document-id then text order (the store sorts them);
   * RelationResolver.evidence sends the first `first`, evidenceCount counts them all.
   */
  evidence!: EvidenceRecord[];
}

/** The lists of a condition's stances: every one, and those that set, reject or accept it. */
export type ConditionList = 'stances' | 'setBy' | 'rejectedBy' | 'acceptedBy';

@ObjectType({
  simpleResolvers: true,
  description: 'A condition an actor set, what it is a condition for, and who set, rejected or accepted it.',
})
export class ConditionStatus {
  @Field(() => Entity, { description: 'The condition.' })
  condition!: EntityRecord;

  /**
   * Its CONDITION_FOR facts in scope, by the end's name, id and about: as many as the request asks of `for`
   * and `conditionFor` at most (the conditions query reads no more); ConditionStatusResolver sends the
   * first `first` of them as `for` (their ends) and `conditionFor`.
   */
  conditionFor!: RelationRecord[];

  /** How many CONDITION_FOR facts it has in scope (forCount, conditionForCount). */
  forCount!: number;

  /**
   * The ids of every stance on it in scope, in id order, by list: ConditionStatusResolver reads the first
   * `first` of each in full (stances, setBy, rejectedBy, acceptedBy) and counts them all.
   */
  stanceIds!: Record<ConditionList, string[]>;
}

export const { Edge: ConditionEdge, Connection: ConditionConnection } = connectionTypes(
  'Condition',
  () => ConditionStatus,
  'conditions',
);

export const { Edge: RelationEdge, Connection: RelationConnection } = connectionTypes(
  'Relation',
  () => Relation,
  'facts',
  'How many facts match in all, on every page.',
);
