import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from 'cytoscape';
import type { Page } from 'playwright-core';
import { operation } from '../../src/operations';
import { LaunchedBrowser, launchBrowser, screenshot } from '../support/browser';
import { postJson } from '../support/requests';
import { TestService, startTestService } from '../support/service';
import { until } from '../support/subscriptions';

/**
 * The dashboard follows `documentLoaded` over graphql-ws (bundled, same origin) and redraws in place: a
 * document loaded through the API while the page is open is drawn without a reload, the reader's filters
 * and selection kept, with a notice of what arrived. Nothing in these tests waits for a time: each waits
 * for the page's own state (cytoscape, data attributes) or the service's subscription count.
 */
// Each test starts a service and a page; on a shared, busy machine the first drawing alone can take a minute.
jest.setTimeout(300_000);

const WRITE = 'live-write-token-0123456789abcdef';
const FIXTURE = path.join(__dirname, '..', 'unit', 'fixtures', 'valid');
const article = readFileSync(path.join(FIXTURE, 'article.txt'), 'utf8');
const annotation = readFileSync(path.join(FIXTURE, 'graph.yaml'), 'utf8');
const TITLE = 'Eastvale rejects Westmark’s fishing truce';
const LOAD_DOCUMENT = operation('load-document');

/** What the page exposes to scripts: its cytoscape instance, and the marker a reload would wipe. */
type PageGlobals = { __cy: Core; __liveMarker?: string; __STANCEGRAPH_NOTICE_MS__?: number };

let browser: LaunchedBrowser | undefined;
const services: TestService[] = [];

beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1680, height: 1050 } });
});
afterAll(async () => {
  await browser?.close();
  for (const svc of services.splice(0)) {
    svc.service.server.closeAllConnections();
    await svc.close();
  }
});

async function start(env: Record<string, string> = {}): Promise<TestService> {
  const svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE, ...env });
  services.push(svc);
  return svc;
}

async function stop(svc: TestService): Promise<void> {
  services.splice(services.indexOf(svc), 1);
  svc.service.server.closeAllConnections();
  await svc.close();
}

async function load(svc: TestService, annotationText = annotation): Promise<string> {
  const answer = await postJson(
    `${svc.url}/graphql`,
    { query: LOAD_DOCUMENT, variables: { article, annotation: annotationText } },
    { authorization: `Bearer ${WRITE}` },
  );
  const status = (answer.body.data as { loadDocument?: { status: string } } | undefined)?.loadDocument
    ?.status;
  if (!status) throw new Error(`loadDocument failed: ${answer.text}`);
  return status;
}

/**
 * A page of its own, recording its console errors, every request and every WebSocket it opens. Notices
 * stay until dismissed (noticeMs Infinity), so that no check races their fading, unless told otherwise.
 */
async function openPage(svc: TestService, noticeMs = Infinity) {
  const page = await browser!.context.newPage();
  await page.addInitScript((ms) => {
    (globalThis as unknown as PageGlobals).__STANCEGRAPH_NOTICE_MS__ = ms ?? Infinity;
  }, noticeMs);
  const errors: string[] = [];
  const requests: string[] = [];
  const sockets: string[] = [];
  let navigations = 0;
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  const response = await page.goto(`${svc.url}/dashboard`);
  expect(response?.status()).toBe(200);
  // The live feed's socket is allowed by name, beside 'self' (which covers it in CSP 3 browsers).
  const host = new URL(svc.url).host;
  expect(response?.headers()['content-security-policy']).toContain(
    `connect-src 'self' ws://${host} wss://${host};`,
  );
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 }).catch(async (err: Error) => {
    // Say what the page shows (an API error, a script error) rather than only "timeout".
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    await screenshot(page, 'dashboard-live-not-ready').catch(() => undefined);
    throw new Error(`${err.message}\npage errors: ${errors.join('\n')}\npage text: ${shown.slice(0, 1500)}`);
  });
  return { page, errors, requests, sockets, navigations: () => navigations };
}

const liveState = (page: Page) => page.locator('[data-role="live"]').getAttribute('data-state');

