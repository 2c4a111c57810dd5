import { GraphQLResolveInfo, Kind } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { EntityRecord } from '../../graph/records';
import { LIMITS, boundedText, inRange, nestedFirst, NestedFirstArg } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, decodeCursor, pageOf } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { Entity } from '../types/entity.type';
import { Direction, EntityKind, FactType, StanceKind, StanceRole } from '../types/enums';
import { Mention } from '../types/evidence.type';
import { Relation } from '../types/relation.type';
import { Stance } from '../types/stance.type';
import { EntityConnection, EntityMatch } from '../types/subgraph.type';

/** Whether the field selects `stances` as Entity.stances without arguments loads them (ENTITY, any kind, the default first). */
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

const anchorOf = (role: StanceRole | null) =>
  role === StanceRole.ACTOR ? 'ACTOR' : role === StanceRole.TARGET ? 'TARGET' : 'ENTITY';

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
      const { stances } = await ctx.loaders.stancesOfEntity('ENTITY', LIMITS.nested.default).load(id);
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
    description:
      'The stances it takes (ACTOR), or that are on it (TARGET); both by default. At most `first` of them: ' +
      'those it takes before those on it, then by polarity (SUPPORT, OPPOSE, CONDITIONAL), the actor’s name ' +
      'and the stance id; `stancesCount` (with the same arguments) says how many match.',
  })
  async stances(
    @Root() entity: EntityRecord,
    @Arg('role', () => StanceRole, { nullable: true, description: 'Only as actor or only as target.' })
    role: StanceRole | null,
    @Arg('kinds', () => [StanceKind], { nullable: true, description: 'Only these kinds.' })
    kinds: StanceKind[] | null,
    @NestedFirstArg('stancesCount')
    first: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const size = nestedFirst(first);
    const scope = await resolveScope(ctx, scopeArgs);
    const page = await ctx.loaders.stancesOfEntity(anchorOf(role), size, kinds, scope).load(entity.id);
    return page.stances.map((s) => ctx.loaders.primeStance(s));
  }

  @FieldResolver(() => Int, {
    description:
      'How many stances `stances` with the same arguments (but `first`) finds: it shows at most `first` of them.',
  })
  async stancesCount(
    @Root() entity: EntityRecord,
    @Arg('role', () => StanceRole, { nullable: true, description: 'Only as actor or only as target.' })
    role: StanceRole | null,
    @Arg('kinds', () => [StanceKind], { nullable: true, description: 'Only these kinds.' })
    kinds: StanceKind[] | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const scope = await resolveScope(ctx, scopeArgs);
    return (await ctx.loaders.stancesOfEntity(anchorOf(role), 0, kinds, scope).load(entity.id)).count;
  }

  @FieldResolver(() => [Relation], {
    description:
      'The facts around it: relationships to and from other entities. At most `first` of them, by type, ' +
      'then the start’s name, the end’s name, the start’s id, the end’s id and what the fact is about; ' +
      '`relationsCount` (with the same arguments) says how many match. The root field `relations(of:)` ' +
      'pages through them all.',
  })
  async relations(
    @Root() entity: EntityRecord,
    @Arg('types', () => [FactType], { nullable: true, description: 'Only these types.' })
    types: FactType[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH, description: 'Which way.' })
    direction: Direction,
    @NestedFirstArg('relationsCount')
    first: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const size = nestedFirst(first);
    const scope = await resolveScope(ctx, scopeArgs);
    const found = await ctx.loaders.relations(types, direction, size, scope).load(entity.id);
    return found.relations.map((r) => ctx.loaders.primeRelation(r));
  }

  @FieldResolver(() => Int, {
    description:
      'How many facts `relations` with the same arguments (but `first`) finds: it shows at most `first` of them.',
  })
  async relationsCount(
    @Root() entity: EntityRecord,
    @Arg('types', () => [FactType], { nullable: true, description: 'Only these types.' })
    types: FactType[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH, description: 'Which way.' })
    direction: Direction,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    const scope = await resolveScope(ctx, scopeArgs);
    return (await ctx.loaders.relations(types, direction, 0, scope).load(entity.id)).count;
  }

  @FieldResolver(() => [Mention], {
    description:
      'Where the documents name it: at most `first` places, in document-id then text order; `mentionsCount` says how many there are.',
  })
  async mentions(
    @Root() entity: EntityRecord,
    @NestedFirstArg('mentionsCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    return (await ctx.loaders.mentionsOfEntity(nestedFirst(first)).load(entity.id)).mentions;
  }

  @FieldResolver(() => Int, {
    description: 'How many places in all the documents name it (`mentions` shows at most `first` of them).',
  })
  async mentionsCount(@Root() entity: EntityRecord, @Ctx() ctx: GraphContext) {
    return (await ctx.loaders.mentionsOfEntity(0).load(entity.id)).count;
  }
}
