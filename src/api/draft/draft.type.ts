import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Polarity } from '../types/enums';

/** The values are src/draft/types.ts DraftItemType's, so a drafted item goes out as it is. */
export enum DraftItemType {
  ENTITY = 'entity',
  CLAIM = 'claim',
  FACT = 'fact',
}

registerEnumType(DraftItemType, {
  name: 'DraftItemType',
  description: 'What a drafted item is in graph.yaml.',
  valuesConfig: {
    ENTITY: { description: 'An entity (entities:), new or linked to one already in the graph.' },
    CLAIM: { description: 'A stance (claims:): an actor’s position on a target.' },
    FACT: { description: 'A fact (facts:): a relationship the article states without a speaker.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A stretch of the article, as JavaScript string offsets.' })
export class TextSpan {
  @Field(() => Int, { description: 'Where it starts: a UTF-16 code-unit offset into the article as sent.' })
  begin!: number;

  @Field(() => Int, { description: 'Where it ends (exclusive): article.slice(begin, end) is the text.' })
  end!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One item of a draft as a review page shows it on the text: what it is, how sure the drafter is, where ' +
    'it rests in the article and why it was made. Offsets are UTF-16 code units into the article as sent ' +
    '(JavaScript’s article.slice(begin, end)), unlike the graph’s evidence, which counts code points.',
})
export class DraftItem {
  @Field(() => DraftItemType, { description: 'Entity, claim or fact.' })
  type!: DraftItemType;

  @Field(() => String, {
    description:
      'The entity’s or claim’s id in graph.yaml; for a fact (which has none there), an id unique within ' +
      'the draft.',
  })
  id!: string;

  @Field(() => String, {
    description: 'The entity kind (Person, …), the stance kind (REJECTS, …) or the fact type (LEADS, …).',
  })
  kind!: string;

  @Field(() => Float, {
    description:
      'How sure the drafter is, 0 to 1, calibrated on the seed article (docs/draft.md): it is the ' +
      '`confidence` graph.yaml carries, and what minConfidence filters on once the document is loaded.',
  })
  confidence!: number;

  @Field(() => String, { description: 'The text it rests on first: article.slice(begin, end).' })
  quote!: string;

  @Field(() => Int, { description: 'Where quote starts in the article (UTF-16 code units).' })
  begin!: number;

  @Field(() => Int, { description: 'Where quote ends (exclusive).' })
  end!: number;

  @Field(() => [TextSpan], {
    description: 'Every place in the article it rests on: an entity’s mentions, a claim’s or fact’s quotes.',
  })
  spans!: TextSpan[];

  @Field(() => String, {
    description: 'Why the drafter made it, in a few words: the rule and the words that fired it.',
  })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Entities: the id of the entity already in the graph (or registry) it is linked to; else null.',
  })
  linkedTo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Claims: the actor’s entity id (by); facts: where it starts (from); else null.',
  })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Claims: the target’s entity id (on); facts: where it ends (to); else null.',
  })
  to?: string | null;

  @Field(() => Polarity, { nullable: true, description: 'Claims: the polarity their kind fixes; else null.' })
  polarity?: Polarity | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A draft annotation of an article (nothing is stored): graph.yaml as `npm run draft` writes it, every ' +
    'item marked `method: draft` with its confidence, and the items with their places in the text. ' +
    'validateDocument accepts the yaml with the article as sent; loadDocument loads it.',
})
export class Draft {
  @Field(() => String, {
    description: 'The document id the yaml gives (the id asked for, else one made from the title).',
  })
  documentId!: string;

  @Field(() => String, { description: 'The NLP backend that parsed the article: corenlp or compromise.' })
  backend!: string;

  @Field(() => String, {
    description: 'The draft graph.yaml (docs/annotation.md), to review, edit and load.',
  })
  yaml!: string;

  @Field(() => Float, { description: 'Milliseconds the NLP backend took to parse the article.' })
  parseMs!: number;

  @Field(() => Float, { description: 'Milliseconds spent finding and linking entities, claims and facts.' })
  extractMs!: number;

  @Field(() => [DraftItem], { description: 'Every drafted entity, claim and fact.' })
  items!: DraftItem[];
}
