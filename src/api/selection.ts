import {
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLNamedType,
  GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isObjectType,
  typeFromAST,
} from 'graphql';
import { LIMITS } from './argument-limits';

/** Whether execution will resolve a selection: not skipped, and not left out by `@include(if: false)`. */
function included(node: Parameters<typeof getDirectiveValues>[1], variables: Record<string, unknown>) {
  return (
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false
  );
}

/**
 * Every field node that the path (field names, e.g. ['edges', 'evidence']) reaches below the field being
 * resolved, with its definition: through aliases (each alias is a node of its own), named and inline
 * fragments, and leaving out what @skip/@include leave out.
 */
function reached(
  info: GraphQLResolveInfo,
  fieldPath: readonly string[],
): { node: Parameters<typeof getArgumentValues>[1]; field: GraphQLField<unknown, unknown> }[] {
  const found: ReturnType<typeof reached> = [];
  const walk = (set: SelectionSetNode | undefined, parent: GraphQLNamedType, depth: number) => {
    if (!set || !isObjectType(parent)) return;
    for (const selection of set.selections) {
      if (!included(selection, info.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== fieldPath[depth]) continue;
        const field = parent.getFields()[fieldPath[depth]];
        if (!field) continue;
        if (depth === fieldPath.length - 1) found.push({ node: selection, field });
        else walk(selection.selectionSet, getNamedType(field.type), depth + 1);
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      if (!fragment) continue;
      const on: GraphQLNamedType | undefined = fragment.typeCondition
        ? typeFromAST(info.schema, fragment.typeCondition)
        : parent;
      // A fragment on another type (an interface or union the subgraph's types are not in) never applies.
      if (on && on !== parent) continue;
      walk(fragment.selectionSet, parent, depth);
    }
  };
  const root = getNamedType(info.returnType);
  for (const node of info.fieldNodes) walk(node.selectionSet, root, 0);
  return found;
}

/**
 * The largest value of a field's integer argument over every place the selection asks for the field
 * (aliases asking different values included; the schema's default where it is not written); null when
 * the selection does not ask for the field at all.
 */
export function largestArgument(
  info: GraphQLResolveInfo,
  fieldPath: readonly string[],
  argument: string,
): number | null {
  let largest: number | null = null;
  for (const { node, field } of reached(info, fieldPath)) {
    let value: unknown;
    try {
      value = getArgumentValues(field, node, info.variableValues)[argument];
    } catch {
      // A bad argument fails with its own error where the field resolves; here it reads nothing.
    }
    if (typeof value === 'number' && (largest === null || value > largest)) largest = value;
  }
  return largest;
}

/** Whether the selection asks for the field at the end of the path. */
export function selects(info: GraphQLResolveInfo, fieldPath: readonly string[]): boolean {
  return reached(info, fieldPath).length > 0;
}

/**
 * How many of each edge's evidence a subgraph query (neighborhood, graph, path) reads and sends: the
 * largest `first` the selection asks of `edges { evidence }` (EdgeResolver cuts an alias asking fewer),
 * bounded as `first` is (a value out of range fails there, with its own error); when no edge evidence is
 * asked, the default `first` if `sentences` is asked — the sentences are those the evidence of the default
 * selection quotes, whether or not it is asked alongside — and otherwise 0: no evidence and no sentences
 * are read, and `evidenceCount` still counts them all.
 */
export function edgeEvidenceToRead(info: GraphQLResolveInfo): number {
  const asked = largestArgument(info, ['edges', 'evidence'], 'first');
  if (asked !== null) return Math.max(0, Math.min(LIMITS.nested.max, asked));
  return selects(info, ['sentences']) ? LIMITS.factEvidence.default : 0;
}

/**
 * Whether a subgraph question (graph) needs the sentences its evidence quotes: it selects `sentences`, or
 * `edges { evidence { sentence } }`. Otherwise the query sends none (at 10⁶ the default graph's 3,357
 * sentences were 43 % of its answer).
 */
export function subgraphSentencesToRead(info: GraphQLResolveInfo): boolean {
  return selects(info, ['sentences']) || selects(info, ['edges', 'evidence', 'sentence']);
}
