import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  FACT_EVIDENCE_COUNT_DESCRIPTION,
  FACT_EVIDENCE_DESCRIPTION,
  LIMITS,
  nestedFirst,
  NestedFirstArg,
} from '../argument-limits';
import { Evidence } from '../types/evidence.type';
import { Edge } from '../types/subgraph.type';

/**
 * An edge's evidence, capped like every list inside an item (docs/paging.md, "Lists inside an item"): the
 * subgraph queries read and send, sorted, only the first as many as the largest `first` the request asks
 * (SubgraphResolver, src/api/selection.ts), and count them all; the answer carries the first `first`.
 */
@Resolver(() => Edge)
export class EdgeResolver {
  @FieldResolver(() => [Evidence], { description: FACT_EVIDENCE_DESCRIPTION })
  evidence(@Root() edge: Edge, @NestedFirstArg('evidenceCount', LIMITS.factEvidence.default) first: number) {
    return edge.evidence.slice(0, nestedFirst(first));
  }

  @FieldResolver(() => Int, { description: FACT_EVIDENCE_COUNT_DESCRIPTION })
  evidenceCount(@Root() edge: Edge): number {
    return edge.evidenceCount;
  }
}
