import { QueryRunner } from '../db/database';
import { parseRow, readKeyed, readRows } from './named-query';
import { RelationPage, RelationRecord, relationPage, relationRecord } from './records';
import { EVERYTHING, Scope, scopeParams } from './scope';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export class RelationStore {
  constructor(private readonly db: QueryRunner) {}

  /**
   * At most `first` of the facts around each entity, in one round trip, in the order (type, start name, end
   * name, start id, end id, about), and how many match; `first` 0 asks for the counts alone.
   */
  async ofEntities(
    ids: readonly string[],
    types: string[] | null,
    direction: Direction,
    first: number,
    scope: Scope = EVERYTHING,
  ): Promise<Map<string, RelationPage>> {
    const found = await readKeyed(
      this.db,
      'relations',
      { ids: [...ids], types: types?.length ? types : null, direction, first, ...scopeParams(scope) },
      'page',
      relationPage,
    );
    return new Map([...found].map(([key, [page]]) => [key, page]));
  }

  /**
   * One page of the facts around one entity, in the order (type, start id, end id, about) from after
   * `after` (that key of the last fact shown): up to first + 1 with their keys, and how many there are.
   */
  async page(
    id: string,
    types: string[] | null,
    direction: Direction,
    first: number,
    after: RelationKey | null,
    scope: Scope = EVERYTHING,
  ): Promise<{ totalCount: number; rows: { key: RelationKey; relation: RelationRecord }[] }> {
    const rows = await readRows(this.db, 'relations-page', {
      id,
      types: types?.length ? types : null,
      direction,
      after,
      first,
      ...scopeParams(scope),
    });
    return {
      totalCount: rows.length ? Number(rows[0].totalCount) : await this.count(id, types, direction, scope),
      rows: rows.map((row) => ({
        key: row.cursorKey as RelationKey,
        relation: parseRow('relations-page', relationRecord, row.relation),
      })),
    };
  }

  /** How many facts there are around an entity when a page came back empty (past the end). */
  private async count(id: string, types: string[] | null, direction: Direction, scope: Scope) {
    const rows = await readRows(this.db, 'relations-page', {
      id,
      types: types?.length ? types : null,
      direction,
      after: null,
      first: 0,
      ...scopeParams(scope),
    });
    return rows.length ? Number(rows[0].totalCount) : 0;
  }
}

/** What orders facts: [type, start id, end id, about ('' for none)]. */
export type RelationKey = [string, string, string, string];
