import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isListType,
  typeFromAST,
} from 'graphql';
import { ServiceError } from '../../domain/errors';

/**
 * How much work an operation may ask for, estimated before it runs.
 *
 * graphql-armor's cost limit multiplies by `first` only when it is written as a literal: our dashboard
 * passes it as a variable, and a field left at its default (`graph` takes 200 entities) counts as one.
 * This estimate reads the arguments the way execution will — literal, variable or schema default — which
 * is why it runs once the operation and its variables are known (didResolveOperation), not as a
 * validation rule (validation never sees variables).
 *
 *   cost(field)     = size(field) × (1 + cost of its selections), 1 for a scalar
 *   size(field)     = first × depth × maxHops for the size arguments the field has
 *                   = the product of its parent's arguments that PART_SIZES names for it (stanceMatrix's
 *                     cells: actorsFirst × targetsFirst)
 *                   = LIST_SIZE for any other list, unless the page above already counted it
 *                   = 1 otherwise
 *   + one per item of a list argument (each name in stanceMatrix(actors:) is resolved on its own)
 *   + for draftDocument and validateDocument, a cost that grows with the text sent (TEXT_COSTS below)
 *
 * "Already counted": `graph(first: 200) { nodes edges }` — the page size is the size of nodes and edges, as
 * it is of a connection's edges (`stances(first: 20) { edges { node { … } } }`),
 * so they are not multiplied again. Sizes multiply down the tree, so nested lists cost what they fan out to.
 *
 * LIST_SIZE is the guess for a list without a size argument: most of ours hold a handful (one or two
 * quotes of evidence, a few stances per actor). With it, the heaviest operations the project itself sends
 * cost about 24 500 (the dashboard's graph at first: 500) and 15 000 (the 11-level navigation of the
 * round-trip test); GRAPHQL_MAX_COST defaults to 50 000.
 */
export const LIST_SIZE = 3;
const SIZE_ARGUMENTS = ['first', 'depth', 'maxHops'];

/**
 * Fields whose lists are sized by different arguments: stanceMatrix's rows by actorsFirst, its columns by
 * targetsFirst, its cells by both (at most rows × columns).
 */
const PART_SIZES: Record<string, Record<string, string[]>> = {
  'Query.stanceMatrix': {
    actors: ['actorsFirst'],
    targets: ['targetsFirst'],
    cells: ['actorsFirst', 'targetsFirst'],
  },
};

/**
 * Fields whose work grows with the length of a text argument rather than with a list: they cost
 * base + perThousandCharacters × (characters of those arguments) / 1,000, on top of their selections.
 *
 * draftDocument parses the article with the NLP backend (CoreNLP: about 2 s per 460 words once warm, 20 s
 * more for the first request) — the most expensive thing the API does. Its base alone outweighs the largest
 * traversal the project's pages send, and the largest article it takes (LIMITS.articleLength, 100,000
 * characters) costs 41,000: within the default GRAPHQL_MAX_COST (50,000), so that the size bound, not the
 * cost limit, refuses an article, and a lower GRAPHQL_MAX_COST bounds the article too (20,000 allows
 * about 47,000 characters). validateDocument parses YAML and searches the text for quotes: cheap, but
 * linear in what it is sent.
 */
export const DRAFT_COST = { base: 1_000, perThousandCharacters: 400 } as const;
const TEXT_COSTS: Record<string, { base: number; perThousandCharacters: number; arguments: string[] }> = {
  'Mutation.draftDocument': { ...DRAFT_COST, arguments: ['article'] },
  'Query.validateDocument': { base: 10, perThousandCharacters: 10, arguments: ['article', 'annotation'] },
};

function textCost(coordinate: string, args: Record<string, unknown>): number {
  const spec = TEXT_COSTS[coordinate];
  if (!spec) return 0;
  const characters = spec.arguments.reduce(
    (n, a) => n + (typeof args[a] === 'string' ? args[a].length : 0),
    0,
  );
  return spec.base + Math.ceil((spec.perThousandCharacters * characters) / 1_000);
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments being expanded on the current path: a cycle (invalid anyway) must not loop. */
  expanding: Set<string>;
}

function listItems(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  return value.length + value.reduce<number>((n, v) => n + listItems(v), 0);
}

function selectionCost(
  walk: Walk,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  counted: boolean,
  /** Sizes of named child fields, set by the parent's arguments (PART_SIZES). */
  parts: Record<string, number> = {},
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? typeFromAST(walk.schema, selection.typeCondition) : parent;
      total += selectionCost(walk, selection.selectionSet, isCompositeType(on) ? on : parent, counted, parts);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || walk.expanding.has(name)) continue;
      const on = typeFromAST(walk.schema, fragment.typeCondition);
      walk.expanding.add(name);
      total += selectionCost(walk, fragment.selectionSet, isCompositeType(on) ? on : parent, counted, parts);
      walk.expanding.delete(name);
      continue;
    }
    // __typename and other meta fields, and (on a union) fields the schema has not got: no work.
    const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, selection, walk.variables);
    } catch {
      // Bad arguments fail at execution with their own error; here they simply count as absent.
    }
    const sized = SIZE_ARGUMENTS.filter((a) => typeof args[a] === 'number');
    const returnsList = isListType(getNullableType(field.type));
    const part = parts[selection.name.value];
    const size =
      part ??
      (sized.length
        ? sized.reduce((n, a) => n * Math.max(1, args[a] as number), 1)
        : returnsList && !counted
          ? LIST_SIZE
          : 1);
    const partSpec = PART_SIZES[`${parent.name}.${field.name}`];
    const childParts = partSpec
      ? Object.fromEntries(
          Object.entries(partSpec).map(([child, names]) => [
            child,
            names.reduce((n, a) => n * Math.max(1, typeof args[a] === 'number' ? (args[a] as number) : 1), 1),
          ]),
        )
      : {};
    const named = getNamedType(field.type);
    const inner =
      selection.selectionSet && isCompositeType(named)
        ? 1 +
          selectionCost(
            walk,
            selection.selectionSet,
            named,
            part !== undefined || (sized.length > 0 && !returnsList),
            childParts,
          )
        : 1;
    const argumentItems = Object.values(args).reduce<number>((n, v) => n + listItems(v), 0);
    total += size * inner + argumentItems + textCost(`${parent.name}.${field.name}`, args);
  }
  return total;
}

/** The estimated cost of one operation of document with these (raw, JSON) variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): number {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return selectionCost(
    { schema, fragments, variables: coerced.coerced ?? {}, expanding: new Set() },
    operation.selectionSet,
    root,
    false,
  );
}

/**
 * Refuses an operation whose estimated cost is over maxCost, before any resolver runs.
 *
 * An operation without variable definitions costs the same on every request, and Apollo hands every
 * request with the same query text the same parsed document (its document cache): its cost is computed
 * once, kept by operation node (a WeakMap, so it goes with the document when Apollo's cache drops it), and
 * still compared with maxCost every time. An operation with variables is costed afresh each time.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) => {
    if (operation.variableDefinitions?.length) return operationCost(schema, document, operation, variables);
    let cost = fixedCosts.get(operation);
    if (cost === undefined) {
      cost = operationCost(schema, document, operation);
      fixedCosts.set(operation, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new ServiceError(
              'QUERY_TOO_COSTLY',
              `The query would cost about ${Math.round(cost)}, over the limit of ${maxCost}: ask for fewer ` +
                'items (a smaller `first`), fewer nested lists or fewer fields.',
              { cost: Math.round(cost), maxCost },
            );
          }
        },
      };
    },
  };
}
