import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RelationRecord } from '../../graph/records';
import { GraphContext } from '../context';
import { Entity } from '../types/entity.type';
import { Direction, FactType } from '../types/enums';
import { Relation } from '../types/relation.type';

@Resolver(() => Relation)
export class RelationResolver {
  @Query(() => [Relation], {
    description:
      'The facts around an entity: who carried out what, what it targeted, where, who leads what, …',
  })
  async relations(
    @Arg('of', () => String, { description: 'An entity’s id, or any of its names or aliases.' }) of: string,
    @Arg('types', () => [FactType], { nullable: true, description: 'Only these types.' })
    types: FactType[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH, description: 'Which way.' })
    direction: Direction,
    @Ctx() ctx: GraphContext,
  ) {
    const entity = await ctx.stores.names.resolve(of, 'of');
    const found = await ctx.stores.relations.ofEntities([entity.id], types, direction);
    return (found.get(entity.id) ?? []).map((r) => ctx.loaders.primeRelation(r));
  }

  @FieldResolver(() => Entity, {
    nullable: true,
    description: 'A third entity the fact is about, e.g. what one side persuaded the other to accept.',
  })
  async about(@Root() relation: RelationRecord, @Ctx() ctx: GraphContext) {
    return relation.about ? ((await ctx.loaders.entity.load(relation.about)) ?? null) : null;
  }
}
