import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The values are the validator's own severities (src/ingest/source.ts severityOf). */
export enum ProblemSeverity {
  ERROR = 'error',
  WARNING = 'warning',
  NOTICE = 'notice',
}

registerEnumType(ProblemSeverity, {
  name: 'ProblemSeverity',
  description: 'How much a finding of the validator matters.',
  valuesConfig: {
    ERROR: {
      description:
        'The document cannot be loaded until it is fixed (validateDocument reports them; loadDocument ' +
        'refuses the document with a BAD_USER_INPUT error listing them in extensions.problems).',
    },
    WARNING: { description: 'Probably a mistake to fix (PROBABLE_DUPLICATE); the document still loads.' },
    NOTICE: { description: 'What the validator did for you (LINKED_TO_REGISTRY).' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'A finding of the validator about a document, placed as `npm run validate` places it: an error, a ' +
    'warning or a notice.',
})
export class Problem {
  @Field(() => String, { description: '`annotation` or `article`: the argument it is in.' })
  file!: string;

  @Field(() => Int, { description: 'Line of the field, from 1.' })
  line!: number;

  @Field(() => Int, { description: 'Column of the field, from 1.' })
  column!: number;

  @Field(() => String, { description: 'Dotted path of the field, e.g. entities[3].name.' })
  field!: string;

  @Field(() => String, {
    description:
      'A stable code: QUOTE_NOT_FOUND, UNKNOWN_REFERENCE, PROBABLE_DUPLICATE, … (docs/annotation.md).',
  })
  code!: string;

  @Field(() => String, { description: 'What was found, and what to do about it.' })
  message!: string;

  @Field(() => ProblemSeverity, { description: 'Error, warning or notice.' })
  severity!: ProblemSeverity;
}

@ObjectType({
  simpleResolvers: true,
  description: 'What loadDocument would say of a document, without loading it.',
})
export class ValidationReport {
  @Field(() => Boolean, {
    description: 'True when no problem is an ERROR: loadDocument would load the document as it is.',
  })
  valid!: boolean;

  @Field(() => [Problem], {
    description: 'Every error, warning and notice, in the order of the annotation’s lines.',
  })
  problems!: Problem[];
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

  @Field(() => [Problem], {
    description:
      'Warnings and notices of the validation (errors stop the load): linked entities, probable duplicates.',
  })
  notices!: Problem[];
}
