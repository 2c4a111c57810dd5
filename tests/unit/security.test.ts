import { readFileSync } from 'node:fs';
import {
  DocumentNode,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  getNamedType,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
} from 'graphql';
import { buildGraphSchema } from '../../src/api/schema';
import { LIMITS } from '../../src/api/argument-limits';
import { DRAFT_COST, LIST_SIZE, costLimitPlugin, operationCost } from '../../src/api/security/cost';
import { limitOptions, requestLimits } from '../../src/api/security/request-limits';
import {
  AllowList,
  PERSISTED_QUERIES_FILE,
  buildAllowList,
  collectOperations,
  queryHash,
  serializeAllowList,
} from '../../src/api/security/persisted-queries';
import { Tokens, requireWriter } from '../../src/api/security/tokens';
import { ConfigError, loadConfig } from '../../src/config';
import { ServiceError } from '../../src/domain/errors';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return operationCost(schema, document, operation, variables);
};

describe('the persisted-query allow-list', () => {
  it('schema/persisted-queries.json is what the examples, dashboard and load operations generate (run `npx tsx tools/build-persisted-queries.ts`)', async () => {
    const expected = serializeAllowList(buildAllowList(await collectOperations()));
    expect(readFileSync(PERSISTED_QUERIES_FILE, 'utf8')).toBe(expected);
  });

  it('holds the playground examples, the dashboard and review queries, the load, validate and draft operations, and the subscriptions', async () => {
    const sources = new Set((await collectOperations()).map((o) => o.source));
    expect(sources).toEqual(
      new Set([
        'operations/playground/',
        'operations/dashboard/',
        'operations/review/',
        'operations/load-document.graphql',
        'operations/validate-document.graphql',
        'operations/draft-document.graphql',
        'operations/subscriptions/',
      ]),
    );
  });

  it('every operation on it passes the default limits, even with its page sizes at their maximum', () => {
    const limits = requestLimits(loadConfig({}));
    const { validationRules } = limitOptions(limits);
    const entries = Object.entries(AllowList.load(true).entries);
    expect(entries.length).toBeGreaterThan(5);
    for (const [hash, query] of entries) {
      expect(queryHash(query)).toBe(hash);
      const document = parse(query, { maxTokens: limits.maxTokens });
      expect({ query, errors: validate(schema, document, [...specifiedRules, ...validationRules]) }).toEqual({
        query,
        errors: [],
      });
      for (const operation of document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )) {
        // The largest values the resolvers accept: `graph` takes up to 500 entities, the stance matrix
        // LIMITS.matrix.max rows and columns, the other pages LIMITS.page.max.
        const largest = (name: string) =>
          /^(actors|targets)First$/.test(name)
            ? LIMITS.matrix.max
            : query.includes('graph(')
              ? 500
              : LIMITS.page.max;
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((v) => {
            const type = getNamedType(typeFromAST(schema, v.type as never)!);
            const value = type.name === 'Int' ? largest(v.variable.name.value) : 'x';
            return [v.variable.name.value, value];
          }),
        );
        expect({
          query,
          cost: operationCost(schema, document, operation, variables) <= limits.maxCost,
        }).toEqual({
          query,
          cost: true,
        });
      }
    }
  });
});

