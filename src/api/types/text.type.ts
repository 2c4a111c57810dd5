import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A section heading of a document.' })
export class Heading {
  @Field(() => ID, { description: 'Stable id: "<document id>#h<index>".' })
  id!: string;

  @Field(() => Int, { description: 'Position among the document’s headings, from 1.' })
  index!: number;

  @Field(() => String, { description: 'The heading text.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in the document text, in Unicode code points.' })
  start!: number;

  @Field(() => Int, { description: 'End offset (exclusive), in Unicode code points.' })
  end!: number;
}

/** Resolved from the store's SentenceRecord as it is: its docId serves SentenceResolver.document. */
@ObjectType({
  simpleResolvers: true,
  description: 'A sentence of a document. Its document, mentions are resolved by the sentence resolver.',
})
export class Sentence {
  @Field(() => ID, { description: 'Stable id: "<document id>#s<index>".' })
  id!: string;

  @Field(() => Int, { description: 'Position in the document, from 1.' })
  index!: number;

  @Field(() => Int, { nullable: true, description: 'The paragraph it belongs to, from 1.' })
  paragraph?: number | null;

  @Field(() => String, { description: 'The sentence text, verbatim.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in the document text, in Unicode code points.' })
  start!: number;

  @Field(() => Int, {
    description: 'End offset (exclusive), in Unicode code points: text[start:end] is the sentence.',
  })
  end!: number;

  @Field(() => Heading, { nullable: true, description: 'The section heading it stands under, if any.' })
  heading?: Heading | null;
}
