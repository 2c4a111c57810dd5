import { readmeExamples } from '../../tools/lib/readme';
import { TestService, startTestService } from '../support/service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.close());

it('the README shows the example queries with the output they really give', async () => {
  const pairs = readmeExamples();
  expect(pairs.length).toBeGreaterThanOrEqual(2);
  for (const { query, expected } of pairs) {
    const { body } = await svc.gql(query);
    expect(body).toEqual(expected);
  }
});
