import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { EntityRecord, RelationRecord } from '../../graph/records';
import { LIMITS, nestedFirst, NestedFirstArg } from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { largestArgument } from '../selection';
import { Entity } from '../types/entity.type';
import { ConditionConnection, ConditionList, ConditionStatus, Relation } from '../types/relation.type';
import { Citation, CitationConnection, Stance } from '../types/stance.type';

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<ConditionStatus>> {
    const size = pageSize(first);
    const forFirst = conditionForToRead(info);
    const afterKey = decodeCursor('conditions', after, 'ss') as [string, string] | null;
    const [forEntity, scope] = await Promise.all([
      forRef == null ? null : ctx.stores.names.resolve(forRef, 'for'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.stances.conditions(forEntity?.id ?? null, size, forFirst, afterKey, scope);
    const statuses = found.map((c): ConditionStatus => {
      const relations = c.conditionFor.map((r, i) =>
        ctx.loaders.primeRelation({ ...r, id: r.id ?? `${c.condition.id}:for:${i}` }),
      );
      const ids = (kinds: string[] | null) =>
        c.stances.filter((s) => kinds === null || kinds.includes(s.kind)).map((s) => s.id);
      return {
        condition: c.condition,
        conditionFor: relations,
        forCount: c.forCount,
        stanceIds: {
          stances: ids(null),
          setBy: ids(['DEMANDS']),
          rejectedBy: ids(['REJECTS']),
          acceptedBy: ids(['ACCEPTS', 'AGREES_TO']),
        },
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

/**
 * How many of each condition's CONDITION_FOR facts the conditions query reads: the largest `first` the
 * selection asks of `for` or `conditionFor` (aliases, fragments, variables and @skip/@include resolved;
 * ConditionStatusResolver cuts a field asking fewer), bounded as `first` is (a value out of range fails there,
 * with its own error); 0 when it asks neither — `forCount` and `conditionForCount` still count them all.
 */
function conditionForToRead(info: GraphQLResolveInfo): number {
  const asked = [
    largestArgument(info, ['edges', 'node', 'for'], 'first'),
    largestArgument(info, ['edges', 'node', 'conditionFor'], 'first'),
  ].filter((n): n is number => n !== null);
  return asked.length ? Math.max(0, Math.min(LIMITS.nested.max, Math.max(...asked))) : 0;
}

/**
 * A condition's stances, a few at a time: the conditions query lists their ids (in id order), and only the
 * first `first` of a list are read in full, in one query for every condition of the page.
 */
@Resolver(() => ConditionStatus)
export class ConditionStatusResolver {
  private async firstOf(status: ConditionStatus, list: ConditionList, first: number, ctx: GraphContext) {
    const ids = status.stanceIds[list].slice(0, nestedFirst(first));
    const found = await ctx.loaders.stances('CLAIM').loadMany(ids);
    return found.flatMap((l) => (Array.isArray(l) ? l.map((s) => ctx.loaders.primeStance(s)) : []));
  }

  @FieldResolver(() => [Entity], {
    description:
      'The proposals or events it is a condition for: at most `first` of them, by name, then id; `forCount` ' +
      'says how many there are.',
  })
  for(
    @Root() status: ConditionStatus,
    @NestedFirstArg('forCount', LIMITS.conditionFor.default)
    first: number,
  ): EntityRecord[] {
    return status.conditionFor.slice(0, nestedFirst(first)).map((r) => r.to);
  }

  @FieldResolver(() => Int, {
    description: 'How many proposals or events it is a condition for (`for` shows at most `first` of them).',
  })
  forCount(@Root() status: ConditionStatus): number {
    return status.forCount;
  }

  @FieldResolver(() => [Relation], {
    description:
      'The CONDITION_FOR facts, with their evidence: at most `first` of them, in the order of `for` (the end’s ' +
      'name, then id, then what the fact is about); `conditionForCount` says how many there are.',
  })
  conditionFor(
    @Root() status: ConditionStatus,
    @NestedFirstArg('conditionForCount', LIMITS.conditionFor.default)
    first: number,
  ): RelationRecord[] {
    return status.conditionFor.slice(0, nestedFirst(first));
  }

  @FieldResolver(() => Int, {
    description: 'How many CONDITION_FOR facts it has (`conditionFor` shows at most `first` of them).',
  })
  conditionForCount(@Root() status: ConditionStatus): number {
    return status.forCount;
  }

  @FieldResolver(() => [Stance], {
    description:
      'Every stance on it: at most `first` of them, in stance-id order; `stancesCount` says how many there are.',
  })
  async stances(
    @Root() status: ConditionStatus,
    @NestedFirstArg('stancesCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    return this.firstOf(status, 'stances', first, ctx);
  }

  @FieldResolver(() => Int, {
    description: 'How many stances are on it (`stances` shows at most `first` of them).',
  })
  stancesCount(@Root() status: ConditionStatus): number {
    return status.stanceIds.stances.length;
  }

  @FieldResolver(() => [Stance], {
    description:
      'Stances that set it (DEMANDS): at most `first` of them, in stance-id order; `setByCount` says how many there are.',
  })
  async setBy(
    @Root() status: ConditionStatus,
    @NestedFirstArg('setByCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    return this.firstOf(status, 'setBy', first, ctx);
  }

  @FieldResolver(() => Int, {
    description: 'How many stances set it (`setBy` shows at most `first` of them).',
  })
  setByCount(@Root() status: ConditionStatus): number {
    return status.stanceIds.setBy.length;
  }

  @FieldResolver(() => [Stance], {
    description:
      'Stances that reject it (REJECTS): at most `first` of them, in stance-id order; `rejectedByCount` says how many there are.',
  })
  async rejectedBy(
    @Root() status: ConditionStatus,
    @NestedFirstArg('rejectedByCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    return this.firstOf(status, 'rejectedBy', first, ctx);
  }

  @FieldResolver(() => Int, {
    description: 'How many stances reject it (`rejectedBy` shows at most `first` of them).',
  })
  rejectedByCount(@Root() status: ConditionStatus): number {
    return status.stanceIds.rejectedBy.length;
  }

  @FieldResolver(() => [Stance], {
    description:
      'Stances that accept or agree to it (ACCEPTS, AGREES_TO): at most `first` of them, in stance-id order; `acceptedByCount` says how many there are.',
  })
  async acceptedBy(
    @Root() status: ConditionStatus,
    @NestedFirstArg('acceptedByCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    return this.firstOf(status, 'acceptedBy', first, ctx);
  }

  @FieldResolver(() => Int, {
    description: 'How many stances accept or agree to it (`acceptedBy` shows at most `first` of them).',
  })
  acceptedByCount(@Root() status: ConditionStatus): number {
    return status.stanceIds.acceptedBy.length;
  }
}
