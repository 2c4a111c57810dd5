import { QueryRunner } from '../db/database';
import { Polarity } from '../domain/vocabulary';
import { readColumn, readKeyed } from './named-query';
import {
  CitationRecord,
  ConditionRecord,
  StanceRecord,
  citationRecord,
  conditionRecord,
  stanceRecord,
} from './records';

export type StanceAnchor = 'TARGET' | 'ACTOR' | 'ENTITY' | 'CLAIM' | 'RESPONSES' | 'ALL';

export interface StanceFilter {
  actorId?: string | null;
  targetId?: string | null;
  kinds?: string[] | null;
  polarities?: Polarity[] | null;
}

/** The most stances one lookup returns; a guard, far above what a document holds. */
const STANCE_LIMIT = 5_000;

export class StanceStore {
  constructor(private readonly db: QueryRunner) {}

  /** Stances found from each key (an entity or claim id, per anchor), in one round trip. */
  async byKeys(
    anchor: StanceAnchor,
    keys: readonly string[],
    filter: StanceFilter = {},
  ): Promise<Map<string, StanceRecord[]>> {
    return readKeyed(
      this.db,
      'stances',
      {
        anchor,
        keys: [...keys],
        actorId: filter.actorId ?? null,
        targetId: filter.targetId ?? null,
        kinds: filter.kinds?.length ? filter.kinds : null,
        polarities: filter.polarities?.length ? filter.polarities : null,
        limit: STANCE_LIMIT,
      },
      'stance',
      stanceRecord,
    );
  }

  /** The stances matching a filter: anchored on the target when given, else the actor, else all. */
  async find(filter: StanceFilter): Promise<StanceRecord[]> {
    const anchor: StanceAnchor = filter.targetId ? 'TARGET' : filter.actorId ? 'ACTOR' : 'ALL';
    const key = filter.targetId ?? filter.actorId;
    const found = await this.byKeys(anchor, key ? [key] : [], filter);
    return [...found.values()].flat();
  }

  async citedAsObjections(byId: string | null, againstId: string | null): Promise<CitationRecord[]> {
    return readColumn(
      this.db,
      'cited-as-objections',
      { byId, againstId, limit: STANCE_LIMIT },
      'citation',
      citationRecord,
    );
  }

  /** Each condition with what it is a condition for and every stance on it (who set, rejected, accepted it). */
  async conditions(forId: string | null): Promise<ConditionRecord[]> {
    return readColumn(this.db, 'conditions', { forId }, 'condition', conditionRecord);
  }
}