/** Until the indicator says `state`; jest's timeout bounds the wait. */
async function indicator(page: Page, state: string): Promise<void> {
  await page.waitForSelector(`[data-role="live"][data-state="${state}"]`, { timeout: 120_000 });
}

const running = (svc: TestService, n = 1) =>
  until(() => (svc.service.subscriptions?.stats().subscriptions ?? 0) >= n, 20);

const drawn = (page: Page, id: string) =>
  page.waitForFunction(
    (nodeId) => {
      const node = (globalThis as unknown as PageGlobals).__cy.getElementById(nodeId);
      return node.nonempty() && node.visible();
    },
    id,
    { timeout: 60_000 },
  );

it('draws a document loaded through the API in place: new entities, the notice, no reload, filters and selection kept', async () => {
  const svc = await start();
  const { page, errors, requests, sockets, navigations } = await openPage(svc);
  await indicator(page, 'live');
  await running(svc);
  expect(await page.locator('.live').innerText()).toBe('live');

  // The reader's state: facts hidden, Putin selected, and a marker that a reload would lose.
  await page.locator('input[data-filter="facts"]').uncheck();
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__cy.edges('[kind = "FACT"]:visible').length === 0,
  );
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.__cy.getElementById('putin').emit('tap');
    g.__liveMarker = 'still here';
  });
  expect(
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__cy.getElementById('putin').selected()),
  ).toBe(true);
  const before = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cy.nodes().length);

  expect(await load(svc)).toBe('CREATED');
  for (const id of ['ida-lund', 'eastvale', 'fishing-truce']) await drawn(page, id);
  await page.waitForSelector('body[data-redraws]');

  const after = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const cy = g.__cy;
    return {
      nodes: cy.nodes().length,
      fresh: cy
        .nodes('.fresh')
        .map((n) => n.id())
        .sort(),
      stance: cy
        .edges('[kind = "STANCE"]')
        .filter((e) => e.source().id() === 'eastvale' && e.target().id() === 'fishing-truce')
        .map((e) => e.data('type') as string),
      factsShown: cy.edges('[kind = "FACT"]:visible').length,
      factsThere: cy.edges('[kind = "FACT"]').length,
      putinSelected: cy.getElementById('putin').selected(),
      marker: g.__liveMarker,
    };
  });
  expect(after.nodes).toBe(before + 6);
  expect(after.fresh).toEqual(
    ['eastvale', 'fishing-truce', 'ida-lund', 'trawler-seizure', 'westmark', 'westmark-navy'].sort(),
  );
  expect(after.stance).toEqual(['REJECTS']);
  // The facts filter still holds, over the new facts too; the selection and the page survived.
  expect(after.factsThere).toBeGreaterThan(0);
  expect(after.factsShown).toBe(0);
  expect(after.putinSelected).toBe(true);
  expect(after.marker).toBe('still here');
  expect(navigations()).toBe(1);
  expect(await page.locator('input[data-filter="facts"]').isChecked()).toBe(false);
  // The matrix was redrawn with the new pair.
  await page
    .locator('td.cell[data-actor="eastvale"][data-target="fishing-truce"]')
    .waitFor({ timeout: 30_000 });

  // The notice: what arrived, with its counts and what the redraw found.
  const notice = page.locator('.notice[data-document-id="valid"]');
  const text = await notice.innerText();
  // textContent: the heading is shown in capitals by CSS.
  expect(await notice.locator('.notice-status').textContent()).toBe('New document');
  expect(text).toContain(TITLE);
  expect(text).toContain('6 entities · 2 claims · 4 facts');
  expect(await notice.locator('.notice-detail').innerText()).toBe('6 new entities in the graph');
  await screenshot(page, 'dashboard-live');
  await notice.locator('.notice-close').click();
  expect(await notice.count()).toBe(0);

  // A replaced document: a second notice says so.
  expect(await load(svc, annotation.replace(`title: ${TITLE}`, 'title: Eastvale turns the truce down'))).toBe(
    'REPLACED',
  );
  const replaced = page.locator('.notice[data-status="REPLACED"]');
  await replaced.waitFor({ timeout: 60_000 });
  expect(await replaced.innerText()).toContain('Eastvale turns the truce down');

  // Same origin only: every request and the one WebSocket went to the service that served the page.
  const origin = new URL(svc.url).origin;
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(sockets).toEqual([`${origin.replace(/^http/, 'ws')}/graphql`]);
  expect(browser!.externalRequests).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

