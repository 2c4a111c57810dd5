import type express from 'express';
import { bundledPagePolicy, sameOriginSockets } from '../../src/web/bundled-page';

const request = (host?: string) => ({ headers: host === undefined ? {} : { host } }) as express.Request;

describe("the pages' connect-src: their own WebSocket origin, and nothing a Host header could smuggle in", () => {
  it.each([
    ['127.0.0.1:4000', ['ws://127.0.0.1:4000', 'wss://127.0.0.1:4000']],
    ['stancegraph.example.org', ['ws://stancegraph.example.org', 'wss://stancegraph.example.org']],
    ['[::1]:4000', ['ws://[::1]:4000', 'wss://[::1]:4000']],
  ])('Host %s', (host, sockets) => {
    expect(sameOriginSockets(request(host))).toEqual(sockets);
    expect(bundledPagePolicy('n', [], sockets)).toContain(`connect-src 'self' ${sockets.join(' ')};`);
  });

  it.each([
    undefined,
    '',
    "evil.example; script-src 'unsafe-inline'",
    'a.example https://b.example',
    'a.example:4000/path',
    'user@a.example',
  ])('Host %p adds nothing', (host) => {
    expect(sameOriginSockets(request(host))).toEqual([]);
    expect(bundledPagePolicy('n')).toContain("connect-src 'self';");
  });
});
