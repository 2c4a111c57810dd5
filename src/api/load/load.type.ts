import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

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
}
