import { QueryRunner } from '../db/database';
import { Polarity } from '../domain/vocabulary';
import { readColumn, readKeyed } from './named-query';
import {
  CitationRecord,
  ConditionRecord,
  StancePage,
  StanceRecord,
  citationRecord,
  conditionRecord,
  stancePage,
  stanceRecord,
} from './records';
import { EVERYTHING, Scope, scopeParams } from './scope';

export type StanceAnchor = 'TARGET' | 'ACTOR' | 'ENTITY' | 'CLAIM' | 'RESPONSES';

export interface StanceFilter {
  actorId?: string | null;
  targetId?: string | null;
  kinds?: string[] | null;
  polarities?: Polarity[] | null;
  /** Only the stances the documents of the scope report. */
  scope?: Scope;
}

/** A stance of an actor's history on a target: whether its polarity differs from the one before. */
export interface HistoryEntry {
  stance: StanceRecord;
  changed: boolean;
  previousPolarity: string | null;
}

/** Strings in code-unit order, as Cypher's ORDER BY compares them (stance-history.cypher cuts in this order). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byDate = (a: StanceRecord, b: StanceRecord) =>
  compare(a.statedOn ?? '', b.statedOn ?? '') ||
  compare(a.reportedOn ?? '', b.reportedOn ?? '') ||
  compare(a.docId, b.docId) ||
  compare(a.id, b.id);

/**
 * Stances in the order they were stated (then reported, then by document, then by id), each change of
 * polarity marked.
 */
export function history(stances: readonly StanceRecord[]): HistoryEntry[] {
  const ordered = [...stances].sort(byDate);
  return ordered.map((stance, i) => {
    const previousPolarity = i > 0 ? ordered[i - 1].polarity : null;
    return {
      stance,
      previousPolarity,
      changed: previousPolarity !== null && previousPolarity !== stance.polarity,
    };
  });
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
    limit: number = STANCE_LIMIT,
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
        limit,
        ...scopeParams(filter.scope),
      },
      'stance',
      stanceRecord,
    );
  }

  /**
   * Entity.stances: per entity, at most `first` of the stances it takes (ACTOR), that are on it (TARGET) or
   * both (ENTITY) — the ones it takes first, then by polarity (descending), actor name and stance id — and
   * how many match; `first` 0 asks for the count alone.
   */
  async ofEntities(
    role: 'ACTOR' | 'TARGET' | 'ENTITY',
    keys: readonly string[],
    first: number,
    filter: Pick<StanceFilter, 'kinds' | 'scope'> = {},
  ): Promise<Map<string, StancePage>> {
    const found = await readKeyed(
      this.db,
      'stances-of-entities',
      {
        keys: [...keys],
        relation: role === 'ACTOR' ? 'BY' : role === 'TARGET' ? 'ON' : null,
        kinds: filter.kinds?.length ? filter.kinds : null,
        first,
        ...scopeParams(filter.scope),
      },
      'page',
      stancePage,
    );
    return new Map([...found].map(([key, [page]]) => [key, page]));
  }

  /**
   * The stances matching a filter, anchored on its target when it names one, else on its actor: the first
   * `first` by polarity (descending), actor name and stance id (supporters, opponents). Every stance at once
   * is not asked here (that reads every claim): page() is.
   */
  async find(
    filter: StanceFilter & ({ targetId: string } | { actorId: string }),
    first: number = STANCE_LIMIT,
  ): Promise<StanceRecord[]> {
    const anchor: StanceAnchor = filter.targetId ? 'TARGET' : 'ACTOR';
    const key = (filter.targetId ?? filter.actorId)!;
    const found = await this.byKeys(anchor, [key], filter, first);
    return [...found.values()].flat();
  }

  /**
   * One page of the stances matching a filter, in id order from after `after` (the last id shown): up to
   * first + 1, the extra one only saying that more follow.
   */
  async page(filter: StanceFilter, first: number, after: string | null): Promise<StanceRecord[]> {
    return readColumn(
      this.db,
      'stances-page',
      {
        actorId: filter.actorId ?? null,
        targetId: filter.targetId ?? null,
        kinds: filter.kinds?.length ? filter.kinds : null,
        polarities: filter.polarities?.length ? filter.polarities : null,
        after,
        first,
        ...scopeParams(filter.scope),
      },
      'stance',
      stanceRecord,
    );
  }

  /**
   * The first `first` of an actor's stances on a target in the order they were stated, each change of
   * polarity marked (the first one kept has none before it, as in the whole history).
   */
  async history(
    actorId: string,
    targetId: string,
    first: number,
    scope: Scope = EVERYTHING,
  ): Promise<HistoryEntry[]> {
    return history(
      await readColumn(
        this.db,
        'stance-history',
        { actorId, targetId, first, ...scopeParams(scope) },
        'stance',
        stanceRecord,
      ),
    );
  }

  /**
   * One page of what objections cite, in the order (objection id, cited id) from after `after` (the last
   * pair shown): up to first + 1.
   */
  async citedAsObjections(
    byId: string | null,
    againstId: string | null,
    first: number,
    after: readonly [string, string] | null = null,
    scope: Scope = EVERYTHING,
  ): Promise<CitationRecord[]> {
    return readColumn(
      this.db,
      'cited-as-objections',
      {
        byId,
        againstId,
        afterClaim: after?.[0] ?? null,
        afterCited: after?.[1] ?? null,
        first,
        ...scopeParams(scope),
      },
      'citation',
      citationRecord,
    );
  }

  /**
   * One page of conditions in the order (name, id) from after `after` (the name and id of the last one
   * shown): up to first + 1, each with every stance on it (ids and kinds: who set, rejected, accepted it),
   * the first `forFirst` of its CONDITION_FOR facts (by the end's name, id, about) and how many it has.
   */
  async conditions(
    forId: string | null,
    first: number,
    forFirst: number,
    after: [string, string] | null = null,
    scope: Scope = EVERYTHING,
  ): Promise<ConditionRecord[]> {
    const [afterName, afterId] = after ?? [null, null];
    return readColumn(
      this.db,
      'conditions',
      { forId, first, forFirst, afterName, afterId, ...scopeParams(scope) },
      'condition',
      conditionRecord,
    );
  }
}
