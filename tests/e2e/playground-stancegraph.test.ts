import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operation } from '../../src/operations';
import { LaunchedBrowser, launchBrowser, screenshot, waitForRegionText } from '../support/browser';
import { postJson } from '../support/requests';
import { TestService, startTestService } from '../support/service';
import { until } from '../support/subscriptions';

jest.setTimeout(180_000);

const WRITE = 'playground-write-token-0123456789abcdef';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');

let svc: TestService;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  svc?.service.server.closeAllConnections();
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
});

it('runs a subscription over the bundled graphql-ws, to its own origin: a load through the API shows up in the result pane', async () => {
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const sockets: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => sockets.push(socket.url()));
  try {
    // A link opens its own query in a tab (src/web/playground/app/index.tsx).
    const subscription = 'subscription { documentLoaded { id title } }';
    const response = await page.goto(`${svc.url}/graphql?query=${encodeURIComponent(subscription)}`);
    const host = new URL(svc.url).host;
    expect(response?.headers()['content-security-policy']).toContain(
      `connect-src 'self' ws://${host} wss://${host};`,
    );
    await waitForRegionText(page, 'Operation Editor', 'documentLoaded');
    await page.getByRole('button', { name: /^Execute/ }).click();
    await until(() => (svc.service.subscriptions?.stats().subscriptions ?? 0) >= 1, 20);

    const loaded = await postJson(
      `${svc.url}/graphql`,
      {
        query: operation('load-document'),
        variables: {
          article: readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8'),
          annotation: readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8'),
        },
      },
      { authorization: `Bearer ${WRITE}` },
    );
    expect(loaded.status).toBe(200);
    const result = await waitForRegionText(page, 'Result Window', '"id": "valid"', 60_000);
    expect(result).toContain('"title": "Eastvale rejects Westmark’s fishing truce"');
    await screenshot(page, 'playground-subscription');

    // GraphiQL's stop button ends it: the service sees the subscription complete.
    await page.getByRole('button', { name: /^Stop/ }).click();
    await until(() => svc.service.subscriptions?.stats().subscriptions === 0, 20);

    const origin = new URL(svc.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(sockets).toEqual([`${origin.replace(/^http/, 'ws')}/graphql`]);
    expect(browser!.externalRequests).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
