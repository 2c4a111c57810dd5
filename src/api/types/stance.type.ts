import { connectionTypes } from './page.type';
import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { EntityRecord, EvidenceRecord, StanceRecord } from '../../graph/records';
import { Entity } from './entity.type';
import { AnnotationMethod, Polarity, StanceKind } from './enums';
import { Evidence } from './evidence.type';

/**
 * Resolved from the store's StanceRecord as it is (its docId and respondsToId serve the field resolvers of
 * StanceResolver), so the class only declares the schema.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'A position an actor takes on a target, as a document reports it (a reified claim): who, what kind, on ' +
    'what, citing what, in response to which other stance, and the evidence for it.',
})
export class Stance {
  @Field(() => ID, { description: 'Stable id: "<document id>:<claim id>".' })
  id!: string;

  @Field(() => StanceKind, { description: 'What the actor does: agrees to, rejects, criticises, …' })
  kind!: StanceKind;

  @Field(() => Polarity, { description: 'SUPPORT, OPPOSE or CONDITIONAL, fixed by the kind.' })
  polarity!: Polarity;

  @Field(() => Entity, { description: 'Who takes the stance.' })
  actor!: Entity;

  @Field(() => Entity, { description: 'What the stance is on.' })
  target!: Entity;

  @Field(() => [Entity], {
    description: 'What the actor cites as grounds, e.g. attacks invoked in a criticism.',
  })
  cites!: Entity[];

  @Field(() => String, {
    nullable: true,
    description: 'The CAMEO event code of the kind, for joining GDELT data.',
  })
  cameo!: string | null;

  @Field(() => Float, {
    description:
      'How sure the annotation is of it, 0 to 1: the confidence graph.yaml gives the claim — a drafted ' +
      'one’s is the drafter’s — and 1 for a hand-written claim that gives none. Narrow with minConfidence.',
  })
  confidence!: number;

  @Field(() => AnnotationMethod, {
    description:
      'How it came to be: HAND (written by a person; also every claim whose annotation does not say), ' +
      'DRAFT (drafted, not reviewed) or REVIEWED (drafted, then checked by a person). Narrow with methods.',
  })
  method!: AnnotationMethod;

  @Field(() => String, { nullable: true, description: 'When it was stated, ISO, where the text says.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The text’s own words for that date.' })
  dateText!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the annotator worked the date out rather than read it (e.g. "in a recent call"); null ' +
      'where the annotation does not say.',
  })
  dateInferred!: boolean | null;

  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'When it was reported: the publication date of its document (see document).',
  })
  reportedOn!: string | null;

  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'When it was stated: its own date where the text gives one, else reportedOn.',
  })
  statedOn!: string | null;

  @Field(() => [Evidence], { description: 'Every place the document states it, in text order.' })
  evidence!: Evidence[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One stance of an actor’s history on a target, and whether it changed the actor’s polarity.',
})
export class StanceHistoryEntry {
  @Field(() => Stance, { description: 'The stance, with its document, dates and evidence.' })
  stance!: StanceRecord;

  @Field(() => GraphQLDate, { nullable: true, description: 'When it was stated (the stance’s statedOn).' })
  statedOn!: string | null;

  @Field(() => Boolean, {
    description: 'True when its polarity differs from the previous entry’s; false for the first.',
  })
  changed!: boolean;

  @Field(() => Polarity, {
    nullable: true,
    description: 'The previous entry’s polarity; null for the first.',
  })
  previousPolarity!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An entity an opposing stance cites as its grounds.' })
export class Citation {
  @Field(() => Entity, { description: 'What is cited, e.g. an attack.' })
  cited!: EntityRecord;

  @Field(() => Entity, { description: 'Who cites it.' })
  by!: EntityRecord;

  @Field(() => Stance, { description: 'The opposing stance (REJECTS, CRITICIZES) that cites it.' })
  objection!: StanceRecord;

  @Field(() => [Evidence], { description: 'The evidence of the objection.' })
  evidence!: EvidenceRecord[];
}

export const { Edge: StanceEdge, Connection: StanceConnection } = connectionTypes(
  'Stance',
  () => Stance,
  'stances',
);

export const { Edge: CitationEdge, Connection: CitationConnection } = connectionTypes(
  'Citation',
  () => Citation,
  'citations',
);
