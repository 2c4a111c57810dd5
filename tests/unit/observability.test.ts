import { loadConfig } from '../../src/config';
import { clientId, trustProxySetting } from '../../src/api/observability/client';
import { Metrics } from '../../src/api/observability/metrics';
import { TokenBuckets } from '../../src/api/observability/rate-limit';
import { HTTP_STATUS } from '../../src/domain/errors';

const TOKEN = 'a-token-of-at-least-sixteen-characters';

describe('TokenBuckets', () => {
  it('lets a burst of the capacity through, then one request per window/capacity', () => {
    const buckets = new TokenBuckets(3, 60_000);
    const t0 = 1_000_000;
    expect([0, 1, 2].map(() => buckets.take('a', t0))).toEqual([0, 0, 0]);
    // Empty: a request's worth refills in 20 s.
    expect(buckets.take('a', t0)).toBe(20);
    expect(buckets.take('a', t0 + 15_000)).toBe(5);
    expect(buckets.take('a', t0 + 20_000)).toBe(0);
    expect(buckets.take('a', t0 + 20_000)).toBeGreaterThan(0);
    // Other clients are untouched.
    expect(buckets.take('b', t0)).toBe(0);
  });

  it('never refills past its capacity', () => {
    const buckets = new TokenBuckets(2, 1_000);
    expect(buckets.take('a', 0)).toBe(0);
    const later = 1_000_000;
    expect([0, 1, 2].map(() => buckets.take('a', later))).toEqual([0, 0, 1]);
  });

  it('remembers at most maxClients: the refilled first, then the oldest', () => {
    const buckets = new TokenBuckets(1, 1_000, 3);
    for (const c of ['a', 'b', 'c']) buckets.take(c, 0);
    buckets.take('d', 10);
    expect(buckets.clients).toBeLessThanOrEqual(3);
    // Long after, all have refilled: adding one forgets them.
    buckets.take('e', 1_000_000);
    expect(buckets.clients).toBe(1);
  });
});

describe('clientId', () => {
  it('is a digest of a known token, never the token; else the address', () => {
    const id = clientId(`Bearer ${TOKEN}`, 'read', '10.0.0.1');
    expect(id).toMatch(/^token:[0-9a-f]{16}$/);
    expect(id).not.toContain(TOKEN.slice(0, 8));
    expect(clientId(`Bearer ${TOKEN}`, 'write', '10.0.0.2')).toBe(id);
    // An unknown token buys no budget of its own.
    expect(clientId(`Bearer ${TOKEN}`, 'anonymous', '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(clientId(undefined, 'anonymous', undefined)).toBe('ip:unknown');
  });

  it('TRUST_PROXY reads as Express takes it', () => {
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});

describe('METRICS configuration', () => {
  it('on outside production; in production token-protected with METRICS_TOKEN, else off', () => {
    expect(loadConfig({}).metrics).toBe('on');
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toBe('off');
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN }).metrics).toBe('token');
    expect(loadConfig({ NODE_ENV: 'production', METRICS: 'on' }).metrics).toBe('on');
    expect(loadConfig({ METRICS: 'off' }).metrics).toBe('off');
  });

  it('METRICS=token without METRICS_TOKEN, or a METRICS_TOKEN that is a data token, is refused', () => {
    expect(() => loadConfig({ METRICS: 'token' })).toThrow(/METRICS=token needs METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: TOKEN, STANCEGRAPH_READ_TOKEN: TOKEN })).toThrow(
      /METRICS_TOKEN must differ/,
    );
    expect(() => loadConfig({ RATE_LIMIT_READS: '-1' })).toThrow(/RATE_LIMIT_READS/);
  });
});

describe('Metrics labels', () => {
  const metrics = new Metrics({
    knownOperations: new Set(['DashboardSearch']),
    knownCodes: HTTP_STATUS,
    processMetrics: false,
  });

  it('keep operation names of the allow-list; others are one label, unnamed another', () => {
    expect(metrics.operationLabel('DashboardSearch')).toBe('DashboardSearch');
    expect(metrics.operationLabel('x'.repeat(90))).toBe('(other)');
    expect(metrics.operationLabel(undefined)).toBe('(anonymous)');
  });

  it('keep the service’s codes and ok; anything else is OTHER', () => {
    expect(metrics.outcomeLabel('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(metrics.outcomeLabel('GRAPHQL_PARSE_FAILED')).toBe('GRAPHQL_PARSE_FAILED');
    expect(metrics.outcomeLabel('ok')).toBe('ok');
    expect(metrics.outcomeLabel('SOMETHING_ELSE')).toBe('OTHER');
  });
});
