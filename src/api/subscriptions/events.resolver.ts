import { Repeater, SlidingBuffer, filter, map, pipe } from '@graphql-yoga/subscription';
import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { CLAIM_KINDS, ClaimKind } from '../../domain/vocabulary';
import { ServiceError } from '../../domain/errors';
import {
  DOCUMENT_LOADED,
  DocumentLoadedEvent as DocumentLoadedPayload,
  STANCES_CHANGED,
  StanceRef as StanceRefPayload,
  StancesChangedEvent as StancesChangedPayload,
} from '../../events/events';
import { GraphContext } from '../context';
import type { EventsStatus, SubscriptionEvents } from '../../events/bus';
import {
  DocumentLoadedEvent,
  EventHealth,
  EventStatus,
  LoadedStatus,
  StanceRef,
  StancesChangedEvent,
} from './events.type';

const ENTITY_ARG = 'An entity’s id, or any of its names or aliases (case- and diacritic-insensitive).';

const asStanceRef = (s: StanceRefPayload): StanceRef => ({
  ...s,
  kind: s.kind as ClaimKind,
  polarity: CLAIM_KINDS[s.kind as ClaimKind]?.polarity,
});

/** The event with only the stances of actor (when given) on target (when given). */
function narrowed(
  event: StancesChangedPayload,
  actorId: string | null,
  targetId: string | null,
): StancesChangedPayload {
  const wanted = (s: StanceRefPayload) =>
    (actorId === null || s.actorId === actorId) && (targetId === null || s.targetId === targetId);
  return { ...event, added: event.added.filter(wanted), removed: event.removed.filter(wanted) };
}

function eventsOf(ctx: GraphContext) {
  if (!ctx.events) {
    // Only the WebSocket endpoint runs subscriptions, and it always passes the bus.
    throw new ServiceError('BAD_REQUEST', 'Subscriptions run over WebSocket (graphql-ws) on /graphql.');
  }
  return ctx.events;
}

/**
 * The instance's event status now, then on every change. A sliding buffer of one: a subscriber that reads
 * slowly gets the latest status, never a backlog of stale ones.
 */
function statusStream(events: SubscriptionEvents): AsyncIterable<EventsStatus> {
  return new Repeater<EventsStatus>(async (push, stop) => {
    const unsubscribe = events.onStatusChange((status) => void push(status));
    await push(events.status());
    await stop;
    unsubscribe();
  }, new SlidingBuffer(1));
}

@Resolver()
export class EventsResolver {
  @Subscription(() => EventStatus, {
    subscribe: ({ context }) => statusStream(eventsOf(context as GraphContext)),
    description:
      'This instance’s event health: sent at once when the subscription starts, then on every change ' +
      '(DEGRADED while its Redis is unreachable, OK when events flow again). Over WebSocket (graphql-ws) ' +
      'on /graphql.',
  })
  eventStatus(@Root() status: EventsStatus): EventStatus {
    return { health: status.health === 'ok' ? EventHealth.OK : EventHealth.DEGRADED, since: status.since };
  }

  @Subscription(() => DocumentLoadedEvent, {
    subscribe: ({ context }) => eventsOf(context as GraphContext).pubSub.subscribe(DOCUMENT_LOADED),
    description:
      'Every document a load stores (the loadDocument mutation, or the corpus loaded at start-up), once ' +
      'its transaction has committed — never before, and once per load. An unchanged document is not ' +
      'announced. Over WebSocket (graphql-ws) on /graphql.',
  })
  documentLoaded(@Root() event: DocumentLoadedPayload): DocumentLoadedEvent {
    return { ...event, status: event.status as LoadedStatus };
  }

  @Subscription(() => StancesChangedEvent, {
    // The names are resolved once, when the subscription starts: an unknown or ambiguous one refuses it
    // (BAD_USER_INPUT with the candidates), as it does a query. Events are then narrowed here, on the
    // server, and an event left with no stance for this subscriber is not sent to it.
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphContext;
      const events = eventsOf(ctx);
      const { actor, target } = args as { actor?: string | null; target?: string | null };
      const [actorEntity, targetEntity] = await Promise.all([
        actor == null ? null : ctx.stores.names.resolve(actor, 'actor'),
        target == null ? null : ctx.stores.names.resolve(target, 'target'),
      ]);
      const actorId = actorEntity?.id ?? null;
      const targetId = targetEntity?.id ?? null;
      return pipe(
        events.pubSub.subscribe(STANCES_CHANGED),
        map((event: StancesChangedPayload) => narrowed(event, actorId, targetId)),
        filter((event: StancesChangedPayload) => event.added.length + event.removed.length > 0),
      );
    },
    description:
      'The stances each committed load adds and removes, narrowed on the server to those of `actor` on ' +
      '`target` (each optional: none = every stance); a load that changes none of them sends nothing. ' +
      'Over WebSocket (graphql-ws) on /graphql.',
  })
  stancesChanged(
    @Root() event: StancesChangedPayload,
    @Arg('actor', () => String, {
      nullable: true,
      description: `Only stances this entity takes. ${ENTITY_ARG}`,
    })
    _actor: string | null,
    @Arg('target', () => String, {
      nullable: true,
      description: `Only stances on this entity. ${ENTITY_ARG}`,
    })
    _target: string | null,
  ): StancesChangedEvent {
    return { ...event, added: event.added.map(asStanceRef), removed: event.removed.map(asStanceRef) };
  }
}
