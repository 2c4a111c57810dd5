import { QueryRunner } from '../db/database';
import { readKeyed } from './named-query';
import { RelationRecord, relationRecord } from './records';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export class RelationStore {
  constructor(private readonly db: QueryRunner) {}

  /** The facts around each entity, in one round trip. */
  async ofEntities(
    ids: readonly string[],
    types: string[] | null,
    direction: Direction,
  ): Promise<Map<string, RelationRecord[]>> {
    return readKeyed(
      this.db,
      'relations',
      { ids: [...ids], types: types?.length ? types : null, direction },
      'relation',
      relationRecord,
    );
  }
}
