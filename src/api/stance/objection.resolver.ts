import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { GraphContext } from '../context';
import { ScopeArgs, resolveScope } from '../scope';
import { ConditionStatus } from '../types/relation.type';
import { Citation } from '../types/stance.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases.';

@Resolver()
export class ObjectionResolver {
  @Query(() => [Citation], {
    description:
      'What opposing stances (REJECTS, CRITICIZES) cite as their grounds, e.g. the attacks a leader invokes ' +
      'in criticising another’s rejection. Both arguments optional.',
  })
  async citedAsObjections(
    @Arg('by', () => String, { nullable: true, description: `Only objections by this actor. ${ENTITY_ARG}` })
    by: string | null,
    @Arg('against', () => String, {
      nullable: true,
      description: `Only objections on this target. ${ENTITY_ARG}`,
    })
    against: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Citation[]> {
    const [byEntity, againstEntity, scope] = await Promise.all([
      by == null ? null : ctx.stores.names.resolve(by, 'by'),
      against == null ? null : ctx.stores.names.resolve(against, 'against'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.citedAsObjections(
      byEntity?.id ?? null,
      againstEntity?.id ?? null,
      scope,
    );
    return found.map((c) => {
      const objection = ctx.loaders.primeStance(c.objection);
      return { cited: c.cited, by: c.by, objection, evidence: objection.evidence };
    });
  }

  @Query(() => [ConditionStatus], {
    description:
      'Conditions actors set: what each is a condition for, who set it, who rejected or accepted it.',
  })
  async conditions(
    @Arg('for', () => String, {
      nullable: true,
      description: `Only conditions for this proposal or event. ${ENTITY_ARG}`,
    })
    forRef: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<ConditionStatus[]> {
    const [forEntity, scope] = await Promise.all([
      forRef == null ? null : ctx.stores.names.resolve(forRef, 'for'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.conditions(forEntity?.id ?? null, scope);
    return found.map((c) => {
      const stances = c.stances.map((s) => ctx.loaders.primeStance(s));
      const relations = c.conditionFor.map((r, i) =>
        ctx.loaders.primeRelation({ ...r, id: r.id ?? `${c.condition.id}:for:${i}` }),
      );
      return {
        condition: c.condition,
        for: relations.map((r) => r.to),
        conditionFor: relations,
        setBy: stances.filter((s) => s.kind === 'DEMANDS'),
        rejectedBy: stances.filter((s) => s.kind === 'REJECTS'),
        acceptedBy: stances.filter((s) => s.kind === 'ACCEPTS' || s.kind === 'AGREES_TO'),
        stances,
      };
    });
  }
}
