import { GraphQLDate } from 'graphql-scalars';
import { ArgsType, Field, Float, ID } from 'type-graphql';
import { BadUserInputError } from '../domain/errors';
import { EVERYTHING, Scope } from '../graph/scope';
import { fraction } from './argument-limits';
import { GraphContext } from './context';
import { AnnotationMethod } from './types/enums';

const DOCUMENTS =
  'Only what these documents report (their ids); an unknown id is a BAD_USER_INPUT error naming it.';
const FROM = 'Only what documents published on or after this date report (inclusive).';
const TO = 'Only what documents published on or before this date report (inclusive).';
const MIN_CONFIDENCE =
  'Only stances, and reports of facts, at least this confident (0 to 1, inclusive): a hand-written item ' +
  'without a confidence counts as 1, a drafted one has the confidence its drafter gave it. A fact counts ' +
  'when one of its reports passes; its evidence is narrowed to those reports.';
const METHODS =
  'Only stances, and reports of facts, made in one of these ways (HAND, DRAFT, REVIEWED); absent or ' +
  'empty: any. A fact counts when one of its reports passes; its evidence is narrowed to those reports.';

/**
 * How sure and how made: every traversal that returns stances or facts takes these with its scope. Applied
 * in the query, as parameters ($scopeMinConfidence, $scopeMethods), like the documents and dates.
 */
@ArgsType()
export class ConfidenceArgs {
  @Field(() => Float, { nullable: true, description: MIN_CONFIDENCE })
  minConfidence?: number | null;

  @Field(() => [AnnotationMethod], { nullable: true, description: METHODS })
  methods?: AnnotationMethod[] | null;
}

/**
 * The scope arguments every traversal takes: only the stances and facts reported by the given documents,
 * published in [from, to], as confident and made as asked. A fact counts when one of its evidence entries
 * is in scope, and its evidence is then narrowed to those entries. Absent, nothing is narrowed.
 */
@ArgsType()
export class ScopeArgs extends ConfidenceArgs {
  @Field(() => [ID], { nullable: true, description: DOCUMENTS })
  documents?: string[] | null;

  @Field(() => GraphQLDate, { nullable: true, description: FROM })
  from?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: TO })
  to?: Date | null;
}

/**
 * The same for the fields whose `from` and `to` already mean something else (path: entities; timeline: the
 * entries' own dates): the publication window is reportedFrom / reportedTo there.
 */
@ArgsType()
export class ReportedScopeArgs extends ConfidenceArgs {
  @Field(() => [ID], { nullable: true, description: DOCUMENTS })
  documents?: string[] | null;

  @Field(() => GraphQLDate, { nullable: true, description: FROM })
  reportedFrom?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: TO })
  reportedTo?: Date | null;
}

/** graphql-scalars' Date parses "2025-03-18" to that day's UTC midnight. */
const isoDay = (value: Date | null | undefined) => (value ? value.toISOString().slice(0, 10) : null);

/**
 * Checks scope arguments and turns them into the stores' Scope: from after to, or a document id that is not
 * loaded, is a BAD_USER_INPUT error. The ids are checked through the request's document loader, batched with
 * any other document lookup (and answering Stance.document for them later).
 */
export function resolveScope(ctx: GraphContext, args: ScopeArgs): Promise<Scope> {
  return checked(ctx, args, args.documents, [args.from, 'from'], [args.to, 'to']);
}

export function resolveReportedScope(ctx: GraphContext, args: ReportedScopeArgs): Promise<Scope> {
  return checked(
    ctx,
    args,
    args.documents,
    [args.reportedFrom, 'reportedFrom'],
    [args.reportedTo, 'reportedTo'],
  );
}

/** minConfidence checked (0 to 1); methods each once, in a fixed order, so that equal filters share loaders. */
function confidenceFilter(args: ConfidenceArgs): Pick<Scope, 'minConfidence' | 'methods'> {
  const minConfidence = args.minConfidence == null ? null : fraction('minConfidence', args.minConfidence);
  const methods = args.methods?.length ? [...new Set(args.methods)].sort() : null;
  return { minConfidence, methods };
}

type DateArgument = [Date | null | undefined, string];

async function checked(
  ctx: GraphContext,
  filterArgs: ConfidenceArgs,
  ids: string[] | null | undefined,
  [fromValue, fromArg]: DateArgument,
  [toValue, toArg]: DateArgument,
): Promise<Scope> {
  const from = isoDay(fromValue);
  const to = isoDay(toValue);
  const { minConfidence, methods } = confidenceFilter(filterArgs);
  if (from && to && from > to) {
    throw new BadUserInputError(`Argument "${fromArg}" (${from}) is after "${toArg}" (${to}).`, {
      argument: fromArg,
    });
  }
  let documents: string[] | null = null;
  if (ids) {
    documents = [...new Set(ids)];
    const found = await ctx.loaders.document.loadMany(documents);
    const failed = found.find((d) => d instanceof Error);
    if (failed) throw failed;
    const unknown = documents.filter((_, i) => !found[i] || found[i] instanceof Error);
    if (unknown.length) {
      const list = unknown.map((id) => `"${id}"`).join(', ');
      throw new BadUserInputError(`Argument "documents": no document has the id ${list}.`, {
        argument: 'documents',
        unknown,
      });
    }
  }
  return documents || from || to || minConfidence !== null || methods
    ? { documents, from, to, minConfidence, methods }
    : EVERYTHING;
}
