import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { SubgraphRecord } from '../../graph/entity.store';
import { LIMITS, inRange } from '../argument-limits';
import { GraphContext } from '../context';
import { entitiesById } from '../entities-by-id';
import { ReportedScopeArgs, ScopeArgs, resolveReportedScope, resolveScope } from '../scope';
import { edgeEvidenceToRead, subgraphSentencesToRead } from '../selection';
import { EdgeKind, EntityKind } from '../types/enums';
import { Stance } from '../types/stance.type';
import { Edge, Subgraph } from '../types/subgraph.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases.';

/** Stances become edges from actor to target labelled with their kind; facts keep their type. */
function toSubgraph(record: SubgraphRecord, ctx: GraphContext): Subgraph {
  ctx.loaders.primeEntities(record.nodes);
  const entity = entitiesById(record.nodes);
  const edges = record.edges.map((e): Edge => ({
    id: e.id,
    kind: e.claimId ? EdgeKind.STANCE : EdgeKind.FACT,
    type: e.claimId ? (e.kind ?? 'STANCE') : e.type,
    polarity: e.polarity,
    from: entity(e.fromId),
    to: entity(e.toId),
    evidence: e.evidence,
    evidenceCount: e.evidenceCount,
    claimId: e.claimId,
  }));
  return {
    nodes: record.nodes,
    edges,
    sentences: record.sentences,
    truncated: record.truncated,
    omittedNodes: record.omittedNodes,
    omittedEdges: record.omittedEdges,
  };
}

@Resolver(() => Edge)
export class SubgraphResolver {
  @Query(() => Subgraph, {
    description:
      `Everything within depth hops of an entity (depth ${LIMITS.depth.min}–${LIMITS.depth.max}): the entities, ` +
      'and the stances (actor → target) and facts among them, each with its evidence. Ranked and capped: the ' +
      'entity first, then the nearest entities, and of equally near ones those with the most evidence on the ' +
      'stances and facts that tie them to the nearer ones; at most `limit` besides the entity itself (every ' +
      'entity kept is joined to it through entities kept). Edges: each entity’s heaviest edge towards the ' +
      `entity asked about, then the others among them with the most evidence, at most ${LIMITS.neighborhood.edgesPerEntity} × \`limit\` ` +
      'in all, listed most evidence first. `truncated`, `omittedNodes` and `omittedEdges` say what the caps ' +
      'left out. Each sentence quoted is sent once in `sentences`; evidence items name theirs by `sentenceId`.',
  })
  async neighborhood(
    @Arg('of', () => String, { description: ENTITY_ARG }) of: string,
    @Arg('depth', () => Int, { defaultValue: LIMITS.depth.default, description: 'Hops (1–3).' })
    depth: number,
    @Arg('limit', () => Int, {
      defaultValue: LIMITS.neighborhood.default,
      description: `At most this many entities besides \`of\` (${LIMITS.neighborhood.min}–${LIMITS.neighborhood.max}).`,
    })
    limit: number,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    inRange('depth', depth, LIMITS.depth.min, LIMITS.depth.max);
    inRange('limit', limit, LIMITS.neighborhood.min, LIMITS.neighborhood.max);
    const [entity, scope] = await Promise.all([
      ctx.stores.names.resolve(of, 'of'),
      resolveScope(ctx, scopeArgs),
    ]);
    return toSubgraph(
      await ctx.stores.entities.neighborhood(
        entity.id,
        depth,
        limit,
        limit * LIMITS.neighborhood.edgesPerEntity,
        edgeEvidenceToRead(info),
        scope,
      ),
      ctx,
    );
  }

  @Query(() => Subgraph, {
    description:
      'The whole picture for a dashboard: the `first` most connected entities (of the given kinds) and the ' +
      'stances and facts among them, each with its evidence. Capped so that a large corpus stays drawable: at ' +
      `most ${LIMITS.neighborhood.edgesPerEntity} × first edges, most evidence first. \`truncated\`, ` +
      '`omittedNodes` and `omittedEdges` say what was left out. Each sentence quoted is sent once in ' +
      '`sentences`; evidence items name theirs by `sentenceId`.',
  })
  async graph(
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many entities (1–500).' })
    first: number,
    @Arg('kinds', () => [EntityKind], { nullable: true, description: 'Only entities of these kinds.' })
    kinds: EntityKind[] | null,
    @Args(() => ScopeArgs) scopeArgs: ScopeArgs,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    inRange('first', first, 1, 500);
    const scope = await resolveScope(ctx, scopeArgs);
    const edgeLimit = first * LIMITS.neighborhood.edgesPerEntity;
    return toSubgraph(
      await ctx.stores.entities.overview(
        first,
        kinds ?? null,
        edgeLimit,
        edgeEvidenceToRead(info),
        scope,
        subgraphSentencesToRead(info),
      ),
      ctx,
    );
  }

  @Query(() => Subgraph, {
    description:
      'The shortest chain of stances and facts between two entities, at most maxHops long (1–6); empty when ' +
      'there is none that short.',
  })
  async path(
    @Arg('from', () => String, { description: ENTITY_ARG }) from: string,
    @Arg('to', () => String, { description: ENTITY_ARG }) to: string,
    @Arg('maxHops', () => Int, { defaultValue: LIMITS.maxHops.default, description: 'Longest chain (1–6).' })
    maxHops: number,
    @Args(() => ReportedScopeArgs) scopeArgs: ReportedScopeArgs,
    @Ctx() ctx: GraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    inRange('maxHops', maxHops, LIMITS.maxHops.min, LIMITS.maxHops.max);
    const [a, b, scope] = await Promise.all([
      ctx.stores.names.resolve(from, 'from'),
      ctx.stores.names.resolve(to, 'to'),
      resolveReportedScope(ctx, scopeArgs),
    ]);
    return toSubgraph(
      await ctx.stores.entities.path(a.id, b.id, maxHops, edgeEvidenceToRead(info), scope),
      ctx,
    );
  }

  @FieldResolver(() => Stance, {
    nullable: true,
    description: 'For a stance edge: the stance, with all its detail.',
  })
  async stance(@Root() edge: Edge, @Ctx() ctx: GraphContext) {
    if (!edge.claimId) return null;
    const [found] = await ctx.loaders.stances('CLAIM').load(edge.claimId);
    return found ? ctx.loaders.primeStance(found) : null;
  }
}
