import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ProblemSeverity {
  WARNING = 'warning',
  NOTICE = 'notice',
}

registerEnumType(ProblemSeverity, {
  name: 'ProblemSeverity',
  description: 'How much a finding of a load matters; errors are not among them: an error stops the load.',
  valuesConfig: {
    WARNING: { description: 'Probably a mistake to fix (PROBABLE_DUPLICATE); the document was loaded.' },
    NOTICE: { description: 'What the validator did for you (LINKED_TO_REGISTRY).' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'A warning or notice about a loaded document, placed as `npm run validate` places it.',
})
export class LoadNotice {
  @Field(() => String, { description: '`annotation` or `article`: the argument it is in.' })
  file!: string;

  @Field(() => Int, { description: 'Line of the field, from 1.' })
  line!: number;

  @Field(() => Int, { description: 'Column of the field, from 1.' })
  column!: number;

  @Field(() => String, { description: 'Dotted path of the field, e.g. entities[3].name.' })
  field!: string;

  @Field(() => String, { description: 'PROBABLE_DUPLICATE, LINKED_TO_REGISTRY, …' })
  code!: string;

  @Field(() => String, { description: 'What was found, and what to do about it.' })
  message!: string;

  @Field(() => ProblemSeverity, { description: 'Warning or notice.' })
  severity!: ProblemSeverity;
}

export enum LoadStatus {
  CREATED = 'created',
  REPLACED = 'replaced',
  UNCHANGED = 'unchanged',
}

registerEnumType(LoadStatus, {
  name: 'LoadStatus',
  description: 'What a load did to the stored document.',
  valuesConfig: {
    CREATED: { description: 'The document was new.' },
    REPLACED: {
      description: 'Its text or annotation changed: its sentences, claims and evidence were replaced.',
    },
    UNCHANGED: { description: 'The stored document was identical: nothing was written.' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'What loading one document wrote (one transaction: all of it or nothing).',
})
export class LoadResult {
  @Field(() => ID, { description: 'The document’s id (document.id of the annotation).' })
  documentId!: string;

  @Field(() => LoadStatus, { description: 'Created, replaced or unchanged.' })
  status!: LoadStatus;

  @Field(() => Int, { description: 'Sentences in the document.' })
  sentences!: number;

  @Field(() => Int, { description: 'Entities the annotation lists.' })
  entities!: number;

  @Field(() => Int, { description: 'Mentions of entities found in the text.' })
  mentions!: number;

  @Field(() => Int, { description: 'Claims (stances) the annotation lists.' })
  claims!: number;

  @Field(() => Int, { description: 'Facts the annotation lists.' })
  facts!: number;

  @Field(() => Int, { description: 'Nodes created.' })
  nodesCreated!: number;

  @Field(() => Int, { description: 'Nodes deleted (a replaced document’s old sentences and claims).' })
  nodesDeleted!: number;

  @Field(() => Int, { description: 'Relationships created.' })
  relationshipsCreated!: number;

  @Field(() => Int, { description: 'Relationships deleted.' })
  relationshipsDeleted!: number;

  @Field(() => Int, { description: 'Time the load took, in milliseconds.' })
  ms!: number;

  @Field(() => [LoadNotice], {
    description:
      'Warnings and notices of the validation (errors stop the load): linked entities, probable duplicates.',
  })
  notices!: LoadNotice[];
}
