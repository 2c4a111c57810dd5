import { LaunchedBrowser, launchBrowser, screenshot, waitForRegionText } from '../support/browser';
import { TestService, startTestService } from '../support/service';

let svc: TestService;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

it('the playground runs the preloaded supporters query offline and shows Scholz', async () => {
  const { page, externalRequests } = browser!;
  const response = await page.goto(`${svc.url}/graphql`);
  expect(response?.status()).toBe(200);
  await waitForRegionText(page, 'Operation Editor', 'supporters(of: "limited ceasefire")');
  await page.getByRole('button', { name: /^Execute query/ }).click();
  // Monaco renders only the visible lines of the result, so the check is on the first supporters shown.
  const result = await waitForRegionText(page, 'Result Window', 'Olaf Scholz');
  expect(result).toContain('"polarity": "SUPPORT"');
  await screenshot(page, 'playground-supporters');
  expect(externalRequests).toEqual([]);
}, 120_000);
