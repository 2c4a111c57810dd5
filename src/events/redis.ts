import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { TypedEvent, TypedEventTarget } from '@graphql-yoga/typed-event-target';
import { Redis, RedisOptions } from 'ioredis';
import { Logger } from '../logger';

/**
 * Events across service instances through Redis pub/sub (REDIS_URL; docs/configuration.md, "Events across
 * instances"). @graphql-yoga/redis-event-target turns Redis into the EventTarget that createPubSub (and so
 * type-graphql's `pubSub`) publishes to and subscribes on; this module adds what it leaves out:
 *
 * - Redis down never stops the service, and never crashes it: the library's `publish`/`subscribe` promises
 *   are caught here (an unhandled rejection would end the process).
 * - A publish while Redis is unreachable is held, in order, and logged with its topic and eventId; once
 *   Redis answers again the held events are sent, oldest first. Redis keeps no pub/sub message for a
 *   subscriber that is not connected, so before sending on a topic this waits until as many connections
 *   subscribe to it as received its last event before the outage (the other instances reconnect on their
 *   own schedule), at most `settleMaxMs`; a topic never published before waits `settleMs`. At most
 *   `maxHeld` are held: past that the newest are dropped, each logged as an error.
 * - health() is 'degraded' while either connection is down, the subscriptions are not yet re-established,
 *   or events are held; 'ok' otherwise. onHealthChange tells of each change (and each is logged).
 * - A message seen twice (a publish resent after a connection dropped before Redis acknowledged it) is
 *   delivered once: received events are deduplicated on their eventId over the last `dedupeWindow` ids.
 */

export type EventsHealth = 'ok' | 'degraded';

export interface RedisEventsOptions {
  /** Events held while Redis is unreachable; past this the newest are dropped (logged). Default 10,000. */
  maxHeld?: number;
  /** Before sending held events on a topic with no known subscriber count: the wait. Default 2 s. */
  settleMs?: number;
  /** Before sending held events: the longest wait for a topic's subscribers to come back. Default 10 s. */
  settleMaxMs?: number;
  /** Longest wait between two reconnection attempts. Default 1 s. */
  retryMaxMs?: number;
  /** Event ids remembered to drop a redelivered message. Default 10,000. */
  dedupeWindow?: number;
  /** Names the two connections in Redis's CLIENT LIST. Default 'stancegraph'. */
  name?: string;
}

export interface RedisEvents<TEvent extends TypedEvent = TypedEvent> {
  /** For createPubSub({ eventTarget }) (src/events/bus.ts). */
  target: TypedEventTarget<TEvent>;
  health(): EventsHealth;
  /** Called with the new health on each change; returns a function that removes the listener. */
  onHealthChange(listener: (health: EventsHealth) => void): () => void;
  /** Events published while Redis was unreachable and not sent yet. */
  held(): number;
  /** Events dropped since start because more than maxHeld were held. */
  dropped(): number;
  /** Closes both connections; events still held are logged as lost. Safe to call twice. */
  close(): Promise<void>;
}

interface Held {
  channel: string;
  message: string;
}

/** The eventId of a serialized event payload, for logs and deduplication; undefined when it has none. */
function eventIdOf(message: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    if (parsed && typeof parsed === 'object' && 'eventId' in parsed) {
      const id = (parsed as { eventId: unknown }).eventId;
      return typeof id === 'string' ? id : undefined;
    }
  } catch {
    // not JSON: no id
  }
  return undefined;
}

/** A bounded set of recently seen ids: the oldest is forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly size: number) {}
  /** True when the id was already seen; remembers it otherwise. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.size) this.ids.delete(this.ids.values().next().value as string);
    return false;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Redis event target for REDIS_URL (redis:// or rediss://): two connections, one to publish and one
 * subscribed (Redis allows nothing else on a subscribed connection). Connecting starts at once and never
 * gives up; until it succeeds health() says 'degraded'.
 */
