import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { TestService, startTestService } from '../support/service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.close());

/** The README's "Example queries": each ```graphql block followed by the ```json block it claims to give. */
function examples(): { query: string; expected: unknown }[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Example queries'),
    readme.indexOf('\n## ', readme.indexOf('## Example queries') + 5),
  );
  const blocks = [...section.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1],
    body: m[2],
  }));
  const pairs: { query: string; expected: unknown }[] = [];
  blocks.forEach((b, i) => {
    if (b.lang === 'graphql' && blocks[i + 1]?.lang === 'json')
      pairs.push({ query: b.body, expected: JSON.parse(blocks[i + 1].body) });
  });
  return pairs;
}

it('the README shows the example queries with the output they really give', async () => {
  const pairs = examples();
  expect(pairs.length).toBeGreaterThanOrEqual(2);
  for (const { query, expected } of pairs) {
    const { body } = await svc.gql(query);
    expect(body).toEqual(expected);
  }
});
