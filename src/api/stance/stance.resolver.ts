import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { StanceRecord } from '../../graph/records';
import { Scope } from '../../graph/scope';
import { LIMITS } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { Document } from '../types/document.type';
import { Polarity, StanceKind } from '../types/enums';
import { Stance, StanceConnection, StanceHistoryEntry } from '../types/stance.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases (case- and diacritic-insensitive).';

@Resolver(() => Stance)
export class StanceResolver {
  @Query(() => [Stance], {
    description:
      'Who supports it: the stances of SUPPORT or CONDITIONAL polarity on the entity, supporters first. ' +
      'Example: supporters(of: "limited ceasefire").',
  })
  async supporters(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @Args(() => ScopeArgs) scope: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['SUPPORT', 'CONDITIONAL'], scope, ctx);
  }

  @Query(() => [Stance], { description: 'Who opposes it: the stances of OPPOSE polarity on the entity.' })
  async opponents(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @Args(() => ScopeArgs) scope: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['OPPOSE'], scope, ctx);
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
      'document id), each with its document and evidence, marking every change of polarity. Example: ' +
      'stanceHistory(actor: "Putin", target: "full ceasefire").',
  })
  async stanceHistory(
    @Arg('actor', () => String, { description: `Who takes them. ${ENTITY_ARG}` }) actor: string,
    @Arg('target', () => String, { description: `What they are on. ${ENTITY_ARG}` }) target: string,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<StanceHistoryEntry[]> {
    const [actorEntity, targetEntity, scope] = await Promise.all([
      ctx.stores.names.resolve(actor, 'actor'),
      ctx.stores.names.resolve(target, 'target'),
      resolveScope(ctx, scopeArgs),
    ]);
    const entries = await ctx.stores.stances.history(actorEntity.id, targetEntity.id, scope);
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
    scopeArgs: ScopeArgs,
    ctx: GraphContext,
  ) {
    const [target, scope]: [{ id: string }, Scope] = await Promise.all([
      ctx.stores.names.resolve(ref, argument),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.find({ targetId: target.id, polarities, scope });
    return found.map((s) => ctx.loaders.primeStance(s));
  }
}