export function redisEventTarget<TEvent extends CustomEvent = CustomEvent>(
  url: string,
  log: Logger,
  options: RedisEventsOptions = {},
): RedisEvents<TEvent> {
  const maxHeld = options.maxHeld ?? 10_000;
  const settleMs = options.settleMs ?? 2_000;
  const settleMaxMs = options.settleMaxMs ?? 10_000;
  const retryMaxMs = options.retryMaxMs ?? 1_000;
  const name = options.name ?? 'stancegraph';
  const common: RedisOptions = {
    retryStrategy: (times) => Math.min(times * 100, retryMaxMs),
    // Closing a connection whose socket is already gone (Redis down) otherwise keeps a 2 s timer alive,
    // and the process with it.
    disconnectTimeout: 200,
  };
  const publisher = new Redis(url, {
    ...common,
    connectionName: `${name}-publish`,
    // A publish is sent now or held here (in order, logged), never queued inside the client, and one in
    // flight when the connection drops is failed at once (then held), not resent by the client.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
  });
  const subscriber = new Redis(url, {
    ...common,
    connectionName: `${name}-subscribe`,
    // SUBSCRIBE issued while down waits for the connection; on reconnection the client subscribes again.
    maxRetriesPerRequest: null,
    autoResubscribe: true,
  });

  const heldEvents: Held[] = [];
  let droppedCount = 0;
  let closed = false;
  /** The subscriber's SUBSCRIBEs since its last (re)connection have been answered. */
  let subscribed = false;
  let flushing = false;
  let current: EventsHealth = 'degraded';
  const listeners = new Set<(health: EventsHealth) => void>();
  const unreachable = { publish: false, subscribe: false };

  const compute = (): EventsHealth =>
    publisher.status === 'ready' && subscriber.status === 'ready' && subscribed && heldEvents.length === 0
      ? 'ok'
      : 'degraded';
  const update = () => {
    const next = compute();
    if (next === current || closed) return;
    current = next;
    if (next === 'ok') log.info('events: Redis pub/sub is up, events reach every instance');
    else log.warn({ held: heldEvents.length }, 'events: degraded, Redis is unreachable or recovering');
    for (const listener of listeners) listener(next);
  };

  const hold = (channel: string, message: string, reason: string) => {
    const eventId = eventIdOf(message);
    if (heldEvents.length >= maxHeld) {
      droppedCount++;
      log.error(
        { topic: channel, eventId, held: heldEvents.length, reason },
        'events: event DROPPED, Redis is unreachable and the hold is full; subscribers on every instance miss it',
      );
      return;
    }
    heldEvents.push({ channel, message });
    log.warn(
      { topic: channel, eventId, held: heldEvents.length, reason },
      'events: Redis is unreachable, event held until it returns',
    );
    update();
  };

  /** Connections that received the last event published on each topic (PUBLISH answers it). */
  const receivers = new Map<string, number>();
  const sent = (channel: string) => (count: number) => {
    receivers.set(channel, count);
    return count;
  };

  /** Until as many connections subscribe to the topic as before (see above), or the wait runs out. */
  const settle = async (channel: string) => {
    const want = receivers.get(channel);
    const started = Date.now();
    const deadline = started + (want === undefined ? settleMs : settleMaxMs);
    while (!closed && publisher.status === 'ready' && Date.now() < deadline) {
      if (want !== undefined) {
        const [, count] = (await publisher.pubsub('NUMSUB', channel).catch(() => [channel, 0])) as [
          string,
          number,
        ];
        if (count >= want) return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (want !== undefined && !closed) {
      log.warn(
        { topic: channel, subscribers: want, waitedMs: Date.now() - started },
        'events: sending held events although fewer instances than before subscribe to the topic',
      );
    }
  };

  /** Sends held events oldest first; stops at the first failure (they stay held, in order). */
  const flush = async () => {
    if (flushing || closed) return;
    flushing = true;
    let count = 0;
    const settled = new Set<string>();
    try {
      while (heldEvents.length > 0 && publisher.status === 'ready' && !closed) {
        const next = heldEvents[0];
        if (!settled.has(next.channel)) {
          await settle(next.channel);
          settled.add(next.channel);
          continue; // the connection may have dropped meanwhile
        }
        try {
          await publisher.publish(next.channel, next.message).then(sent(next.channel));
        } catch (error) {
          log.warn(
            { error: messageOf(error), held: heldEvents.length },
            'events: sending held events failed',
          );
          break;
        }
        heldEvents.shift();
        count++;
      }
    } finally {
      flushing = false;
      if (count > 0)
        log.info({ sent: count, held: heldEvents.length }, 'events: held events sent after Redis returned');
      update();
      // Held while this flush ran and its connection dropped: the next 'ready' flushes again.
    }
  };

  const scheduleFlush = () => {
    if (closed || heldEvents.length === 0) return;
    if (publisher.status !== 'ready' || subscriber.status !== 'ready' || !subscribed) return;
    void flush();
  };

  const publish = (channel: string, message: string): Promise<number> => {
    if (closed) {
      log.error({ topic: channel, eventId: eventIdOf(message) }, 'events: event published after close, lost');
      return Promise.resolve(0);
    }
    // Behind held events, or while not connected: held, so that order is kept.
    if (heldEvents.length > 0 || publisher.status !== 'ready') {
      hold(channel, message, publisher.status === 'ready' ? 'older events still held' : publisher.status);
      scheduleFlush();
      return Promise.resolve(0);
    }
    return publisher.publish(channel, message).then(sent(channel), (error: unknown) => {
      hold(channel, message, messageOf(error));
      return 0;
    });
  };

  const seen = new RecentIds(options.dedupeWindow ?? 10_000);
  const guardCommand = (command: 'subscribe' | 'unsubscribe', channel: string) => {
    subscriber[command](channel).catch((error: unknown) => {
      if (!closed) log.warn({ topic: channel, error: messageOf(error) }, `events: Redis ${command} failed`);
    });
  };
  // The library uses only these members of its clients (3.0.4's source): each is caught or filtered here.
  const publishClient = new Proxy(publisher, {
    get: (target, property, receiver) =>
      property === 'publish' ? publish : (Reflect.get(target, property, receiver) as unknown),
  });
  const subscribeClient = new Proxy(subscriber, {
    get(target, property, receiver) {
      if (property === 'subscribe') return (channel: string) => guardCommand('subscribe', channel);
      if (property === 'unsubscribe') return (channel: string) => guardCommand('unsubscribe', channel);
      if (property === 'on') {
        return (event: string, handler: (channel: string, message: string) => void) => {
          if (event !== 'message') return target.on(event, handler);
          return target.on('message', (channel: string, message: string) => {
            const id = eventIdOf(message);
            if (id !== undefined && seen.seen(`${channel}\n${id}`)) {
              log.warn({ topic: channel, eventId: id }, 'events: event received twice, delivered once');
              return;
            }
            handler(channel, message);
          });
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const target = createRedisEventTarget<TEvent>({ publishClient, subscribeClient });

  const watch = (client: Redis, role: 'publish' | 'subscribe') => {
    client.on('error', (error: unknown) => {
      // One line per outage, not one per reconnection attempt.
      if (!unreachable[role] && !closed)
        log.warn({ error: messageOf(error), role }, 'events: Redis connection error');
      unreachable[role] = true;
    });
    client.on('ready', () => {
      unreachable[role] = false;
      if (role === 'subscribe') {
        // The client resubscribes as it becomes ready; a PING behind those SUBSCRIBEs answers after them.
        client.ping().then(
          () => {
            if (client.status !== 'ready') return;
            subscribed = true;
            update();
            scheduleFlush();
          },
          () => {},
        );
      }
      update();
      scheduleFlush();
    });
    for (const event of ['close', 'reconnecting', 'end']) {
      client.on(event, () => {
        if (role === 'subscribe') subscribed = false;
        update();
      });
    }
  };
  watch(publisher, 'publish');
  watch(subscriber, 'subscribe');

  let closing: Promise<void> | undefined;
  return {
    target,
    health: () => (closed ? 'degraded' : compute()),
    onHealthChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    held: () => heldEvents.length,
    dropped: () => droppedCount,
    close: () =>
      (closing ??= (async () => {
        closed = true;
        listeners.clear();
        if (heldEvents.length > 0) {
          log.error(
            { held: heldEvents.length, eventIds: heldEvents.map((e) => eventIdOf(e.message)) },
            'events: closing with events still held (Redis unreachable): they are lost',
          );
        }
        // QUIT when connected (answers in flight are read first), otherwise just stop reconnecting.
        await Promise.all(
          [publisher, subscriber].map(async (client) => {
            if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
            else client.disconnect();
          }),
        );
      })()),
  };
}
