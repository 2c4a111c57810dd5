import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Entity } from './entity.type';
import { Sentence } from './text.type';

/**
 * Evidence and Mention are resolved from the store's EvidenceRecord and MentionRecord as they are (their
 * docId serves the document field resolvers), so the classes only declare the schema.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'Where a stance, relation or edge is stated: a verbatim quote, its sentence and document. Offsets are ' +
    'Unicode code points into the document text, so text[start:end] == quote in Python as in JavaScript.',
})
export class Evidence {
  @Field(() => String, { description: 'The verbatim quote.' })
  quote!: string;

  @Field(() => Int, { description: 'Start of the quote in the document text (code points).' })
  start!: number;

  @Field(() => Int, { description: 'End of the quote (exclusive, code points).' })
  end!: number;

  @Field(() => Sentence, { description: 'The sentence that holds the quote.' })
  sentence!: Sentence;

  @Field(() => ID, {
    description:
      'The id of the sentence that holds the quote: in a subgraph, the key into its `sentences`, which ' +
      'sends each sentence once.',
  })
  sentenceId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A place in a sentence where an entity is named.' })
export class Mention {
  @Field(() => String, { description: 'The words used, e.g. "the Russian leader".' })
  surface!: string;

  @Field(() => Int, { description: 'Start in the document text (code points).' })
  start!: number;

  @Field(() => Int, { description: 'End (exclusive, code points).' })
  end!: number;

  @Field(() => Sentence, { description: 'The sentence it occurs in.' })
  sentence!: Sentence;

  @Field(() => Entity, { description: 'The entity named.' })
  entity!: Entity;
}
