import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's `chromium` package; playwright's own browser download cannot work in this environment. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts');

// Each flag removes a source of traffic or flakiness that has nothing to do with the page under test:
// QUIC probes, component/variations updates, sync, first-run UI; no-sandbox because tests run as root.
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request to a non-loopback host, in order; each was aborted before it left the machine. */
  externalRequests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
}

function isLocal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // data:, blob: and about: never touch the network; anything else must target loopback.
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

/**
 * Starts headless Chromium with a throw-away profile. A fresh profile matters beyond isolation: GraphiQL
 * only applies `defaultQuery` while its localStorage is empty.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\``);
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      // playwright then adds `--headless` plus its headless-only switches; our later `--headless=new` wins.
      headless: true,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      serviceWorkers: 'block',
    });
  } catch (err) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }

  const externalRequests: string[] = [];
  // Routing at the context level also covers popups and is set before the first navigation.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    externalRequests.push(url);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    externalRequests,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        fs.rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}

/** Full-page PNG under `<repo>/test-artifacts/`; returns the file path for logging. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safe = name.replace(/[^a-zA-Z0-9._-]+/g, '-');
  const file = path.join(ARTIFACTS_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Polls the visible text of an ARIA region (e.g. GraphiQL's "Operation Editor" / "Result Window") until it
 * matches. Monaco renders spaces as U+00A0, so the text is normalised before matching and returned.
 */
export async function waitForRegionText(
  page: Page,
  regionName: string,
  expected: string | RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  const region = page.getByRole('region', { name: regionName });
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    const raw = await region.innerText({ timeout: Math.max(deadline - Date.now(), 1) }).catch(() => '');
    text = raw.replace(/\u00a0/g, ' ');
    const matched = typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    if (matched) return text;
    if (Date.now() >= deadline) {
      throw new Error(`region "${regionName}" never showed ${String(expected)}; last text:\n${text}`);
    }
    await page.waitForTimeout(250);
  }
}
