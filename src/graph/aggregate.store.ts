import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { parseRow, readColumn, readRows } from './named-query';
import { entityRecord, evidenceRecord, stanceRecord } from './records';
import { EVERYTHING, Scope, scopeParams } from './scope';

const rankedEntity = entityRecord.extend({ stanceCount: z.number() });

export const matrixRecord = z.object({
  /** How many actors and targets have stances in scope: the rows and columns shown and those left out. */
  totalActors: z.number(),
  totalTargets: z.number(),
  actors: z.array(rankedEntity),
  targets: z.array(rankedEntity),
  cells: z.array(
    z.object({
      actorId: z.string(),
      targetId: z.string(),
      stanceCount: z.number(),
      /** Empty unless asked for (cellLists): the cell's stances in id order. */
      stanceIds: z.array(z.string()),
      /** Per stance, in the order of stanceIds: the reporting document and the polarity (as stanceIds). */
      docIds: z.array(z.string()),
      stancePolarities: z.array(z.string()),
      kinds: z.array(z.string()),
      polarities: z.array(z.string()),
      evidenceCount: z.number(),
    }),
  ),
});
export type MatrixRecord = z.infer<typeof matrixRecord>;

export const countRecord = z.object({ key: z.string(), label: z.string().nullish(), count: z.number() });
export type CountRecord = z.infer<typeof countRecord>;
export const countsRecord = z.object({ total: z.number(), groups: z.array(countRecord) });
export type CountsRecord = z.infer<typeof countsRecord>;

export const timelineRecord = z.object({
  date: z.string(),
  dateText: z.string().nullish(),
  kind: z.enum(['EVENT', 'STATEMENT']),
  /** The entry's node id: with date and kind, its place in the order (the cursor). */
  key: z.string(),
  entity: entityRecord.nullish(),
  stance: stanceRecord.nullish(),
  evidence: z.array(evidenceRecord),
  /** How many places name the event (its evidence holds at most eventEvidence of them); a statement's quotes. */
  evidenceCount: z.number(),
});
export type TimelineRecord = z.infer<typeof timelineRecord>;

/** What orders the timeline: [date, kind, node id]. */
export type TimelineKey = [string, string, string];

export type CountGroup = 'ENTITY_KIND' | 'STANCE_KIND' | 'POLARITY' | 'RELATION_TYPE' | 'DOCUMENT' | 'DATE';
export type DateBucket = 'DAY' | 'WEEK' | 'MONTH';

/** Dashboard aggregates: each is one named query and one round trip. */
export class AggregateStore {
  constructor(private readonly db: QueryRunner) {}

  async stanceMatrix(
    actorIds: string[] | null,
    targetIds: string[] | null,
    actorsFirst: number,
    targetsFirst: number,
    scope: Scope = EVERYTHING,
    cellLists = true,
  ): Promise<MatrixRecord> {
    const [row] = await readRows(this.db, 'stance-matrix', {
      actorIds,
      targetIds,
      actorsFirst,
      targetsFirst,
      cellLists,
      ...scopeParams(scope),
    });
    if (!row) return { totalActors: 0, totalTargets: 0, actors: [], targets: [], cells: [] };
    return parseRow('stance-matrix', matrixRecord, row);
  }

  /**
   * bucket: the width of a DATE group (the others ignore it). The first `first` groups in the field's order,
   * and how many groups there are in all.
   */
  async counts(
    groupBy: CountGroup,
    bucket: DateBucket = 'DAY',
    scope: Scope = EVERYTHING,
    first = 200,
  ): Promise<CountsRecord> {
    const [row] = await readRows(this.db, 'counts', { groupBy, bucket, first, ...scopeParams(scope) });
    if (!row) return { total: 0, groups: [] };
    return parseRow('counts', countsRecord, row);
  }

  /**
   * One page of the timeline in the order (date, kind, id) from after `after` (that key of the last entry
   * shown): up to first + 1; each event with at most `eventEvidence` of the places that name it.
   */
  async timeline(
    from: string | null,
    to: string | null,
    first: number,
    after: TimelineKey | null = null,
    scope: Scope = EVERYTHING,
    eventEvidence = 10,
  ): Promise<TimelineRecord[]> {
    const [afterDate, afterKind, afterKey] = after ?? [null, null, null];
    // Each date index's range starts at the later of the window's start and the cursor's date.
    const lower = afterDate != null && (from == null || afterDate > from) ? afterDate : from;
    return readColumn(
      this.db,
      'timeline',
      { to, lower, afterDate, afterKind, afterKey, first, eventEvidence, ...scopeParams(scope) },
      'entry',
      timelineRecord,
    );
  }
}
