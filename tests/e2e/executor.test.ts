import { postJson } from '../support/requests';
import { TestService, startTestService } from '../support/service';

/**
 * An operation runs through graphql-js the first time and compiled by graphql-jit from the second time on
 * (src/api/executor.ts): its answers, errors and HTTP statuses must not change when it does.
 */
let svc: TestService;
let graphql: string;

beforeAll(async () => {
  svc = await startTestService();
  graphql = `${svc.url}/graphql`;
});
afterAll(async () => svc?.close());

const STANCE =
  'id kind polarity actor { id name } target { id } evidence { quote start end sentence { id } }';
const DEPTH = 'query ($d: Int!) { neighborhood(of: "putin", depth: $d) { truncated nodes { id } } }';

it.each<[string, string, Record<string, unknown> | undefined, number, string | undefined]>([
  ['a nested read', `{ entity(id: "putin") { id name stances { ${STANCE} } } }`, undefined, 200, undefined],
  [
    'lists, enums and a union',
    `{ neighborhood(of: "putin") { truncated nodes { id kind } edges { kind type polarity from { id } } }
       search(text: "ceasefire") { edges { node { __typename ... on Entity { id } ... on Sentence { id } } } } }`,
    undefined,
    200,
    undefined,
  ],
  ['a variable', DEPTH, { d: 1 }, 200, undefined],
  ['a variable of the wrong type', DEPTH, { d: 'two' }, 400, 'BAD_USER_INPUT'],
  ['a missing variable', DEPTH, {}, 400, 'BAD_USER_INPUT'],
  ['an argument a resolver refuses', DEPTH, { d: 9 }, 400, 'BAD_USER_INPUT'],
  [
    'a name that matches nothing',
    '{ supporters(of: "nobody at all") { id } }',
    undefined,
    400,
    'BAD_USER_INPUT',
  ],
  ['an unknown id (null, no error)', '{ entity(id: "nobody") { id } }', undefined, 200, undefined],
])('%s answers the same compiled as not', async (_name, query, variables, status, code) => {
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await postJson(graphql, { query, variables }));
  for (const answer of answers) {
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(answer.text).toBe(answers[0].text);
  }
  if (status === 200 && !code) expect(answers[0].body.data).toBeTruthy();
});

it('runs the operation named, compiled or not, in a document of several', async () => {
  const query = 'query A { version } query B { entity(id: "putin") { id } }';
  for (let i = 0; i < 3; i++) {
    const b = await postJson(graphql, { query, operationName: 'B' });
    expect(b.body).toEqual({ data: { entity: { id: 'putin' } } });
    const a = await postJson(graphql, { query, operationName: 'A' });
    expect(Object.keys(a.body.data ?? {})).toEqual(['version']);
    const unknown = await postJson(graphql, { query, operationName: 'C' });
    expect(unknown.status).toBe(400);
  }
});
