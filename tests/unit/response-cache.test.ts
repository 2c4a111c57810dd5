import type express from 'express';
import { responseCacheLayer } from '../../src/api/cache/http';
import { ResponseCache, SEEN_CHARACTERS, SEEN_KEYS } from '../../src/api/cache/response-cache';
import { canonicalJson } from '../../src/canonical-json';
import { EventsStatus, createEventBus } from '../../src/events/bus';
import { DOCUMENT_LOADED } from '../../src/events/events';
import { createLogger } from '../../src/logger';

/** The store and its wiring to loads and events; the HTTP behaviour is tests/e2e/response-cache*.test.ts. */

const body = (bytes: number) => 'x'.repeat(bytes);
const JSON_TYPE = 'application/json';

/** An answer kept as the layer keeps one: its request seen once before, then answered and kept. */
function keep(cache: ResponseCache, key: string, text: string): void {
  cache.ticket(key);
  cache.ticket(key).keep(Buffer.from(text), JSON_TYPE);
}

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
    for (const key of ['a', 'b', 'c']) keep(cache, key, body(1_000));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    keep(cache, 'd', body(1_000));
    expect(cache.stats()).toMatchObject({ entries: 3, evicted: 1 });
    expect(cache.stats().bytes).toBeLessThanOrEqual(3 * 1_300);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe(body(1_000));
  });

  it('keeps an answer only the second time its request is seen', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    const first = cache.ticket('once');
    expect(first.admitted).toBe(false);
    first.keep(Buffer.from('{"data":1}'), JSON_TYPE);
    expect(cache.get('once')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, stored: 0, firstSight: 1 });

    const second = cache.ticket('once');
    expect(second.admitted).toBe(true);
    second.keep(Buffer.from('{"data":1}'), JSON_TYPE);
    expect(cache.get('once')?.body.toString()).toBe('{"data":1}');
    expect(cache.stats()).toMatchObject({ entries: 1, stored: 1, firstSight: 1 });
    // Both sightings carry the same ETag: a client revalidating the first answer gets a 304.
    expect(second.etag()).toBe(first.etag());
  });

  it('a sighting outlives a new version; admitAfter 1 keeps every answer at once', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    cache.ticket('dashboard');
    cache.bump('load');
    expect(cache.ticket('dashboard').admitted).toBe(true);

    const eager = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0, admitAfter: 1 });
    eager.ticket('k').keep(Buffer.from('{}'), JSON_TYPE);
    expect(eager.stats()).toMatchObject({ entries: 1, firstSight: 0 });
  });

  it('an answer dropped by a new version, the bound or its age is kept again on its next sight', () => {
    let now = 0;
    const cache = new ResponseCache({ maxBytes: 2 * 1_300, ttlMs: 100, now: () => now });
    keep(cache, 'bumped', '{}');
    cache.bump('load');
    expect(cache.ticket('bumped').admitted).toBe(true);
    keep(cache, 'evicted', body(1_000));
    keep(cache, 'b', body(1_000));
    keep(cache, 'c', body(1_000));
    expect(cache.get('evicted')).toBeUndefined();
    expect(cache.ticket('evicted').admitted).toBe(true);
    keep(cache, 'aged', '{}');
    now += 100;
    expect(cache.get('aged')).toBeUndefined();
    expect(cache.ticket('aged').admitted).toBe(true);
  });

  it(`remembers at most ${SEEN_KEYS} first sightings, forgetting the oldest`, () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    for (let i = 0; i <= SEEN_KEYS; i++) cache.ticket(`k${i}`);
    expect(cache.ticket('k0').admitted).toBe(false); // forgotten, so seen once again
    expect(cache.ticket(`k${SEEN_KEYS}`).admitted).toBe(true);
  });

  it(`remembers first sightings of at most ${SEEN_CHARACTERS} characters of keys in all`, () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    const long = (i: number) => `${i}`.padEnd(SEEN_CHARACTERS / 4, 'x');
    for (let i = 0; i < 5; i++) cache.ticket(long(i));
    expect(cache.ticket(long(0)).admitted).toBe(false); // forgotten to make room
    expect(cache.ticket(long(4)).admitted).toBe(true);
  });

  it('does not keep an answer larger than the whole bound', () => {
    const cache = new ResponseCache({ maxBytes: 1_000, ttlMs: 0 });
    keep(cache, 'big', body(2_000));
    expect(cache.stats()).toMatchObject({ entries: 0, notStored: 1 });
  });

  it('a new version drops every answer, and one computed under the old version is not kept', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 0 });
    keep(cache, 'kept', '{"data":1}');
    cache.ticket('in-flight');
    const inFlight = cache.ticket('in-flight');
    expect(inFlight.admitted).toBe(true);
    cache.bump('load');
    expect(cache.get('kept')).toBeUndefined();
    inFlight.keep(Buffer.from('{"data":"old"}'), JSON_TYPE);
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
    keep(cache, 'a', '{}');
    cache.setServing(false);
    expect(cache.serving).toBe(false);
    expect(cache.stats().entries).toBe(0);
    keep(cache, 'b', '{}');
    expect(cache.stats().entries).toBe(0);
    const before = cache.version;
    cache.setServing(true);
    expect(cache.version).toBe(before + 1);
  });

  it('an answer older than the TTL is a miss', () => {
    let now = 1_000;
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 500, now: () => now });
    keep(cache, 'a', '{}');
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
      keep(layer.cache, 'a', '{}');
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
