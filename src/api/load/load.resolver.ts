import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../domain/errors';
import { Problem as FoundProblem, isError, severityOf } from '../../ingest/source';
import { ValidationResult, validateDocument } from '../../ingest/validate';
import { GraphContext } from '../context';
import { requireWriter } from '../security/tokens';
import { LoadResult, LoadStatus, Problem, ProblemSeverity, ValidationReport } from './load.type';

const ARTICLE = 'The article’s text, verbatim (article.txt).';
const ANNOTATION = 'Its annotation, YAML (graph.yaml).';

const asProblem = (p: FoundProblem): Problem => ({ ...p, severity: severityOf(p) as ProblemSeverity });

/**
 * What `npm run validate` says of a document sent over the API. The problems name the argument they are in,
 * where the CLI names the file. Entities are linked to the registry stored in the graph, as files are to
 * their corpus's entities.yaml. Reads the registry; writes nothing.
 */
async function validate(ctx: GraphContext, article: string, annotation: string): Promise<ValidationResult> {
  return validateDocument({
    articleFile: 'article',
    annotationFile: 'annotation',
    article,
    annotation,
    registry: await ctx.stores.writer.registry(),
  });
}

@Resolver()
export class LoadResolver {
  @Query(() => ValidationReport, {
    description:
      'Checks a document exactly as loadDocument does — the same validation, against the same stored ' +
      'registry — and writes nothing: every error that would refuse it, with the warnings and notices. ' +
      'Needs no write token.',
  })
  async validateDocument(
    @Arg('article', () => String, { description: ARTICLE }) article: string,
    @Arg('annotation', () => String, { description: ANNOTATION }) annotation: string,
    @Ctx() ctx: GraphContext,
  ): Promise<ValidationReport> {
    const { problems, plan } = await validate(ctx, article, annotation);
    return { valid: plan !== undefined && !problems.some(isError), problems: problems.map(asProblem) };
  }

  @Mutation(() => LoadResult, {
    description:
      'Validates a document as `npm run validate` does and, when it has no problem, loads it in one ' +
      'transaction (replacing its earlier version). Any problem: a BAD_USER_INPUT error whose ' +
      'extensions.problems lists them all (file, line, column, field, code, message) and nothing is written. ' +
      'validateDocument gives the same verdict without loading. Needs `Authorization: Bearer <write token>`.',
  })
  async loadDocument(
    @Arg('article', () => String, { description: ARTICLE }) article: string,
    @Arg('annotation', () => String, { description: ANNOTATION }) annotation: string,
    @Ctx() ctx: GraphContext,
  ): Promise<LoadResult> {
    requireWriter(ctx.auth);
    const { problems, plan } = await validate(ctx, article, annotation);
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
      notices: problems.map(asProblem),
    };
  }
}
