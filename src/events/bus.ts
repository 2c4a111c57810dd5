import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { PubSub, PubSubEventTarget, createPubSub } from '@graphql-yoga/subscription';
import type { Logger } from '../logger';
import { CommittedDocument, EventPayloads, Topic, eventsOf } from './events';
import { redisEventTarget } from './redis';

/** The topics and what each carries, as @graphql-yoga/subscription types a PubSub. */
export type BusTopics = { [T in Topic]: [EventPayloads[T]] };

/**
 * Where the service's events go and come from. `pubSub` is what type-graphql's buildSchema is given and
 * what the subscription resolvers subscribe to; `publish` is the loaders' way in.
 */
/** What a subscription needs of the bus: its PubSub and this instance's event status. */
export type SubscriptionEvents = Pick<EventBus, 'pubSub' | 'status' | 'onStatusChange'>;

export interface EventBus {
  pubSub: PubSub<BusTopics>;
  /** Never throws: the load it reports has committed, whatever becomes of its event. */
  publish<T extends Topic>(topic: T, payload: EventPayloads[T]): void;
  /** 'degraded' while events cannot reach the other instances (Redis unreachable); in-process: always ok. */
  health(): 'ok' | 'degraded';
  /** The health and since when it holds (ISO 8601, this instance's clock). */
  status(): EventsStatus;
  /** Called on each change of health; returns a function that removes the listener. */
  onStatusChange(listener: (status: EventsStatus) => void): () => void;
  close(): Promise<void>;
}

/** This instance's event health, as the eventStatus subscription reports it. */
export interface EventsStatus {
  health: 'ok' | 'degraded';
  since: string;
}

/**
 * What a distributed event target adds to an EventTarget: its health and its shutdown. src/events/redis.ts
 * makes one over Redis pub/sub.
 */
export interface SharedEventTarget {
  target: PubSubEventTarget<BusTopics>;
  health(): 'ok' | 'degraded';
  onHealthChange?(listener: (health: 'ok' | 'degraded') => void): () => void;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Set: events go through Redis pub/sub, so that every instance's subscribers see every load. */
  redisUrl?: string;
  log: Logger;
}

/**
 * The in-process bus over an EventTarget, or with redisUrl the same PubSub over the Redis event target.
 * Either way a subscriber is an async iterator of the PubSub: a subscriber that falls more than 1,024 events
 * behind is ended with an error (@repeaterjs/repeater's limit) rather than silently losing events.
 */
export function createEventBus(options: EventBusOptions): EventBus {
  const { log } = options;
  const shared = options.redisUrl ? redisEventTarget(options.redisUrl, log) : undefined;
  const pubSub = createPubSub<BusTopics>({ eventTarget: shared?.target ?? inProcessTarget() });
  let closed = false;
  let status: EventsStatus = { health: shared?.health() ?? 'ok', since: new Date().toISOString() };
  const listeners = new Set<(status: EventsStatus) => void>();
  shared?.onHealthChange?.((health) => {
    if (health === status.health) return;
    status = { health, since: new Date().toISOString() };
    for (const listener of [...listeners]) {
      try {
        listener(status);
      } catch (error) {
        log.error({ err: error }, 'event status listener failed');
      }
    }
  });
  return {
    pubSub,
    publish(topic, payload) {
      if (closed) {
        log.warn({ topic, eventId: payload.eventId }, 'event bus closed: event not published');
        return;
      }
      try {
        // The cast: TypeScript does not narrow the rest parameters of a generic topic.
        (pubSub.publish as (topic: Topic, payload: unknown) => void)(topic, payload);
      } catch (error) {
        log.error({ err: error, topic, eventId: payload.eventId }, 'event not published');
      }
    },
    health: () => shared?.health() ?? 'ok',
    status: () => status,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      await shared?.close();
    },
  };
}

/**
 * Every subscription is a listener of its topic: Node's default of 10 before warning of a leak would warn
 * at the eleventh subscriber. The caps on subscriptions (SUBSCRIPTIONS_*) bound them instead.
 */
function inProcessTarget(): PubSubEventTarget<BusTopics> {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target as PubSubEventTarget<BusTopics>;
}

/**
 * The loader's onCommitted for a bus: every document the commit stored becomes its events (events.ts
 * eventsOf), published in the order of the documents. Unchanged documents publish nothing.
 */
export function publishCommitted(bus: Pick<EventBus, 'publish'>, log: Logger) {
  return (documents: readonly CommittedDocument[]): void => {
    for (const document of documents) {
      for (const event of eventsOf(document, randomUUID)) {
        bus.publish(event.topic, event.payload);
        log.debug({ topic: event.topic, eventId: event.payload.eventId, docId: document.docId }, 'published');
      }
    }
  };
}
