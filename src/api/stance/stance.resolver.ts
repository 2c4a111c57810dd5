import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { StanceRecord } from '../../graph/records';
import { GraphContext } from '../context';
import { Polarity, StanceKind } from '../types/enums';
import { Stance } from '../types/stance.type';

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
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['SUPPORT', 'CONDITIONAL'], ctx);
  }

  @Query(() => [Stance], { description: 'Who opposes it: the stances of OPPOSE polarity on the entity.' })
  async opponents(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @Ctx() ctx: GraphContext,
  ) {
    return this.onTarget(of, 'of', ['OPPOSE'], ctx);
  }

  @Query(() => [Stance], {
    description:
      'Stances filtered by actor, target, kinds and polarities (each optional; none = every stance).',
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
    @Ctx() ctx: GraphContext,
  ) {
    const [actorEntity, targetEntity] = await Promise.all([
      actor == null ? null : ctx.stores.names.resolve(actor, 'actor'),
      target == null ? null : ctx.stores.names.resolve(target, 'target'),
    ]);
    const found = await ctx.stores.stances.find({
      actorId: actorEntity?.id ?? null,
      targetId: targetEntity?.id ?? null,
      kinds,
      polarities,
    });
    return found.map((s) => ctx.loaders.primeStance(s));
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

  private async onTarget(ref: string, argument: string, polarities: Polarity[], ctx: GraphContext) {
    const target = await ctx.stores.names.resolve(ref, argument);
    const found = await ctx.stores.stances.find({ targetId: target.id, polarities });
    return found.map((s) => ctx.loaders.primeStance(s));
  }
}
