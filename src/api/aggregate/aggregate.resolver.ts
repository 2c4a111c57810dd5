import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../domain/errors';
import { MatrixRecord, TimelineKey } from '../../graph/aggregate.store';
import { LIMITS, inRange, nestedFirst, NestedFirstArg } from '../argument-limits';
import { selects } from '../selection';
import { GraphContext } from '../context';
import { AFTER_DESCRIPTION, FIRST_DESCRIPTION, Page, decodeCursor, pageOf, pageSize } from '../paging';
import { entitiesById } from '../entities-by-id';
import { ReportedScopeArgs, ScopeArgs, resolveReportedScope, resolveScope } from '../scope';
import { Document } from '../types/document.type';
import { Stance } from '../types/stance.type';
import {
  CellPolarity,
  CellSource,
  CountGroup,
  Counts,
  DateBucket,
  StanceCell,
  StanceMatrix,
  TimelineConnection,
  TimelineEntry,
} from './aggregate.types';

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

const together = (polarities: string[]) =>
  polarities.length === 1 ? polarities[0] : CellPolarity.CONFLICTING;

/** Per reporting document, in document-id order: what it reports about the pair. */
function sourcesOf(cell: MatrixRecord['cells'][number]): CellSource[] {
  const byDoc = new Map<string, string[]>();
  cell.docIds.forEach((docId, i) => {
    const list = byDoc.get(docId) ?? [];
    list.push(cell.stancePolarities[i]);
    byDoc.set(docId, list);
  });
  return [...byDoc]
    .map(([docId, all]) => {
      const polarities = [...new Set(all)];
      return { docId, polarities, polarity: together(polarities), stanceCount: all.length };
    })
    .sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

/** The cell fields that read a cell's per-stance lists (its stance ids, their documents and polarities). */
const CELL_LIST_FIELDS = new Set(['stances', 'sources', 'sourcesCount', 'sourcesDisagree']);

/**
 * Whether a stanceMatrix question selects a cell's stances or sources (through aliases and fragments, and
 * leaving out what @skip/@include leave out), so that the matrix query must send each cell's lists.
 */
function asksForCellLists(info: GraphQLResolveInfo): boolean {
  return [...CELL_LIST_FIELDS].some((field) => selects(info, ['cells', field]));
}

@Resolver(() => StanceCell)
export class AggregateResolver {
  @Query(() => StanceMatrix, {
    description:
      'For each actor × target pair: the stance kinds, their polarity (CONFLICTING when they disagree, never ' +
      'averaged), the evidence count and the documents that report them (sources; sourcesDisagree when ' +
      'reports differ). Without arguments: the actors and targets that have stances, most stances first: ' +
      'the top actorsFirst rows × targetsFirst columns; totalActors/totalTargets and actorsLeftOut/' +
      'targetsLeftOut say how many there are beyond.',
  })
  async stanceMatrix(
    @Arg('actors', () => [String], { nullable: true, description: 'Rows: entity ids or names.' })
    actors: string[] | null,
    @Arg('targets', () => [String], { nullable: true, description: 'Columns: entity ids or names.' })
    targets: string[] | null,
    @Arg('actorsFirst', () => Int, {
      defaultValue: LIMITS.matrix.default,
      description: `At most this many rows, the actors with most stances (${LIMITS.matrix.min}–${LIMITS.matrix.max}).`,
    })
    actorsFirst: number,
    @Arg('targetsFirst', () => Int, {
      defaultValue: LIMITS.matrix.default,
      description: `At most this many columns, the targets with most stances (${LIMITS.matrix.min}–${LIMITS.matrix.max}).`,
    })
    targetsFirst: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StanceMatrix> {
    inRange('actorsFirst', actorsFirst, LIMITS.matrix.min, LIMITS.matrix.max);
    inRange('targetsFirst', targetsFirst, LIMITS.matrix.min, LIMITS.matrix.max);
    const resolveAll = async (refs: string[] | null | undefined, argument: string) =>
      refs == null
        ? null
        : (await Promise.all(refs.map((r) => ctx.stores.names.resolve(r, argument)))).map((e) => e.id);
    const [actorIds, targetIds, scope] = await Promise.all([
      resolveAll(actors, 'actors'),
      resolveAll(targets, 'targets'),
      resolveScope(ctx, scopeArgs),
    ]);
    const m = await ctx.stores.aggregates.stanceMatrix(
      actorIds,
      targetIds,
      actorsFirst,
      targetsFirst,
      scope,
      asksForCellLists(info),
    );
    ctx.loaders.primeEntities([...m.actors, ...m.targets]);
    const entity = entitiesById([...m.actors, ...m.targets]);
    return {
      totalActors: m.totalActors,
      totalTargets: m.totalTargets,
      actorsLeftOut: m.totalActors - m.actors.length,
      targetsLeftOut: m.totalTargets - m.targets.length,
      actors: m.actors,
      targets: m.targets,
      cells: m.cells.map((c) => {
        const sources = sourcesOf(c);
        return {
          actor: entity(c.actorId),
          target: entity(c.targetId),
          kinds: c.kinds,
          polarities: c.polarities,
          polarity: together(c.polarities),
          stanceCount: c.stanceCount,
          evidenceCount: c.evidenceCount,
          sources,
          sourcesCount: sources.length,
          sourcesDisagree: new Set(sources.map((s) => s.polarity)).size > 1,
          stanceIds: c.stanceIds,
        };
      }),
    };
  }

  @Query(() => Counts, {
    description:
      'How many per group (group-by), largest first; DATE groups in date order. Stances are counted by ' +
      'STANCE_KIND, POLARITY, DOCUMENT (the reporting document) and DATE (statedOn, in buckets). The first ' +
      'groups (first) with how many there are in all (totalGroups): by DOCUMENT there is one a document.',
  })
  async counts(
    @Arg('groupBy', () => CountGroup, { description: 'What to count by.' }) groupBy: CountGroup,
    @Arg('bucket', () => DateBucket, {
      defaultValue: DateBucket.DAY,
      description: 'For groupBy: DATE, how wide a group is: DAY, WEEK (ISO, from Monday) or MONTH.',
    })
    bucket: DateBucket,
    @Arg('first', () => Int, {
      defaultValue: LIMITS.page.default,
      description: `At most this many groups, in the field's order (${LIMITS.page.min}–${LIMITS.page.max}).`,
    })
    first: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Counts> {
    const size = inRange('first', first, LIMITS.page.min, LIMITS.page.max);
    const scope = await resolveScope(ctx, scopeArgs);
    const found = await ctx.stores.aggregates.counts(groupBy, bucket, scope, size);
    return {
      groups: found.groups.map((c) => ({ ...c, label: c.label ?? null })),
      totalGroups: found.total,
      groupsLeftOut: found.total - found.groups.length,
    };
  }

  @Query(() => TimelineConnection, {
    description:
      'Dated events and statements in date order, each with its evidence. Dates are ISO, inclusive. from and ' +
      'to bound the entries’ own dates; documents, reportedFrom and reportedTo narrow them to what those ' +
      'reports state (statements) or mention (events). A page at a time in the order (date, kind, id) ' +
      '(Relay connection: edges { cursor node }, pageInfo).',
  })
  async timeline(
    @Arg('from', () => String, { nullable: true, description: 'Earliest date (YYYY-MM-DD).' })
    from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Latest date (YYYY-MM-DD).' }) to: string | null,
    @Arg('first', () => Int, { defaultValue: LIMITS.page.default, description: FIRST_DESCRIPTION })
    first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Arg('eventEvidence', () => Int, {
      defaultValue: LIMITS.eventEvidence.default,
      description: `At most this many of the places that name an event, per entry (${LIMITS.eventEvidence.min}–${LIMITS.eventEvidence.max}); evidenceCount says how many there are.`,
    })
    eventEvidence: number,
    @Args(() => ReportedScopeArgs) scopeArgs: ReportedScopeArgs,
    @Ctx() ctx: GraphContext,
  ): Promise<Page<TimelineEntry>> {
    const size = pageSize(first);
    const perEvent = inRange(
      'eventEvidence',
      eventEvidence,
      LIMITS.eventEvidence.min,
      LIMITS.eventEvidence.max,
    );
    const window = [isoDate('from', from), isoDate('to', to)] as const;
    const afterKey = decodeCursor('timeline', after, 'sss') as TimelineKey | null;
    const scope = await resolveReportedScope(ctx, scopeArgs);
    const entries = await ctx.stores.aggregates.timeline(...window, size, afterKey, scope, perEvent);
    return pageOf(
      'timeline',
      entries,
      size,
      after,
      (e) => [e.date, e.kind, e.key],
      (e) => ({
        date: e.date,
        dateText: e.dateText ?? null,
        kind: e.kind,
        entity: e.entity ?? null,
        stance: e.stance ? ctx.loaders.primeStance(e.stance) : null,
        evidence: e.evidence,
        evidenceCount: e.evidenceCount,
      }),
    );
  }

  @FieldResolver(() => [Stance], {
    description:
      'The stances in this cell, with all their detail: at most `first` of them, in stance-id order ' +
      '(`<document id>:<claim id>`); `stanceCount` says how many there are.',
  })
  async stances(
    @Root() cell: StanceCell,
    @NestedFirstArg('stanceCount')
    first: number,
    @Ctx() ctx: GraphContext,
  ) {
    // The matrix query lists the cell's stance ids in id order; only the first are read in full.
    const ids = cell.stanceIds.slice(0, nestedFirst(first));
    const found = await ctx.loaders.stances('CLAIM').loadMany(ids);
    return found.flatMap((list) => (Array.isArray(list) ? list.map((s) => ctx.loaders.primeStance(s)) : []));
  }

  @FieldResolver(() => [CellSource], {
    description:
      'The documents that report the stances of this cell, each with the polarity it reports: at most ' +
      '`first` of them, in document-id order; `sourcesCount` says how many there are.',
  })
  sources(
    @Root() cell: StanceCell,
    @NestedFirstArg('sourcesCount')
    first: number,
  ): CellSource[] {
    return cell.sources.slice(0, nestedFirst(first));
  }
}

@Resolver(() => CellSource)
export class CellSourceResolver {
  @FieldResolver(() => Document, { description: 'The reporting document.' })
  async document(@Root() source: CellSource, @Ctx() ctx: GraphContext) {
    return ctx.loaders.document.load(source.docId);
  }
}
