import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../domain/errors';
import { LIMITS, inRange } from '../argument-limits';
import { GraphContext } from '../context';
import { entitiesById } from '../entities-by-id';
import { Stance } from '../types/stance.type';
import { CellPolarity, Count, CountGroup, StanceCell, StanceMatrix, TimelineEntry } from './aggregate.types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(argument: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new BadUserInputError(`Argument "${argument}" must be an ISO date (YYYY-MM-DD); got "${value}".`, {
      argument,
    });
  }
  return value;
}

@Resolver(() => StanceCell)
export class AggregateResolver {
  @Query(() => StanceMatrix, {
    description:
      'For each actor × target pair: the stance kinds, their polarity (CONFLICTING when they disagree, never ' +
      'averaged) and the evidence count. Without arguments: the actors and targets that have stances, most ' +
      'stances first (at most `first` of each).',
  })
  async stanceMatrix(
    @Arg('actors', () => [String], { nullable: true, description: 'Rows: entity ids or names.' })
    actors: string[] | null,
    @Arg('targets', () => [String], { nullable: true, description: 'Columns: entity ids or names.' })
    targets: string[] | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many rows and columns (1–100).' })
    first: number,
    @Ctx() ctx: GraphContext,
  ): Promise<StanceMatrix> {
    inRange('first', first, LIMITS.first.min, LIMITS.first.max);
    const resolveAll = async (refs: string[] | null | undefined, argument: string) =>
      refs == null
        ? null
        : (await Promise.all(refs.map((r) => ctx.stores.names.resolve(r, argument)))).map((e) => e.id);
    const [actorIds, targetIds] = await Promise.all([
      resolveAll(actors, 'actors'),
      resolveAll(targets, 'targets'),
    ]);
    const m = await ctx.stores.aggregates.stanceMatrix(actorIds, targetIds, first);
    ctx.loaders.primeEntities([...m.actors, ...m.targets]);
    const entity = entitiesById([...m.actors, ...m.targets]);
    return {
      actors: m.actors,
      targets: m.targets,
      cells: m.cells.map((c) => ({
        actor: entity(c.actorId),
        target: entity(c.targetId),
        kinds: c.kinds,
        polarities: c.polarities,
        polarity: c.polarities.length === 1 ? c.polarities[0] : CellPolarity.CONFLICTING,
        stanceCount: c.stanceIds.length,
        evidenceCount: c.evidenceCount,
        stanceIds: c.stanceIds,
      })),
    };
  }

  @Query(() => [Count], { description: 'How many per group (group-by), largest first.' })
  async counts(
    @Arg('groupBy', () => CountGroup, { description: 'What to count by.' }) groupBy: CountGroup,
    @Ctx() ctx: GraphContext,
  ): Promise<Count[]> {
    return (await ctx.stores.aggregates.counts(groupBy)).map((c) => ({ ...c, label: c.label ?? null }));
  }

  @Query(() => [TimelineEntry], {
    description:
      'Dated events and statements in date order, each with its evidence. Dates are ISO, inclusive.',
  })
  async timeline(
    @Arg('from', () => String, { nullable: true, description: 'Earliest date (YYYY-MM-DD).' })
    from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Latest date (YYYY-MM-DD).' }) to: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<TimelineEntry[]> {
    const entries = await ctx.stores.aggregates.timeline(isoDate('from', from), isoDate('to', to), 1_000);
    return entries.map((e) => ({
      date: e.date,
      dateText: e.dateText ?? null,
      kind: e.kind,
      entity: e.entity ?? null,
      stance: e.stance ? ctx.loaders.primeStance(e.stance) : null,
      evidence: e.evidence,
    }));
  }

  @FieldResolver(() => [Stance], { description: 'The stances in this cell, with all their detail.' })
  async stances(@Root() cell: StanceCell, @Ctx() ctx: GraphContext) {
    const found = await ctx.loaders.stances('CLAIM').loadMany(cell.stanceIds);
    return found.flatMap((list) => (Array.isArray(list) ? list.map((s) => ctx.loaders.primeStance(s)) : []));
  }
}
