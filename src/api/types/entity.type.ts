import { Field, ID, ObjectType } from 'type-graphql';
import { EntityKind } from './enums';

@ObjectType({
  simpleResolvers: true,
  description:
    'A real-world thing a document names: person, country, organisation, group, place, facility, proposal, ' +
    'condition, event or attack. One node per thing, whatever names the documents use for it. ' +
    'Its stances, relations and mentions are resolved by the entity resolver.',
})
export class Entity {
  @Field(() => ID, { description: 'Stable slug, e.g. "putin"; the same in every document.' })
  id!: string;

  @Field(() => EntityKind, { description: 'What kind of thing it is.' })
  kind!: EntityKind;

  @Field(() => String, { description: 'Canonical name.' })
  name!: string;

  @Field(() => [String], { description: 'Other names the documents use for it, e.g. "the Russian leader".' })
  aliases!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'A short description, from the documents’ own content.',
  })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For events and attacks: the ISO date the text gives, resolved against the document’s date.',
  })
  date!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The text’s own words for that date, e.g. "on Sunday".',
  })
  dateText!: string | null;
}
