import { QueryRunner } from '../db/database';
import { readKeyed } from './named-query';
import { RelationRecord, relationRecord } from './records';
import { EVERYTHING, Scope, scopeParams } from './scope';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export class RelationStore {
  constructor(private readonly db: QueryRunner) {}

  /** The facts around each entity, in one round trip. */
  async ofEntities(
    ids: readonly string[],
    types: string[] | null,
    direction: Direction,
    scope: Scope = EVERYTHING,
  ): Promise<Map<string, RelationRecord[]>> {
    return readKeyed(
      this.db,
      'relations',
      { ids: [...ids], types: types?.length ? types : null, direction, ...scopeParams(scope) },
      'relation',
      relationRecord,
    );
  }
}
