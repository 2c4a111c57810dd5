import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Polarity, StanceKind } from '../types/enums';

/** The values are the event payloads' own (src/events/events.ts). */
export enum LoadedStatus {
  CREATED = 'CREATED',
  REPLACED = 'REPLACED',
}

registerEnumType(LoadedStatus, {
  name: 'LoadedStatus',
  description: 'What a committed load did to a document (an unchanged document is not announced).',
  valuesConfig: {
    CREATED: { description: 'The document was new.' },
    REPLACED: { description: 'Its text or annotation changed: its earlier version was replaced.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'What the loaded document holds.' })
export class LoadCounts {
  @Field(() => Int, { description: 'Entities its annotation lists.' })
  entities!: number;

  @Field(() => Int, { description: 'Claims (stances) its annotation lists.' })
  claims!: number;

  @Field(() => Int, { description: 'Facts its annotation lists.' })
  facts!: number;

  @Field(() => Int, { description: 'Mentions of entities found in its text.' })
  mentions!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A document a load stored, announced once its transaction committed: querying document(id:) on ' +
    'receiving it finds the new version.',
})
export class DocumentLoadedEvent {
  @Field(() => ID, { description: 'The document’s id: query document(id:) for the rest.' })
  id!: string;

  @Field(() => String, { description: 'Its title.' })
  title!: string;

  @Field(() => LoadedStatus, { description: 'Created or replaced.' })
  status!: LoadedStatus;

  @Field(() => LoadCounts, { description: 'What it holds.' })
  counts!: LoadCounts;

  @Field(() => String, {
    description: 'When the load committed, ISO 8601 in UTC, by the clock of the instance that loaded it.',
  })
  committedAt!: string;

  @Field(() => ID, {
    description: 'Unique to this event, and the same on every instance that relays it: tells a duplicate.',
  })
  eventId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A stance as one claim makes it, by entity id.' })
export class StanceRef {
  @Field(() => ID, { description: 'Who takes it: entity(id:) gives the rest.' })
  actorId!: string;

  @Field(() => StanceKind, { description: 'The kind of position taken.' })
  kind!: StanceKind;

  @Field(() => Polarity, { description: 'Its polarity, from its kind.' })
  polarity!: Polarity;

  @Field(() => ID, { description: 'What it is on.' })
  targetId!: string;

  @Field(() => ID, { description: 'The claim that makes it (a stance’s id in the other fields).' })
  claimId!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The stances one committed load added and removed, narrowed to those the subscription asked for. A ' +
    'stance counts as changed when its claim id, actor, kind or target did.',
})
export class StancesChangedEvent {
  @Field(() => ID, { description: 'The document whose load changed them.' })
  documentId!: string;

  @Field(() => [StanceRef], {
    description: 'Stances the load stored that were not stored before (a new document: all of its own).',
  })
  added!: StanceRef[];

  @Field(() => [StanceRef], {
    description: 'Stances of the document’s earlier version that the load removed.',
  })
  removed!: StanceRef[];

  @Field(() => ID, { description: 'Unique to this event, and the same on every instance that relays it.' })
  eventId!: string;
}

/** The values are the bus's own health, upper-cased (src/events/bus.ts). */
export enum EventHealth {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
}

registerEnumType(EventHealth, {
  name: 'EventHealth',
  description: 'Whether this instance’s subscriptions receive every load, from every instance.',
  valuesConfig: {
    OK: { description: 'Events flow: loads made through any instance reach this one’s subscribers.' },
    DEGRADED: {
      description:
        'This instance cannot reach Redis (REDIS_URL): loads through other instances do not arrive, and ' +
        'its own are held until Redis answers again. Queries still answer; a subscriber that must not miss ' +
        'a load re-reads `documents` once OK returns.',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'The health of the instance a subscriber is connected to, as far as its events go. Without REDIS_URL ' +
    'it is always OK (one instance, events in process).',
})
export class EventStatus {
  @Field(() => EventHealth, { description: 'OK or DEGRADED.' })
  health!: EventHealth;

  @Field(() => String, {
    description:
      'Since when it holds: ISO 8601 in UTC, by this instance’s clock (for OK at start: its start).',
  })
  since!: string;
}
