import { randomUUID } from 'node:crypto';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { RedisEvents, redisEventTarget } from '../../src/events/redis';
import { RunningRedis } from '../../src/runtime/redis-server';
import { LogLine, capturingLogger, startTestRedis, until } from '../support/redis';

/**
 * The Redis event target at the bus level: two "instances" (two event targets, each with its own two
 * connections and its own createPubSub, as two service processes have) on one real redis-server.
 * Exactly-once is checked with a fence: Redis delivers one connection's messages in order, so once a
 * later event has arrived, a duplicate of an earlier one would already have been seen.
 */

type Topics = { documentLoaded: [{ id: string; eventId: string }] };

interface Instance {
  name: string;
  events: RedisEvents;
  pubSub: ReturnType<typeof createPubSub<Topics>>;
  lines: LogLine[];
}

let redis: RunningRedis;
const instances: Instance[] = [];

function instance(name: string, options: Parameters<typeof redisEventTarget>[2] = {}): Instance {
  const { logger, lines } = capturingLogger();
  const events = redisEventTarget(redis.url, logger, { name, ...options });
  const made = { name, events, pubSub: createPubSub<Topics>({ eventTarget: events.target }), lines };
  instances.push(made);
  return made;
}

/** Subscribed connections on a channel, as Redis counts them. */
async function subscribedConnections(topic: string): Promise<number> {
  const probe = new Redis(redis.url);
  try {
    return ((await probe.pubsub('NUMSUB', topic)) as [string, number])[1];
  } finally {
    probe.disconnect();
  }
}

/** Collects what a subscriber receives, once Redis counts `connections` subscribed to the topic. */
async function subscriber(on: Instance, connections: number, topic: keyof Topics = 'documentLoaded') {
  const received: { id: string; eventId: string }[] = [];
  const iterator = on.pubSub.subscribe(topic);
  void (async () => {
    for await (const event of iterator) received.push(event);
  })();
  await until(async () => (await subscribedConnections(topic)) === connections);
  return { received, stop: () => iterator.return() };
}

const event = (id: string) => ({ id, eventId: randomUUID() });
const ids = (received: { id: string }[]) => received.map((e) => e.id);

beforeAll(async () => {
  redis = await startTestRedis();
});
afterEach(async () => {
  await Promise.all(instances.splice(0).map((i) => i.events.close()));
});
afterAll(async () => {
  await redis?.stop();
});

describe('events through Redis between two instances', () => {
  it('an event published on A reaches a subscriber on B, and A’s own, exactly once', async () => {
    const a = instance('a');
    const b = instance('b');
    await until(() => a.events.health() === 'ok' && b.events.health() === 'ok');
    const onB = await subscriber(b, 1);
    const onA = await subscriber(a, 2);
    const again = await subscriber(a, 2); // one subscribed connection per instance, however many subscribers

    a.pubSub.publish('documentLoaded', event('first'));
    a.pubSub.publish('documentLoaded', event('fence'));
    await until(() => ids(onB.received).includes('fence') && ids(onA.received).includes('fence'));
    expect(ids(onB.received)).toEqual(['first', 'fence']);
    expect(ids(onA.received)).toEqual(['first', 'fence']);
    expect(ids(again.received)).toEqual(['first', 'fence']);
    await again.stop();
    await onA.stop();
    await onB.stop();
  });

  it('goes through Redis, not through memory: a plain Redis client sees the message on the channel', async () => {
    const a = instance('a');
    await until(() => a.events.health() === 'ok');
    const spy = new Redis(redis.url);
    const seen: string[] = [];
    spy.on('message', (_channel: string, message: string) => seen.push(message));
    await spy.subscribe('documentLoaded');
    const sent = event('via-redis');
    a.pubSub.publish('documentLoaded', sent);
    await until(() => seen.length === 1);
    expect(JSON.parse(seen[0])).toEqual(sent);
    spy.disconnect();
  });

  it('a message delivered twice (a publish resent after a dropped connection) reaches subscribers once', async () => {
    const b = instance('b');
    await until(() => b.events.health() === 'ok');
    const onB = await subscriber(b, 1);
    const raw = new Redis(redis.url);
    const twice = JSON.stringify(event('twice'));
    await raw.publish('documentLoaded', twice);
    await raw.publish('documentLoaded', twice);
    await raw.publish('documentLoaded', JSON.stringify(event('fence')));
    await until(() => ids(onB.received).includes('fence'));
    expect(ids(onB.received)).toEqual(['twice', 'fence']);
    expect(b.lines.some((l) => /received twice/.test(l.msg))).toBe(true);
    raw.disconnect();
    await onB.stop();
  });
});

