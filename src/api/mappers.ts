import { RelationRecord, StanceRecord } from '../graph/records';
import { GraphContext } from './context';
import { Relation } from './types/relation.type';
import { Stance } from './types/stance.type';

/** Records carry the entities they touch; priming saves nested fields a round trip to fetch them again. */
export function toStance(record: StanceRecord, ctx: GraphContext): Stance {
  ctx.loaders.primeEntities([record.actor, record.target, ...record.cites]);
  return record as unknown as Stance;
}

export function toRelation(record: RelationRecord, ctx: GraphContext): Relation {
  ctx.loaders.primeEntities([record.from, record.to]);
  return { ...record, aboutId: record.about } as unknown as Relation;
}
