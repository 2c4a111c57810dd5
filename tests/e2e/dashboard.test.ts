import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from 'cytoscape';
import express from 'express';
import type { Locator, Page } from 'playwright-core';
import { dashboardRouter } from '../../src/web/dashboard/dashboard.router';
import { LaunchedBrowser, launchBrowser, screenshot } from '../support/browser';
import { TestService, startTestService } from '../support/service';

// The machine is shared with other test runs; Chromium start-up and the cose layout can be slow there.
jest.setTimeout(180_000);

const PUTIN_QUOTE = 'Putin rejected the idea of a full, immediate ceasefire';

/**
 * The page exposes its cytoscape instance as `window.__cy`. Tests compile without the DOM lib, so the
 * callbacks passed to page.evaluate (serialised and run in the page) reach it through this cast.
 */
type PageGlobals = { __cy: Core };

let svc: TestService;
let browser: LaunchedBrowser | undefined;
/** Console errors and uncaught exceptions: a CSP violation (e.g. a blocked inline style) lands here. */
const pageErrors: string[] = [];

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser({ viewport: { width: 1680, height: 1050 } });
  browser.page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  browser.page.on('pageerror', (err) => pageErrors.push(err.message));
});
afterAll(async () => {
  await browser?.close();
  // Chromium may hold keep-alive sockets; without this, closing the server waits for them to time out.
  svc?.service.server.closeAllConnections();
  await svc?.close();
});

async function openDashboard(page: Page): Promise<void> {
  const response = await page.goto(`${svc.url}/dashboard`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  // index.ts sets it once the graph is drawn and the matrix rendered.
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 }).catch(async (err: Error) => {
    // Say what the page shows (an API error, a script error) rather than only "timeout".
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(
      `${err.message}\npage errors: ${pageErrors.join('\n')}\npage text: ${shown.slice(0, 1500)}`,
    );
  });
}

/** The nodes cytoscape currently draws. */
function visibleNodes(page: Page): Promise<{ id: string; kind: string }[]> {
  return page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__cy
      .nodes(':visible')
      .map((n) => ({ id: n.id(), kind: n.data('kind') as string })),
  );
}

async function text(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
  return (await locator.textContent()) ?? '';
}

it('draws the seed graph from the public API, offline', async () => {
  const { page } = browser!;
  await openDashboard(page);
  await page.locator('#cy canvas').first().waitFor({ state: 'attached' });
  const counts = await page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__cy;
    return { nodes: cy.nodes().length, edges: cy.edges().length };
  });
  expect(counts.nodes).toBeGreaterThan(20);
  expect(counts.edges).toBeGreaterThan(20);
  expect(await text(page.locator('.legend'))).toContain('Oppose stance');
});

it('filters the graph to one entity kind, and resets', async () => {
  const { page } = browser!;
  await page.locator('[data-action="kind-none"]').click();
  await page.locator('input[data-filter="kind"][value="ATTACK"]').check();
  // The page applies filters on its next frame; wait for the drawing, not for a fixed time.
  await page.waitForFunction(
    () => {
      const shownNow = (globalThis as unknown as PageGlobals).__cy.nodes(':visible');
      return shownNow.length > 0 && shownNow.every((n) => n.data('kind') === 'ATTACK');
    },
    null,
    { timeout: 15_000 },
  );
  const shown = await visibleNodes(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown.map((n) => n.kind))).toEqual(new Set(['ATTACK']));
  expect(shown.map((n) => n.id)).toContain('russian-drone-attacks');

  await page.locator('[data-action="reset-filters"]').click();
  const all = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cy.nodes().length);
  await page
    .waitForFunction(
      () => {
        const cy = (globalThis as unknown as PageGlobals).__cy;
        return cy.nodes(':visible').length === cy.nodes().length;
      },
      null,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  expect(await visibleNodes(page)).toHaveLength(all);
});

it('a real click on Putin shows the evidence with the sentence highlighted and the quote marked', async () => {
  const { page } = browser!;
  // A fresh load: nothing selected, default filters, the layout as a first-time visitor sees it.
  await openDashboard(page);
  const at = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__cy.getElementById('putin').renderedPosition(),
  );
  const box = await page.locator('#cy').boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + at.x, box!.y + at.y);
  const selected = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__cy.getElementById('putin').selected(),
  );
  expect(selected).toBe(true);

  const panel = page.getByRole('region', { name: 'Evidence' });
  expect(await text(panel.locator('.selection h3'))).toBe('Vladimir Putin');
  const sentence = panel.locator('.ev-sentence', { hasText: PUTIN_QUOTE });
  expect(await text(sentence)).toBe('However, Putin rejected the idea of a full, immediate ceasefire.');
  expect(await sentence.locator('mark.ev-quote').allTextContents()).toEqual([PUTIN_QUOTE]);
  // The node's mentions are underlined too: "Putin" opens that very quote.
  expect(await sentence.locator('mark.ev-quote .ev-mention').allTextContents()).toEqual(['Putin']);
  // Every edge touching the node is listed, with its type, so the evidence can be narrowed to one.
  expect(await text(panel.locator('.edge-row', { hasText: 'Full ceasefire' }))).toContain('rejects');
});