it('shows offline when the socket drops, reconnects by itself, and catches up on what it missed', async () => {
  const first = await start();
  const port = new URL(first.url).port;
  const { page, errors } = await openPage(first);
  await indicator(page, 'live');
  await running(first);

  await stop(first);
  await indicator(page, 'offline');
  // The same port again, a freshly loaded seed graph; the load happens before the page is back.
  const second = await start({ PORT: port });
  expect(await load(second)).toBe('CREATED');
  await indicator(page, 'live');
  // Missed while offline, drawn on reconnecting.
  await drawn(page, 'ida-lund');
  // And subscribed again: the next load is announced.
  await running(second);
  expect(await load(second, annotation.replace(`title: ${TITLE}`, 'title: Back online'))).toBe('REPLACED');
  await page.locator('.notice', { hasText: 'Back online' }).waitFor({ timeout: 60_000 });
  expect(await liveState(page)).toBe('live');
  // A dropped socket is logged by Chromium as a failed connection; nothing else may be.
  expect(errors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
  await page.close();
});

it('production: the subscription is on the allow-list (PERSISTED_QUERIES_ONLY), so the feed runs there too; notices fade', async () => {
  const svc = await start({ NODE_ENV: 'production' });
  // Notices that last 300 ms: this one is seen, then goes by itself.
  const { page, errors } = await openPage(svc, 300);
  await indicator(page, 'live');
  await running(svc);
  // Every notice ever added, recorded in the page: this one may come and go between two polls.
  await page.evaluate(() => {
    // Tests compile without the DOM lib: the little of it used here, spelled out.
    type Added = { dataset: { documentId?: string } };
    const g = globalThis as unknown as {
      document: { querySelector(selector: string): unknown };
      MutationObserver: new (
        callback: (records: { addedNodes: { forEach(each: (node: Added) => void): void } }[]) => void,
      ) => { observe(target: unknown, options: { childList: boolean }): void };
      __noticesSeen: string[];
    };
    const seen: string[] = (g.__noticesSeen = []);
    new g.MutationObserver((records) => {
      for (const r of records) r.addedNodes.forEach((n) => seen.push(n.dataset.documentId ?? '?'));
    }).observe(g.document.querySelector('[data-role="notices"]'), { childList: true });
  });
  expect(await load(svc)).toBe('CREATED');
  await drawn(page, 'ida-lund');
  await page.waitForFunction(() =>
    (globalThis as unknown as { __noticesSeen: string[] }).__noticesSeen.includes('valid'),
  );
  await page.locator('.notice').waitFor({ state: 'detached', timeout: 60_000 });
  expect(errors).toEqual([]);
  await page.close();
});

it('a service that needs a read token refuses the feed (4401): the indicator says so and the page does not retry', async () => {
  const svc = await start({ STANCEGRAPH_READ_TOKEN: 'live-read-token-0123456789abcdef' });
  const page = await browser!.context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  try {
    // The queries are refused too (401), so the page never becomes ready; the indicator is still there.
    await page.goto(`${svc.url}/dashboard`);
    await indicator(page, 'refused');
    expect(await page.locator('[data-role="live"]').getAttribute('title')).toMatch(/token/);
    expect(await page.locator('.live').innerText()).toBe('offline');
    // One socket: graphql-ws treats 4401 as final. Shown by the graph's error having arrived meanwhile.
    await page.locator('#cy .error').waitFor();
    expect(sockets).toHaveLength(1);
    expect(svc.service.subscriptions?.stats().connections).toBe(0);
  } finally {
    await page.close();
  }
});
