import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/config';
import { reviewRouter } from '../../src/web/review/review.router';
import { LaunchedBrowser, launchBrowser, screenshot, waitForRegionText } from '../support/browser';
import { TestService, startTestService } from '../support/service';

// The review page as an analyst uses it (issue 15): the seed article pasted, drafted by the real service
// (draftDocument, CoreNLP started on demand), one claim rejected, one claim's target changed, loaded with the
// write token; then the public API, asked over plain HTTP, shows the change. The first draft starts the NLP
// server (about 30 s, more on a busy machine).
jest.setTimeout(600_000);

const WRITE_TOKEN = 'review-test-write-token-0123456789';
const DOC_ID = 'seed-review-test';
const SEED_ID = 'trump-putin-call-energy-ceasefire';
const ARTICLE = fs.readFileSync(path.join(REPO_ROOT, 'corpus', SEED_ID, 'article.txt'), 'utf8');
const DRAFT_WITHIN_MS = 420_000;

let svc: TestService;
let browser: LaunchedBrowser | undefined;
/** Console errors and uncaught exceptions: a CSP violation lands here too. */
const pageErrors: string[] = [];

beforeAll(async () => {
  svc = await startTestService({ STANCEGRAPH_WRITE_TOKEN: WRITE_TOKEN });
  browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
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

async function openReview(page: Page): Promise<void> {
  const response = await page.goto(`${svc.url}/review`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** What the page shows for an item's attributes, read in the page (tests compile without the DOM lib). */
type Attributes = { getAttribute(name: string): string | null; value: string };

interface Option {
  value: string;
  source: string | null;
  graphId: string | null;
  disallowed: boolean;
}

async function optionsOf(select: Locator): Promise<Option[]> {
  return select.locator('option').evaluateAll((options) =>
    options.map((o) => {
      const el = o as unknown as Attributes;
      return {
        value: el.value,
        source: el.getAttribute('data-source'),
        graphId: el.getAttribute('data-graph-id'),
        disallowed: el.getAttribute('data-disallowed') !== null,
      };
    }),
  );
}

async function fillArticle(page: Page): Promise<void> {
  await page.getByLabel('Article text').fill(ARTICLE);
  await page.getByLabel('Publication date').fill('2025-03-18');
  await page.getByLabel('Document id (optional)').fill(DOC_ID);
}

it('serves the page offline: its assets, a strict CSP, labelled controls, today as the default date', async () => {
  const { page } = browser!;
  await openReview(page);
  const html = await (await fetch(`${svc.url}/review`)).text();
  for (const [, ref] of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)) {
    const res = await fetch(new URL(ref, `${svc.url}/review`));
    expect({ ref, status: res.status }).toEqual({ ref, status: 200 });
  }
  for (const label of ['Article text', 'Or upload a .txt file', 'Publication date', 'Write token'])
    await expect(page.getByLabel(label).count()).resolves.toBe(1);
  expect(await page.getByLabel('Write token').getAttribute('type')).toBe('password');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  expect(await page.getByLabel('Publication date').inputValue()).toBe(today);
  await expect(page.getByRole('button', { name: 'Draft', exact: true }).isVisible()).resolves.toBe(true);
});

it('keeps the write token in this tab only: sessionStorage, never the URL or localStorage', async () => {
  const { page } = browser!;
  await page.getByLabel('Write token').fill(WRITE_TOKEN);
  await openReview(page);
  expect(await page.getByLabel('Write token').inputValue()).toBe(WRITE_TOKEN);
  expect(page.url()).not.toContain(WRITE_TOKEN);
  const storage = await page.evaluate(() => {
    const g = globalThis as unknown as { localStorage: { length: number } };
    return g.localStorage.length;
  });
  expect(storage).toBe(0);
});

it('shows progress while drafting, then the error code and message when the token is wrong', async () => {
  const { page } = browser!;
  await page.getByLabel('Write token').fill('not-the-write-token-0000');
  await fillArticle(page);
  const before = pageErrors.length;
  // Held back a moment on its way, so that the progress can be seen whatever the service's speed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/graphql', async (route) => {
    await held;
    await route.fallback();
  });
  try {
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    await page.locator('.article-form .progress').waitFor({ state: 'visible' });
    expect(await page.locator('.article-form [role="status"]').innerText()).toMatch(/^Drafting…/);
    release();
    const alert = page.locator('.article-form [role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await alert.innerText()).toContain('UNAUTHENTICATED');
    expect(await page.locator('.article-form .progress').isHidden()).toBe(true);
  } finally {
    release();
    await page.unroute('**/graphql');
  }
  // Chromium logs the refused request (401) as a console error; that one is the point of this test.
  pageErrors.splice(before).forEach((e) => expect(e).toMatch(/Failed to load resource.*40[13]/));
});

let rejectedId = '';
let editedId = '';
let untouchedId = '';
let newTarget = '';

it('drafts the seed article, rejects one claim, edits another claim’s target and loads it', async () => {
  const { page } = browser!;
  await openReview(page);
  await page.getByLabel('Write token').fill(WRITE_TOKEN);
  await fillArticle(page);
  await page.getByRole('button', { name: 'Draft', exact: true }).click();
  // Done, or refused (the page shows the error's code and message): whichever comes first.
  const alert = page.locator('.article-form [role="alert"]');
  await page
    .waitForSelector(`body[data-draft="${DOC_ID}"], .article-form [role="alert"]:not([hidden])`, {
      timeout: DRAFT_WITHIN_MS,
    })
    .catch((err: Error) => {
      throw new Error(`${err.message}\npage errors: ${pageErrors.join('\n')}`);
    });
  if (await alert.isVisible()) throw new Error(`the draft was refused: ${await alert.innerText()}`);

  // The claims as the draft has them, in text order: the first is rejected, the second gets a new target.
  const claims = page.locator('.item[data-type="CLAIM"]');
  expect(await claims.count()).toBeGreaterThanOrEqual(3);
  const [rejected, edited, untouched] = [claims.nth(0), claims.nth(1), claims.nth(2)];
  rejectedId = (await rejected.getAttribute('data-id'))!;
  editedId = (await edited.getAttribute('data-id'))!;
  untouchedId = (await untouched.getAttribute('data-id'))!;
  const onText = (id: string) => page.locator(`mark[data-keys~="CLAIM:${id}"]`);
  expect(await onText(rejectedId).count()).toBeGreaterThan(0);

  await rejected.locator('.item-head').click();
  await rejected.getByRole('button', { name: 'Reject', exact: true }).click();
  expect(await rejected.getAttribute('data-status')).toBe('rejected');
  expect(await onText(rejectedId).count()).toBe(0);

  await edited.locator('.item-head').click();
  const target = edited.getByLabel('Target (on)');
  const current = await target.inputValue();
  // Another entity the graph knows (its id is stable through the load), of a kind the claim allows: one
  // of the draft's own entities linked to the graph if there is one, else one of the graph's.
  const options = (await optionsOf(target)).filter((o) => o.value !== current && !o.disallowed && o.graphId);
  const pick = options.find((o) => o.source === 'draft') ?? options[0];
  expect(pick).toBeDefined();
  newTarget = pick!.graphId!;
  await target.selectOption(pick!.value);
  expect(await edited.getAttribute('data-status')).toBe('edited');
  expect(await page.locator('[data-count="rejected"]').innerText()).toMatch(/Rejected 1\b/);
  expect(await page.locator('[data-count="edited"]').innerText()).toMatch(/Edited 1\b/);

  // The YAML the page will load: the decisions written in.
  const yaml = parse((await page.locator('code.yaml').textContent())!) as {
    claims: { id: string; on: string; method?: string }[];
  };
  const claim = (id: string) => yaml.claims.find((c) => c.id === id);
  expect(claim(rejectedId)).toBeUndefined();
  expect(claim(editedId)).toEqual(expect.objectContaining({ on: pick!.value, method: 'reviewed' }));
  expect(claim(untouchedId)?.method).toBe('draft');

  await page.getByRole('button', { name: 'Load into the graph' }).click();
  const result = page.locator('.result[data-state]');
  await result.waitFor({ timeout: 120_000 });
  const state = await result.getAttribute('data-state');
  if (state !== 'loaded')
    throw new Error(`not loaded (${state}): ${await page.locator('.workspace').innerText()}`);
  expect(await result.innerText()).toContain(DOC_ID);
  await screenshot(page, 'review');
});

it('the public API shows the change: the rejected stance absent, the edited one REVIEWED on its new target', async () => {
  expect(rejectedId && editedId && untouchedId && newTarget).toBeTruthy();
  const { status, body } = await svc.gql<{
    stances: { edges: { node: { id: string; method: string; target: { id: string } } }[] };
    seed: { id: string } | null;
  }>(
    `query ($docs: [ID!]) {
      stances(documents: $docs, first: 200) { edges { node { id method target { id } } } }
      seed: document(id: "${SEED_ID}") { id }
    }`,
    { docs: [DOC_ID] },
  );
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  const stance = (claimId: string) =>
    body.data!.stances.edges.map((e) => e.node).find((s) => s.id === `${DOC_ID}:${claimId}`);
  expect(stance(rejectedId)).toBeUndefined();
  expect(stance(editedId)).toEqual({
    id: `${DOC_ID}:${editedId}`,
    method: 'REVIEWED',
    target: { id: newTarget },
  });
  expect(stance(untouchedId)?.method).toBe('DRAFT');
  // Its own id: the seed document is still there, not replaced.
  expect(body.data!.seed).toEqual({ id: SEED_ID });
});

it('links the loaded document to the playground, which opens with a query for it', async () => {
  const { page, context } = browser!;
  const href = await page.locator('.result a[data-link="playground"]').getAttribute('href');
  expect(href).toMatch(/^\/graphql\?query=/);
  const tab = await context.newPage();
  try {
    await tab.goto(new URL(href!, svc.url).href);
    await waitForRegionText(tab, 'Operation Editor', `stances(documents: ["${DOC_ID}"], first: 200)`, 60_000);
  } finally {
    await tab.close();
  }
});

it('is usable from the keyboard: arrow keys walk the items, Enter opens one', async () => {
  const { page } = browser!;
  const heads = page.locator('.item-head');
  await heads.nth(3).focus();
  await page.keyboard.press('ArrowDown');
  expect(
    await heads
      .nth(4)
      .evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
  ).toBe(true);
  await page.keyboard.press('Enter');
  expect(await heads.nth(4).getAttribute('aria-expanded')).toBe('true');
});

it('fits a narrow window: one column, the text above the items, nothing wider than the window', async () => {
  const { page } = browser!;
  await page.setViewportSize({ width: 420, height: 800 });
  try {
    const text = await page.locator('.text-panel').boundingBox();
    const items = await page.locator('.items-panel').boundingBox();
    expect(text && items).toBeTruthy();
    expect(items!.y).toBeGreaterThanOrEqual(text!.y + text!.height);
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(420);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

it('answers 503 with the fix when the assets are not built', async () => {
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-no-review-'));
  const bare = http.createServer(express().use(reviewRouter({ endpoint: '/graphql', assetsDir: emptyDir })));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
  try {
    const { port } = bare.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/review`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('review assets are missing: run `npm run build`');
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
});

it('sent no request off the host and logged no error (CSP included)', () => {
  expect(browser!.externalRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});
