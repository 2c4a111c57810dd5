import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { RETRY_AFTER_SECONDS, ShutdownGate } from '../../src/api/unavailable';

/**
 * The shutdown gate alone (src/api/unavailable.ts): requests pass until close(), then each is refused with
 * 503 SERVICE_UNAVAILABLE, Retry-After and Connection: close, on a keep-alive connection opened before too.
 * tests/integration/faults-load.test.ts drives a whole service through SIGTERM under load.
 */
describe('ShutdownGate', () => {
  let server: http.Server;
  let url: string;
  const gate = new ShutdownGate();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    const app = express();
    app.use(gate.middleware);
    app.get('/ping', (_req, res) => void res.json({ ok: true }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
  });

  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = () =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; socket: unknown }>(
      (resolve, reject) => {
        const req = http.get(url, { agent }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body, socket: req.socket }),
          );
        });
        req.on('error', reject);
      },
    );

  it('lets requests through until closed, then refuses them on the same connection', async () => {
    const open = await get();
    expect({ status: open.status, body: JSON.parse(open.body) }).toEqual({ status: 200, body: { ok: true } });
    expect(open.headers.connection).toBe('keep-alive');
    gate.close();
    const refused = await get();
    // The keep-alive connection of the first request carried the refusal: it was open before the close.
    expect(refused.socket).toBe(open.socket);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toEqual({
      errors: [
        { message: expect.stringMatching(/shutting down/), extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ],
    });
  });
});
