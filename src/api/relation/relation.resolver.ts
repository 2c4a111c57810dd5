import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RelationRecord } from '../../graph/records';
import { GraphContext } from '../context';
import { ScopeArgs, resolveScope } from '../scope';
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
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const [entity, scope] = await Promise.all([
      ctx.stores.names.resolve(of, 'of'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.relations.ofEntities([entity.id], types, direction, scope);
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