describe('Redis down, then back', () => {
  it('degraded while down, publishes held and logged (not lost), delivered once when Redis returns; events flow again', async () => {
    const a = instance('a');
    const b = instance('b');
    await until(() => a.events.health() === 'ok' && b.events.health() === 'ok');
    const onB = await subscriber(b, 1);
    a.pubSub.publish('documentLoaded', event('before'));
    await until(() => ids(onB.received).includes('before'));

    const changes: string[] = [];
    b.events.onHealthChange((health) => changes.push(health));
    const port = redis.port;
    await redis.stop();
    await until(() => a.events.health() === 'degraded' && b.events.health() === 'degraded');
    expect(changes).toEqual(['degraded']);

    const during = event('during-outage');
    a.pubSub.publish('documentLoaded', during);
    a.pubSub.publish('documentLoaded', event('during-outage-2'));
    expect(a.events.held()).toBe(2);
    const heldLine = a.lines.find((l) => l.eventId === during.eventId);
    expect(heldLine).toMatchObject({ topic: 'documentLoaded', msg: expect.stringMatching(/held/) });
    expect(a.lines.some((l) => l.level === 40 && /degraded/.test(l.msg))).toBe(true);

    redis = await startTestRedis(port);
    await until(() => a.events.health() === 'ok' && b.events.health() === 'ok');
    expect(a.events.held()).toBe(0);
    expect(changes).toEqual(['degraded', 'ok']);
    a.pubSub.publish('documentLoaded', event('after'));
    await until(() => ids(onB.received).includes('after'));
    expect(ids(onB.received)).toEqual(['before', 'during-outage', 'during-outage-2', 'after']);
    expect(a.lines.some((l) => /held events sent/.test(l.msg) && l.sent === 2)).toBe(true);
    await onB.stop();
  });

  it('an instance started while Redis is down serves as degraded, and joins once Redis is up', async () => {
    const port = redis.port;
    await redis.stop();
    const late = instance('late');
    const iterator = late.pubSub.subscribe('documentLoaded'); // SUBSCRIBE waits for the connection
    const received: string[] = [];
    void (async () => {
      for await (const e of iterator) received.push(e.id);
    })();
    expect(late.events.health()).toBe('degraded');
    redis = await startTestRedis(port);
    await until(() => late.events.health() === 'ok');
    const other = instance('other');
    await until(() => other.events.health() === 'ok');
    await until(async () => (await subscribedConnections('documentLoaded')) === 1);
    other.pubSub.publish('documentLoaded', event('joined'));
    await until(() => received.includes('joined'));
    await iterator.return();
  });

  it('past maxHeld, further events are dropped and each is logged as an error; close logs what is still held', async () => {
    const port = redis.port;
    const a = instance('a', { maxHeld: 2 });
    await until(() => a.events.health() === 'ok');
    await redis.stop();
    await until(() => a.events.health() === 'degraded');
    const third = event('third');
    a.pubSub.publish('documentLoaded', event('first'));
    a.pubSub.publish('documentLoaded', event('second'));
    a.pubSub.publish('documentLoaded', third);
    expect([a.events.held(), a.events.dropped()]).toEqual([2, 1]);
    expect(a.lines.find((l) => l.eventId === third.eventId)).toMatchObject({
      level: 50,
      msg: expect.stringMatching(/DROPPED/),
    });
    await a.events.close();
    expect(a.lines.some((l) => l.level === 50 && /still held/.test(l.msg))).toBe(true);
    redis = await startTestRedis(port);
  });
});
