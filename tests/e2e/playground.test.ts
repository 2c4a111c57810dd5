import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { playgroundAssetsBuilt, playgroundRouter } from '../../src/web/playground/playground.router';
import { launchBrowser, screenshot, waitForRegionText, type LaunchedBrowser } from '../support/browser';

jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(__dirname, '../..');

// `</script>` checks the inline-config escaping end to end: unescaped, it would cut the page's script short.
const DEFAULT_QUERY = `# stancegraph playground smoke test </script>
query Hello {
  hello(name: "playground")
}
`;

interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello(name: String!): String! }',
    resolvers: { Query: { hello: (_: unknown, args: { name: string }) => `Hello, ${args.name}!` } },
    // Proves the page comes from playgroundRouter, not from Apollo's (CDN-backed) landing page.
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.use(playgroundRouter({ endpoint: '/graphql', defaultQuery: DEFAULT_QUERY }));
  app.use('/graphql', express.json(), expressMiddleware(apollo));

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      // Chromium may still hold keep-alive sockets; without this, close() waits for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

describe('GraphiQL playground', () => {
  let server: TestServer;

  beforeAll(async () => {
    if (!playgroundAssetsBuilt()) {
      execFileSync(process.execPath, ['tools/build-playground.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
    server = await startServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('leaves non-HTML GET requests to Apollo', async () => {
    const query = encodeURIComponent('{hello(name:"x")}');
    const res = await fetch(`${server.baseUrl}/graphql?query=${query}`, {
      // Apollo's CSRF prevention rejects "simple" GETs; a custom header makes this a non-simple request.
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ data: { hello: 'Hello, x!' } });
  });

  it('serves a self-contained HTML page to browsers', async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<title>stancegraph playground</title>');
    expect(html).toContain('\\u003c/script>');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('answers 503 with the fix when the assets are not built', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-no-assets-'));
    const app = express().use(
      playgroundRouter({ endpoint: '/graphql', defaultQuery: '', assetsDir: emptyDir }),
    );
    const bare = http.createServer(app);
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = bare.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('playground assets are missing: run `npm run build`');
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  describe('in Chromium', () => {
    let browser: LaunchedBrowser;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      browser.page.on('pageerror', (err) => pageErrors.push(err.message));
      browser.page.on('console', (msg) => {
        // CSP violations only surface as console errors; a blocked worker or font would otherwise go unseen.
        if (msg.type() === 'error') pageErrors.push(msg.text());
      });
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('runs the default query offline', async () => {
      const { page } = browser;
      const response = await page.goto(`${server.baseUrl}/graphql`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('stancegraph playground');

      await waitForRegionText(page, 'Operation Editor', 'hello(name: "playground")');
      await page.getByRole('button', { name: /^Execute query/ }).click();
      const result = await waitForRegionText(page, 'Result Window', 'Hello, playground!');
      expect(result).toContain('"hello"');

      await screenshot(page, 'playground');
      expect(browser.externalRequests).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    // Guards the guard: an empty externalRequests above means nothing only if outside traffic is caught.
    it('records and aborts requests that would leave the host', async () => {
      const page = await browser.context.newPage();
      const outcome = await page.evaluate(() =>
        fetch('http://example.invalid/probe').then(
          () => 'reached',
          () => 'blocked',
        ),
      );
      await page.close();
      expect(outcome).toBe('blocked');
      expect(browser.externalRequests).toEqual(['http://example.invalid/probe']);
    });
  });
});
