import { GraphQLResolveInfo, Kind } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { EntityRecord } from '../../graph/records';
import { LIMITS, boundedText, inRange } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, decodeCursor, pageOf } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { Entity } from '../types/entity.type';
import { Direction, EntityKind, FactType, StanceKind, StanceRole } from '../types/enums';
import { Mention } from '../types/evidence.type';
import { Relation } from '../types/relation.type';
import { Stance } from '../types/stance.type';
import { EntityConnection, EntityMatch } from '../types/subgraph.type';

/** Whether the field selects `stances` as Entity.stances without arguments loads them (ENTITY, any kind). */
function asksForAllStances(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some(
      (sel) =>
        sel.kind === Kind.FIELD &&
        sel.name.value === 'stances' &&
        !sel.arguments?.length &&
        !sel.directives?.length,
    ),
  );
}

@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Entity, { nullable: true, description: 'The entity with this id, or null.' })
  async entity(
    @Arg('id', () => ID, { description: 'The entity’s id, e.g. "putin".' }) id: string,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Asked for with all its stances (the dashboard's click, entity → stances → evidence), the stances come
    // first: each carries its actor and target as whole entity records, so the entity is among them and the
    // request is one round trip. Only an entity in no stance needs its own lookup as well.
    if (asksForAllStances(info)) {
      const stances = await ctx.loaders.stances('ENTITY').load(id);
      const self = stances.flatMap((s) => [s.actor, s.target]).find((e) => e.id === id);
      if (self) {
        ctx.loaders.primeEntities([self]);
        return self;
      }
    }
    return (await ctx.loaders.entity.load(id)) ?? null;
  }

  @Query(() => [EntityMatch], {
    description:
      'Candidate entities for a name, best first, with their scores and how they matched: ids, then exact ' +
      'names and aliases (case, diacritics, dash and quote variants and a leading article aside), then ' +
      'names holding every word asked, then spelling neighbours (the rule: docs/names.md).',
  })
  async resolve(
    @Arg('name', () => String, { description: 'A name, alias or id, e.g. "the Russian leader".' })
    name: string,
    @Arg('first', () => Int, { defaultValue: 10, description: 'At most this many (1–25).' }) first: number,
    @Ctx() ctx: GraphContext,
  ) {
    const matches = await ctx.stores.names.rank(boundedText('name', name), inRange('first', first, 1, 25));
    ctx.loaders.primeEntities(matches.map((m) => m.entity));
    return matches.map(({ entity, score, matchedOn, kind }) => ({
      entity,
      score,
      matchedOn,
      matchKind: kind,
    }));
  }

  @Query(() => EntityConnection, {
    description: 'Entities ordered by id, a page at a time (Relay connection).',
  })
  async entities(
    @Arg('kind', () => EntityKind, { nullable: true, description: 'Only entities of this kind.' })
    kind: EntityKind | null,
    @Arg('first', () => Int, { defaultValue: LIMITS.first.default, description: 'Page size (1–100).' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION })
    after: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<EntityConnection> {
    const size = inRange('first', first, LIMITS.first.min, LIMITS.first.max);
    const [afterId] = decodeCursor('entities', after, 's') ?? [null];
    const page = await ctx.stores.entities.page(kind ?? null, size, afterId as string | null);
    ctx.loaders.primeEntities(page.entities);
    const { edges, pageInfo } = pageOf(
      'entities',
      page.entities,
      size,
      after,
      (e) => [e.id],
      (e) => e,
    );
    // The store has already cut its extra row off and said whether more follow.
    return { edges, pageInfo: { ...pageInfo, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }

  @FieldResolver(() => [Stance], {
    description: 'The stances it takes (ACTOR), or that are on it (TARGET); both by default.',
  })
  async stances(
    @Root() entity: EntityRecord,
    @Arg('role', () => StanceRole, { nullable: true, description: 'Only as actor or only as target.' })
    role: StanceRole | null,
    @Arg('kinds', () => [StanceKind], { nullable: true, description: 'Only these kinds.' })
    kinds: StanceKind[] | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const anchor = role === StanceRole.ACTOR ? 'ACTOR' : role === StanceRole.TARGET ? 'TARGET' : 'ENTITY';
    const scope = await resolveScope(ctx, scopeArgs);
    const found = await ctx.loaders.stances(anchor, kinds, scope).load(entity.id);
    // Both roles come in one round trip; the stances it takes are listed before those on it.
    const asActor = found.filter((s) => s.actor.id === entity.id);
    const onIt = found.filter((s) => s.actor.id !== entity.id);
    return [...asActor, ...onIt].map((s) => ctx.loaders.primeStance(s));
  }

  @FieldResolver(() => [Relation], {
    description: 'The facts around it: relationships to and from other entities.',
  })
  async relations(
    @Root() entity: EntityRecord,
    @Arg('types', () => [FactType], { nullable: true, description: 'Only these types.' })
    types: FactType[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH, description: 'Which way.' })
    direction: Direction,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const scope = await resolveScope(ctx, scopeArgs);
    const found = await ctx.loaders.relations(types, direction, scope).load(entity.id);
    return found.map((r) => ctx.loaders.primeRelation(r));
  }

  @FieldResolver(() => [Mention], { description: 'Where the documents name it, in text order.' })
  async mentions(@Root() entity: EntityRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.mentionsOfEntity.load(entity.id);
  }
}
