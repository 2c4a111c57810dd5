import type express from 'express';
import { responseCacheLayer } from '../../src/api/cache/http';
import { ResponseCache } from '../../src/api/cache/response-cache';
import { canonicalJson } from '../../src/canonical-json';
import { EventsStatus, createEventBus } from '../../src/events/bus';
import { DOCUMENT_LOADED } from '../../src/events/events';
import { createLogger } from '../../src/logger';

/** The store and its wiring to loads and events; the HTTP behaviour is tests/e2e/response-cache*.test.ts. */

const body = (bytes: number) => 'x'.repeat(bytes);

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('ResponseCache', () => {
  it('keeps answers under the byte bound, evicting the least recently used', () => {
    const cache = new ResponseCache({ maxBytes: 3 * 1_300, ttlMs: 0 });
    for (const key of ['a', 'b', 'c']) cache.ticket(key).keep(body(1_000), 'application/json');
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.ticket('d').keep(body(1_000), 'application/json');
    expect(cache.stats()).toMatchObject({ entries: 3, evicted: 1 });
    expect(cache.stats().bytes).toBeLessThanOrEqual(3 * 1_300);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe(body(1_000));
  });

  it('does not keep an answer larger than the whole bound', () => {
    const cache = new ResponseCache({ maxBytes: 1_000, ttlMs: 0 });
    cache.ticket('big').keep(body(2_000), 'application/json');
    expect(cache.stats()).toMatchObject({ entries: 0, notStored: 1 });
  });

  it('a new version drops every answer, and one computed under the old version is not kept', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    cache.ticket('kept').keep('{"data":1}', 'application/json');
    const inFlight = cache.ticket('in-flight');
    cache.bump('load');
    expect(cache.get('kept')).toBeUndefined();
    inFlight.keep('{"data":"old"}', 'application/json');
    expect(cache.get('in-flight')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ version: 2, entries: 0, notStored: 1 });
  });

  it('ETags differ by key and by version, and are the same for the same key and version', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    const first = cache.ticket('k').etag();
    expect(cache.ticket('k').etag()).toBe(first);
    expect(cache.ticket('other').etag()).not.toBe(first);
    cache.bump('event');
    expect(cache.ticket('k').etag()).not.toBe(first);
    expect(first).toMatch(/^W\/"[\w-]+\.1\.[\w-]+"$/);
  });

  it('while not serving nothing is kept; serving again starts a new version', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    cache.ticket('a').keep('{}', 'application/json');
    cache.setServing(false);
    expect(cache.serving).toBe(false);
    expect(cache.stats().entries).toBe(0);
    cache.ticket('b').keep('{}', 'application/json');
    expect(cache.stats().entries).toBe(0);
    const before = cache.version;
    cache.setServing(true);
    expect(cache.version).toBe(before + 1);
  });

  it('an answer older than the TTL is a miss', () => {
    let now = 1_000;
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 500, now: () => now });
    cache.ticket('a').keep('{}', 'application/json');
    now += 499;
    expect(cache.get('a')).toBeDefined();
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });
});

describe('responseCacheLayer follows loads and events', () => {
  const log = createLogger('silent');
  const auth = (_req: express.Request) => ({ role: 'anonymous' as const, writesEnabled: false });

  function fakeWriter() {
    const listeners = new Set<() => void>();
    return {
      commit: () => listeners.forEach((l) => l()),
      onCommitted(listener: () => void) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    };
  }

  it('a load committed here moves the version at once, before any event is delivered', async () => {
    const bus = createEventBus({ log });
    const writer = fakeWriter();
    const layer = responseCacheLayer({ maxBytes: 1_000_000, ttlMs: 0, events: bus, writer, auth, log });
    try {
      const version = layer.cache.version;
      writer.commit();
      expect(layer.cache.version).toBe(version + 1);
    } finally {
      await layer.close();
      await bus.close();
    }
  });

  it("another instance's load (its DOCUMENT_LOADED event) moves the version", async () => {
    const bus = createEventBus({ log });
    const layer = responseCacheLayer({
      maxBytes: 1_000_000,
      ttlMs: 0,
      events: bus,
      writer: fakeWriter(),
      auth,
      log,
    });
    try {
      // The subscription is set up when the iterator is first read: let it start.
      await new Promise((resolve) => setImmediate(resolve));
      const events = layer.cache.stats().bumps.event;
      bus.publish(DOCUMENT_LOADED, {
        id: 'elsewhere',
        title: 't',
        status: 'CREATED',
        counts: { entities: 0, claims: 0, facts: 0, mentions: 0 },
        committedAt: new Date().toISOString(),
        eventId: 'e-1',
      });
      while (layer.cache.stats().bumps.event === events) await new Promise((r) => setImmediate(r));
      expect(layer.cache.stats().bumps.event).toBe(events + 1);
    } finally {
      await layer.close();
      await bus.close();
    }
  });

  it('stands aside while the events are degraded, and serves again once they are ok', async () => {
    const bus = createEventBus({ log });
    const listeners = new Set<(status: EventsStatus) => void>();
    let status: EventsStatus = { health: 'degraded', since: '' };
    const events = {
      pubSub: bus.pubSub,
      status: () => status,
      onStatusChange(listener: (s: EventsStatus) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const layer = responseCacheLayer({
      maxBytes: 1_000_000,
      ttlMs: 0,
      events,
      writer: fakeWriter(),
      auth,
      log,
    });
    try {
      expect(layer.cache.serving).toBe(false);
      status = { health: 'ok', since: '' };
      listeners.forEach((l) => l(status));
      expect(layer.cache.serving).toBe(true);
      layer.cache.ticket('a').keep('{}', 'application/json');
      status = { health: 'degraded', since: '' };
      listeners.forEach((l) => l(status));
      expect(layer.cache.serving).toBe(false);
      expect(layer.cache.stats().entries).toBe(0);
    } finally {
      await layer.close();
      await bus.close();
    }
  });
});