describe('the list-aware cost', () => {
  it('multiplies by `first` whether it is a literal, a variable or the schema default', () => {
    const hits = '{ edges { node { __typename } } }';
    const literal = costOf(`{ search(text: "x", first: 40) ${hits} }`);
    const variable = costOf(`query ($n: Int!) { search(text: "x", first: $n) ${hits} }`, { n: 40 });
    expect(variable).toBe(literal);
    expect(costOf(`{ search(text: "x", first: 80) ${hits} }`)).toBe(2 * literal);
    // search's default page is 20.
    expect(costOf(`{ search(text: "x") ${hits} }`)).toBe(literal / 2);
  });

  it('multiplies nested lists, and counts a page’s own lists by the page size', () => {
    // supporters is sized by its `first` (LIMITS.rootList, 100 by default), a stance's evidence is not.
    expect(costOf('{ supporters(of: "x") { id } }')).toBe(LIMITS.rootList.default * 2);
    expect(costOf('{ stanceHistory(actor: "x", target: "y", first: 7) { changed } }')).toBe(7 * 2);
    expect(costOf('{ supporters(of: "x", first: 4) { evidence { quote } } }')).toBe(4 * (1 + LIST_SIZE * 2));
    // graph(first: 10): nodes and edges are the page, not 3 × the page.
    expect(costOf('{ graph(first: 10) { nodes { id } } }')).toBe(10 * (1 + 2));
    expect(costOf('{ neighborhood(of: "x", depth: 3) { nodes { id } } }')).toBe(3 * (1 + 2));
    // A connection's edges are its page: stances(first: 10) { edges { node { id } } } is 10 nodes.
    expect(costOf('{ stances(first: 10) { edges { node { id } } } }')).toBe(10 * (1 + (1 + (1 + 1))));
    // stanceMatrix's cells are bounded by rows × columns.
    expect(costOf('{ stanceMatrix(actorsFirst: 4, targetsFirst: 5) { cells { kinds } } }')).toBe(
      1 * (1 + 4 * 5 * (1 + 1)),
    );
    expect(costOf('{ stanceMatrix(actorsFirst: 4, targetsFirst: 5) { actors { id } targets { id } } }')).toBe(
      1 + 4 * (1 + 1) + 5 * (1 + 1),
    );
  });

  it('counts every item of a list argument, and fragments as what they select', () => {
    const names = Array.from({ length: 500 }, (_, i) => `n${i}`);
    const base = costOf('{ stanceMatrix(actorsFirst: 1, targetsFirst: 1) { cells { kinds } } }');
    expect(
      costOf(
        'query ($a: [String!]) { stanceMatrix(actors: $a, actorsFirst: 1, targetsFirst: 1) { cells { kinds } } }',
        {
          a: names,
        },
      ),
    ).toBe(base + 500);
    expect(costOf('{ ...F } fragment F on Query { opponents(of: "x", first: 3) { id } }')).toBe(3 * 2);
    expect(costOf('{ ... on Query { opponents(of: "x", first: 3) { id } } }')).toBe(3 * 2);
  });

  it('charges draftDocument by the length of its article, within the default limit up to the size bound', () => {
    const draft = 'mutation ($a: String!) { draftDocument(article: $a) { yaml } }';
    const cost = (characters: number) => costOf(draft, { a: 'x'.repeat(characters) });
    // The field and its one scalar: 1 × (1 + 1).
    expect(cost(1_000)).toBe(DRAFT_COST.base + DRAFT_COST.perThousandCharacters + 2);
    expect(cost(11_000) - cost(1_000)).toBe(10 * DRAFT_COST.perThousandCharacters);
    // The largest article a draft takes fits the default GRAPHQL_MAX_COST: the size bound refuses it first.
    expect(cost(LIMITS.articleLength)).toBeLessThanOrEqual(requestLimits(loadConfig({})).maxCost);
    // Literal or variable alike.
    expect(costOf(`mutation { draftDocument(article: "${'x'.repeat(1_000)}") { yaml } }`)).toBe(cost(1_000));
  });

  it('charges validateDocument by what it is sent, far less than a draft', () => {
    const validate =
      'query ($a: String!, $b: String!) { validateDocument(article: $a, annotation: $b) { valid } }';
    const small = costOf(validate, { a: 'x', b: 'y' });
    const large = costOf(validate, { a: 'x'.repeat(50_000), b: 'y'.repeat(50_000) });
    // 10 per 1,000 characters, rounded up: 100,000 characters cost 1,000, two cost 1.
    expect(large - small).toBe(1_000 - 1);
    const draft = costOf('mutation ($a: String!) { draftDocument(article: $a) { yaml } }', {
      a: 'x'.repeat(100_000),
    });
    expect(large * 10).toBeLessThan(draft);
  });

  /** The plugin's verdict on one request, as Apollo calls it (the same parsed document for the same text). */
  const verdict = async (
    plugin: ReturnType<typeof costLimitPlugin>,
    document: DocumentNode,
    variables: Record<string, unknown> = {},
  ): Promise<string> => {
    const operation = document.definitions.find(
      (d) => d.kind === Kind.OPERATION_DEFINITION,
    ) as OperationDefinitionNode;
    const listener = await plugin.requestDidStart!({} as never);
    try {
      await listener!.didResolveOperation!({ schema, document, operation, request: { variables } } as never);
      return 'ran';
    } catch (error) {
      return (error as ServiceError).code;
    }
  };

  it('refuses an over-cost operation on every request, its cost computed once or not', async () => {
    const plugin = costLimitPlugin(100);
    // 200 × (1 + 1) = 400: over; 20 × 2 = 40: under.
    const over = parse('{ graph(first: 200) { truncated } }');
    const under = parse('{ graph(first: 20) { truncated } }');
    for (let i = 0; i < 3; i++) {
      expect(await verdict(plugin, over)).toBe('QUERY_TOO_COSTLY');
      expect(await verdict(plugin, under)).toBe('ran');
    }
    // With variables, each request is costed with its own.
    const byVariable = parse('query ($n: Int!) { graph(first: $n) { truncated } }');
    expect(await verdict(plugin, byVariable, { n: 20 })).toBe('ran');
    expect(await verdict(plugin, byVariable, { n: 200 })).toBe('QUERY_TOO_COSTLY');
    expect(await verdict(plugin, byVariable, { n: 20 })).toBe('ran');
    // The same text parsed again (Apollo's cache dropped it) is costed again, alike.
    expect(await verdict(plugin, parse('{ graph(first: 200) { truncated } }'))).toBe('QUERY_TOO_COSTLY');
  });
});

