import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from './page.type';

/** Resolved from the store's DocumentRecord as it is: a text it already holds saves DocumentResolver.text a trip. */
@ObjectType({
  simpleResolvers: true,
  description: 'A source document: a news report, its text and its provenance.',
})
export class Document {
  @Field(() => ID, { description: 'Stable slug, the name of its corpus folder.' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'Where it came from.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Its address, when known.' })
  url!: string | null;

  @Field(() => String, { description: 'Publication date, ISO (YYYY-MM-DD).' })
  publishedAt!: string;

  @Field(() => String, { description: 'Language tag, e.g. "en".' })
  language!: string;

  @Field(() => String, { description: 'sha256 of the text’s UTF-8 bytes.' })
  sha256!: string;

  @Field(() => Int, { nullable: true, description: 'Length of the text in Unicode code points.' })
  length?: number | null;
}

export const { Edge: DocumentEdge, Connection: DocumentConnection } = connectionTypes(
  'Document',
  () => Document,
  'documents',
  'How many documents are loaded.',
);