it('shows the stance matrix, Putin × Energy infrastructure ceasefire as SUPPORT', async () => {
  const { page } = browser!;
  // Found through the headers a reader sees rather than the data attributes.
  const headers = await page
    .locator('table.matrix thead th')
    .evaluateAll((ths) =>
      ths.map((th) => (th as { getAttribute(name: string): string | null }).getAttribute('title') ?? ''),
    );
  const col = headers.indexOf('Energy infrastructure ceasefire');
  expect(col).toBeGreaterThan(0);
  const row = page
    .locator('table.matrix tbody tr')
    .filter({ has: page.locator('th', { hasText: /^Vladimir Putin$/ }) });
  const cell = await text(row.locator('th, td').nth(col));
  expect(cell).toContain('SUPPORT');
  expect(cell).toContain('agrees to');

  // The state a reader sees after clicking Putin: graph, evidence and matrix all filled in.
  const file = await screenshot(page, 'dashboard');
  expect(file).toMatch(/dashboard\.png$/);
});

it('search highlights the matching entities and lists the sentences', async () => {
  const { page } = browser!;
  await page.getByRole('searchbox', { name: 'Search entities and sentences' }).fill('drone attacks');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('[data-hits="entities"] [data-entity-id="russian-drone-attacks"]').waitFor();
  const firstSentence = page.locator('[data-hits="sentences"] .hit').first();
  await firstSentence.waitFor();
  const matched = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__cy.nodes('.match').map((n) => n.id()),
  );
  expect(matched).toContain('russian-drone-attacks');

  await firstSentence.click();
  const panel = page.getByRole('region', { name: 'Evidence' });
  expect(await text(panel.locator('.ev-sentence').first())).toMatch(/drone attacks/i);
});

it('marks a CONFLICTING cell as such', async () => {
  const { page } = browser!;
  // The seed corpus has no conflicting pair, so the matrix answer is doctored on its way to the page.
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== 'DashboardStanceMatrix') return route.fallback();
    const response = await route.fetch();
    const json = (await response.json()) as {
      data: { stanceMatrix: { cells: { polarity: string; polarities: string[]; kinds: string[] }[] } };
    };
    Object.assign(json.data.stanceMatrix.cells[0]!, {
      polarity: 'CONFLICTING',
      polarities: ['SUPPORT', 'OPPOSE'],
      kinds: ['AGREES_TO', 'REJECTS'],
    });
    return route.fulfill({ response, json });
  });
  try {
    await openDashboard(page);
    const cell = page.locator('td.cell.conflicting');
    expect(await cell.count()).toBe(1);
    expect(await text(cell)).toContain('CONFLICTING');
    expect(await cell.getAttribute('title')).toContain('SUPPORT vs OPPOSE');
  } finally {
    await page.unroute('**/graphql');
  }
});

it('says how many quotes an edge has when the API sent only the first few', async () => {
  const { page } = browser!;
  // The seed's edges have one or two quotes, under the API's default of five per edge: the graph answer
  // is doctored on its way to the page so that Putin's rejection of a full ceasefire counts 7 more.
  let shown = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== 'DashboardGraph') return route.fallback();
    const response = await route.fetch();
    const json = (await response.json()) as {
      data: {
        graph: {
          edges: { from: { id: string }; to: { id: string }; evidenceCount: number; evidence: unknown[] }[];
        };
      };
    };
    const edge = json.data.graph.edges.find((e) => e.from.id === 'putin' && e.to.id === 'full-ceasefire');
    expect(edge).toBeDefined();
    expect(edge!.evidenceCount).toBe(edge!.evidence.length);
    shown = edge!.evidence.length;
    edge!.evidenceCount = shown + 7;
    return route.fulfill({ response, json });
  });
  try {
    await openDashboard(page);
    const at = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).__cy.getElementById('putin').renderedPosition(),
    );
    const box = await page.locator('#cy').boundingBox();
    await page.mouse.click(box!.x + at.x, box!.y + at.y);
    const panel = page.getByRole('region', { name: 'Evidence' });
    const row = panel.locator('.edge-row', { hasText: 'Full ceasefire' });
    expect(await text(row.locator('.count'))).toBe(`${shown + 7} q`);
    expect(await row.getAttribute('title')).toBe(
      `${shown} of ${shown + 7} quotes — click to show only this edge`,
    );
    await row.click();
    expect(await text(panel.locator('.selection > p.small'))).toContain(`${shown} of ${shown + 7} quotes`);
  } finally {
    await page.unroute('**/graphql');
  }
});

it('works in production too: persisted queries only, no introspection', async () => {
  // Its operations come from operations/dashboard/, which the allow-list is generated from.
  const prod = await startTestService({ NODE_ENV: 'production' });
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto(`${prod.url}/dashboard`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const nodes = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cy.nodes().length);
    expect(nodes).toBeGreaterThan(20);
    expect(await text(page.locator('td.cell[data-actor="putin"][data-target="energy-ceasefire"]'))).toContain(
      'SUPPORT',
    );
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    prod.service.server.closeAllConnections();
    await prod.close();
  }
});

it('answers 503 with the fix when the assets are not built', async () => {
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-no-dashboard-'));
  const bare = http.createServer(
    express().use(dashboardRouter({ endpoint: '/graphql', assetsDir: emptyDir })),
  );
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
  try {
    const { port } = bare.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('dashboard assets are missing: run `npm run build`');
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
});

it('sent no request off the host and logged no error (CSP included)', () => {
  expect(browser!.externalRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});
