import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../domain/errors';
import { isError } from '../../ingest/source';
import { validateDocument } from '../../ingest/validate';
import { GraphContext } from '../context';
import { requireWriter } from '../security/tokens';
import { LoadResult, LoadStatus, ProblemSeverity } from './load.type';

@Resolver()
export class LoadResolver {
  @Mutation(() => LoadResult, {
    description:
      'Validates a document as `npm run validate` does and, when it has no problem, loads it in one ' +
      'transaction (replacing its earlier version). Any problem: a BAD_USER_INPUT error whose ' +
      'extensions.problems lists them all (file, line, column, field, code, message) and nothing is written. ' +
      'Needs `Authorization: Bearer <write token>`.',
  })
  async loadDocument(
    @Arg('article', () => String, { description: 'The article’s text, verbatim (article.txt).' })
    article: string,
    @Arg('annotation', () => String, { description: 'Its annotation, YAML (graph.yaml).' })
    annotation: string,
    @Ctx() ctx: GraphContext,
  ): Promise<LoadResult> {
    requireWriter(ctx.auth);
    // The problems name the argument they are in, where the CLI names the file. Entities are linked to the
    // registry stored in the graph, as files are to their corpus's entities.yaml.
    const { problems, plan } = validateDocument({
      articleFile: 'article',
      annotationFile: 'annotation',
      article,
      annotation,
      registry: await ctx.stores.writer.registry(),
    });
    const errors = problems.filter(isError).length;
    if (errors || !plan) {
      throw new BadUserInputError(
        `The document has ${errors} problem(s); nothing was loaded. extensions.problems lists them.`,
        { problems },
      );
    }
    const summary = await ctx.stores.writer.load(plan);
    const { counters: c } = summary;
    return {
      documentId: summary.docId,
      status: summary.status as LoadStatus,
      ...summary.rows,
      nodesCreated: c.nodesCreated,
      nodesDeleted: c.nodesDeleted,
      relationshipsCreated: c.relationshipsCreated,
      relationshipsDeleted: c.relationshipsDeleted,
      ms: summary.ms,
      notices: problems.map((p) => ({
        ...p,
        severity: p.severity === 'warning' ? ProblemSeverity.WARNING : ProblemSeverity.NOTICE,
      })),
    };
  }
}