describe('bearer tokens', () => {
  const tokens = new Tokens({
    writeToken: 'write-token-0123456789abcdef',
    readToken: 'read-token-0123456789abcdef',
  });

  it.each([
    [undefined, 'anonymous'],
    ['', 'anonymous'],
    ['Bearer write-token-0123456789abcdef', 'write'],
    ['bearer   write-token-0123456789abcdef  ', 'write'],
    ['Bearer read-token-0123456789abcdef', 'read'],
    ['Bearer write-token-0123456789abcde', 'anonymous'],
    ['Bearer write-token-0123456789abcdefX', 'anonymous'],
    ['write-token-0123456789abcdef', 'anonymous'],
    ['Basic d3JpdGUtdG9rZW4=', 'anonymous'],
    ['Bearer write-token-0123456789abcdef extra', 'anonymous'],
  ])('%j is %s', (header, role) => {
    expect(tokens.identify(header).role).toBe(role);
  });

  it('writes: FORBIDDEN when no write token is configured, UNAUTHENTICATED without it', () => {
    expect(() => requireWriter(new Tokens({}).identify('Bearer anything-at-all-0123'))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => requireWriter(tokens.identify('Bearer read-token-0123456789abcdef'))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => requireWriter(tokens.identify('Bearer write-token-0123456789abcdef'))).not.toThrow();
  });
});

describe('configuration of the limits', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      GRAPHQL_MAX_DEPTH: 12,
      GRAPHQL_MAX_ALIASES: 15,
      GRAPHQL_MAX_TOKENS: 1_000,
      GRAPHQL_MAX_DIRECTIVES: 20,
      GRAPHQL_MAX_COST: 50_000,
      HTTP_BODY_LIMIT: '1mb',
      HTTP_REQUEST_TIMEOUT_MS: 15_000,
      persistedQueriesOnly: false,
    });
  });

  it('accepts only persisted queries in production unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).persistedQueriesOnly).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', PERSISTED_QUERIES_ONLY: 'false' }).persistedQueriesOnly).toBe(
      false,
    );
    expect(loadConfig({ PERSISTED_QUERIES_ONLY: 'true' }).persistedQueriesOnly).toBe(true);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0', /must be a whole number from 1 to 100/],
    ['GRAPHQL_MAX_COST', 'lots', /must be a whole number/],
    ['HTTP_BODY_LIMIT', '1gb', /must be a size such as 100kb or 1mb/],
    ['STANCEGRAPH_WRITE_TOKEN', 'short', /at least 16 characters/],
    ['PERSISTED_QUERIES_ONLY', 'yes', /must be one of true, false/],
  ])('rejects %s=%s in one line naming it', (name, value, why) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^invalid configuration: ${name}=.*${why.source}`),
    );
  });

  it('refuses a read token equal to the write token: readers could write', () => {
    const same = 'same-token-0123456789abcdef';
    expect(() => loadConfig({ STANCEGRAPH_READ_TOKEN: same, STANCEGRAPH_WRITE_TOKEN: same })).toThrow(
      /STANCEGRAPH_READ_TOKEN must differ/,
    );
  });
});

describe('the APQ cache over the allow-list', () => {
  it('serves listed hashes; registers others only when the list is not enforced', async () => {
    const strict = new AllowList({ abc: '{ version }' }, true);
    expect(await strict.cache.get('apq:abc')).toBe('{ version }');
    await strict.cache.set('apq:def', '{ documents { id } }');
    expect(await strict.cache.get('apq:def')).toBeUndefined();
    const open = new AllowList({}, false);
    await open.cache.set('apq:def', '{ documents { id } }');
    expect(await open.cache.get('apq:def')).toBe('{ documents { id } }');
  });
});
