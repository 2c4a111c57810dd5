import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { RelationRecord } from '../../graph/records';
import { RelationKey } from '../../graph/relation.store';
import {
  FACT_EVIDENCE_COUNT_DESCRIPTION,
  FACT_EVIDENCE_DESCRIPTION,
  LIMITS,
  nestedFirst,
  NestedFirstArg,
} from '../argument-limits';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { ScopeArgs, resolveScope } from '../scope';
import { Entity } from '../types/entity.type';
import { Evidence } from '../types/evidence.type';
import { Direction, FactType } from '../types/enums';
import { Relation, RelationConnection } from '../types/relation.type';

@Resolver(() => Relation)
export class RelationResolver {
  @Query(() => RelationConnection, {
    description:
      'The facts around an entity: who carried out what, what it targeted, where, who leads what, …; a page ' +
      'at a time in the order (type, start id, end id) (Relay connection: edges { cursor node }, pageInfo, ' +
      'totalCount).',
  })
  async relations(
    @Arg('of', () => String, { description: 'An entity’s id, or any of its names or aliases.' }) of: string,
    @Arg('types', () => [FactType], { nullable: true, description: 'Only these types.' })
    types: FactType[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH, description: 'Which way.' })
    direction: Direction,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<RelationRecord> & { totalCount: number }> {
    const size = pageSize(first);
    const afterKey = decodeCursor('relations', after, 'ssss') as RelationKey | null;
    const [entity, scope] = await Promise.all([
      ctx.stores.names.resolve(of, 'of'),
      resolveScope(ctx, scopeArgs),
    ]);
    const found = await ctx.stores.relations.page(entity.id, types, direction, size, afterKey, scope);
    const page = pageOf(
      'relations',
      found.rows,
      size,
      after,
      (row) => row.key,
      (row) => ctx.loaders.primeRelation(row.relation),
    );
    return { ...page, totalCount: found.totalCount };
  }

  @FieldResolver(() => Entity, {
    nullable: true,
    description: 'A third entity the fact is about, e.g. what one side persuaded the other to accept.',
  })
  async about(@Root() relation: RelationRecord, @Ctx() ctx: GraphContext) {
    return relation.about ? ((await ctx.loaders.entity.load(relation.about)) ?? null) : null;
  }

  @FieldResolver(() => [Evidence], { description: FACT_EVIDENCE_DESCRIPTION })
  evidence(
    @Root() relation: RelationRecord,
    @NestedFirstArg('evidenceCount', LIMITS.factEvidence.default) first: number,
  ) {
    return relation.evidence.slice(0, nestedFirst(first));
  }

  @FieldResolver(() => Int, { description: FACT_EVIDENCE_COUNT_DESCRIPTION })
  evidenceCount(@Root() relation: RelationRecord): number {
    return relation.evidence.length;
  }
}
