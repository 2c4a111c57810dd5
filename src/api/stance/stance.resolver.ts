import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { StanceRecord } from '../../graph/records';
import { Scope } from '../../graph/scope';
import { LIMITS, rootListFirst } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { Document } from '../types/document.type';
import { Polarity, StanceKind } from '../types/enums';
import { Stance, StanceConnection, StanceHistoryEntry } from '../types/stance.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases (case- and diacritic-insensitive).';

/** The `first` of supporters, opponents and stanceHistory (LIMITS.rootList); `rest` says where the others are. */
function RootListFirstArg(rest: string) {
  const { min, max, default: byDefault } = LIMITS.rootList;
  return Arg('first', () => Int, {
    defaultValue: byDefault,
    description: `At most this many (${min}–${max}, ${byDefault} by default). ${rest}`,
  });
}

const ON_TARGET_REST =
  'The others, a page at a time: `stances(target:, polarities:, first:, after:)` (in stance-id order).';

@Resolver(() => Stance)
export class StanceResolver {
  @Query(() => [Stance], {
    description:
      'Who supports it: the stances of SUPPORT or CONDITIONAL polarity on the entity, supporters first ' +
      '(then by actor name and stance id), at most `first` of them. The rest, a page at a time: ' +
      'stances(target:, polarities: [SUPPORT, CONDITIONAL], first:, after:). ' +
      'Example: supporters(of: "limited ceasefire").',
  })
  async supporters(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @RootListFirstArg(ON_TARGET_REST) first: number,
    @Args(() => ScopeArgs) scope: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['SUPPORT', 'CONDITIONAL'], first, scope, ctx);
  }

  @Query(() => [Stance], {
    description:
      'Who opposes it: the stances of OPPOSE polarity on the entity (by actor name, then stance id), at most ' +
      '`first` of them. The rest, a page at a time: stances(target:, polarities: [OPPOSE], first:, after:).',
  })
  async opponents(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @RootListFirstArg(ON_TARGET_REST) first: number,
    @Args(() => ScopeArgs) scope: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['OPPOSE'], first, scope, ctx);
  }

  @Query(() => StanceConnection, {
    description:
      'Stances filtered by actor, target, kinds and polarities (each optional; none = every stance), a page ' +
      'at a time in stance-id order (Relay connection: edges { cursor node }, pageInfo).',
  })
  async stances(
    @Arg('actor', () => String, { nullable: true, description: `Who takes them. ${ENTITY_ARG}` })
    actor: string | null,
    @Arg('target', () => String, { nullable: true, description: `What they are on. ${ENTITY_ARG}` })
    target: string | null,
    @Arg('kinds', () => [StanceKind], { nullable: true, description: 'Only these kinds.' })
    kinds: StanceKind[] | null,
    @Arg('polarities', () => [Polarity], { nullable: true, description: 'Only these polarities.' })
    polarities: Polarity[] | null,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<StanceRecord>> {
    const size = pageSize(first);
    const [afterId] = decodeCursor('stances', after, 's') ?? [null];
    const [actorEntity, targetEntity, scope] = await Promise.all([
      actor == null ? null : ctx.stores.names.resolve(actor, 'actor'),
      target == null ? null : ctx.stores.names.resolve(target, 'target'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.page(
      { actorId: actorEntity?.id ?? null, targetId: targetEntity?.id ?? null, kinds, polarities, scope },
      size,
      afterId as string | null,
    );
    return pageOf(
      'stances',
      found,
      size,
      after,
      (s) => [s.id],
      (s) => ctx.loaders.primeStance(s),
    );
  }

  @Query(() => [StanceHistoryEntry], {
    description:
      'The stances of an actor on a target in the order they were stated (statedOn, then reportedOn, then ' +
      'document id), each with its document and evidence, marking every change of polarity: the first `first` ' +
      'of them. All of them, a page at a time: stances(actor:, target:, first:, after:) (in stance-id order; ' +
      'each stance has its statedOn). Example: stanceHistory(actor: "Putin", target: "full ceasefire").',
  })
  async stanceHistory(
    @Arg('actor', () => String, { description: `Who takes them. ${ENTITY_ARG}` }) actor: string,
    @Arg('target', () => String, { description: `What they are on. ${ENTITY_ARG}` }) target: string,
    @RootListFirstArg(
      'The later ones: `stances(actor:, target:, first:, after:)` holds every stance of the pair.',
    )
    first: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<StanceHistoryEntry[]> {
    const size = rootListFirst(first);
    const [actorEntity, targetEntity, scope] = await Promise.all([
      ctx.stores.names.resolve(actor, 'actor'),
      ctx.stores.names.resolve(target, 'target'),
      resolveScope(ctx, scopeArgs),
    ]);
    const entries = await ctx.stores.stances.history(actorEntity.id, targetEntity.id, size, scope);
    return entries.map(({ stance, changed, previousPolarity }) => ({
      stance: ctx.loaders.primeStance(stance),
      statedOn: stance.statedOn,
      changed,
      previousPolarity,
    }));
  }

  @FieldResolver(() => Document, { description: 'The document that reports it.' })
  async document(@Root() stance: StanceRecord, @Ctx() ctx: GraphContext) {
    return ctx.loaders.document.load(stance.docId);
  }

  @FieldResolver(() => Stance, { nullable: true, description: 'The stance this one responds to, if any.' })
  async respondsTo(@Root() stance: StanceRecord, @Ctx() ctx: GraphContext) {
    if (!stance.respondsToId) return null;
    const [found] = await ctx.loaders.stances('CLAIM').load(stance.respondsToId);
    return found ? ctx.loaders.primeStance(found) : null;
  }

  @FieldResolver(() => [Stance], { description: 'The stances that respond to this one.' })
  async responses(@Root() stance: StanceRecord, @Ctx() ctx: GraphContext) {
    return (await ctx.loaders.stances('RESPONSES').load(stance.id)).map((s) => ctx.loaders.primeStance(s));
  }

  private async onTarget(
    ref: string,
    argument: string,
    polarities: Polarity[],
    first: number,
    scopeArgs: ScopeArgs,
    ctx: GraphContext,
  ) {
    const size = rootListFirst(first);
    const [target, scope]: [{ id: string }, Scope] = await Promise.all([
      ctx.stores.names.resolve(ref, argument),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.find({ targetId: target.id, polarities, scope }, size);
    return found.map((s) => ctx.loaders.primeStance(s));
  }
}
