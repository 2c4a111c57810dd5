import { Arg, Args, Ctx, Int, Query, Resolver } from 'type-graphql';
import { LIMITS } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { ConditionConnection, ConditionStatus } from '../types/relation.type';
import { Citation, CitationConnection } from '../types/stance.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases.';

@Resolver()
export class ObjectionResolver {
  @Query(() => CitationConnection, {
    description:
      'What opposing stances (REJECTS, CRITICIZES) cite as their grounds, e.g. the attacks a leader invokes ' +
      'in criticising another’s rejection. Both arguments optional. A page at a time, in the order of the ' +
      'objection’s id, then the cited entity’s (Relay connection: edges { cursor node }, pageInfo).',
  })
  async citedAsObjections(
    @Arg('by', () => String, { nullable: true, description: `Only objections by this actor. ${ENTITY_ARG}` })
    by: string | null,
    @Arg('against', () => String, {
      nullable: true,
      description: `Only objections on this target. ${ENTITY_ARG}`,
    })
    against: string | null,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<Citation>> {
    const size = pageSize(first);
    const afterKey = decodeCursor('citedAsObjections', after, 'ss') as [string, string] | null;
    const [byEntity, againstEntity, scope] = await Promise.all([
      by == null ? null : ctx.stores.names.resolve(by, 'by'),
      against == null ? null : ctx.stores.names.resolve(against, 'against'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.citedAsObjections(
      byEntity?.id ?? null,
      againstEntity?.id ?? null,
      size,
      afterKey,
      scope,
    );
    return pageOf(
      'citedAsObjections',
      found,
      size,
      after,
      (c) => [c.objection.id, c.cited.id],
      (c): Citation => {
        const objection = ctx.loaders.primeStance(c.objection);
        return { cited: c.cited, by: c.by, objection, evidence: objection.evidence };
      },
    );
  }

  @Query(() => ConditionConnection, {
    description:
      'Conditions actors set: what each is a condition for, who set it, who rejected or accepted it. A page ' +
      'at a time, in the order of the condition’s name, then its id (Relay connection: edges { cursor node }, ' +
      'pageInfo).',
  })
  async conditions(
    @Arg('for', () => String, {
      nullable: true,
      description: `Only conditions for this proposal or event. ${ENTITY_ARG}`,
    })
    forRef: string | null,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<ConditionStatus>> {
    const size = pageSize(first);
    const afterKey = decodeCursor('conditions', after, 'ss') as [string, string] | null;
    const [forEntity, scope] = await Promise.all([
      forRef == null ? null : ctx.stores.names.resolve(forRef, 'for'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.conditions(forEntity?.id ?? null, size, afterKey, scope);
    const statuses = found.map((c): ConditionStatus => {
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
    return pageOf(
      'conditions',
      statuses,
      size,
      after,
      (c) => [c.condition.name, c.condition.id],
      (c) => c,
    );
  }
}
