import DataLoader from 'dataloader';
import type { QueryRunner } from '../db';
import { AggregateStore } from '../graph/aggregate.store';
import { DocumentStore } from '../graph/document.store';
import { NameResolver, ResolutionCache } from '../graph/name-resolver';
import { EntityStore } from '../graph/entity.store';
import {
  DocumentRecord,
  EntityRecord,
  HeadingRecord,
  MentionPage,
  MentionRecord,
  RelationPage,
  RelationRecord,
  SentenceRecord,
  StancePage,
  StanceRecord,
} from '../graph/records';
import { Direction, RelationStore } from '../graph/relation.store';
import { EVERYTHING, Scope, scopeKey } from '../graph/scope';
import { StanceAnchor, StanceStore } from '../graph/stance.store';
import { DocumentWriter } from '../ingest/writer';
import type { SubscriptionEvents } from '../events/bus';
import type { DraftService } from './draft/draft.service';
import type { CacheTicket } from './cache/response-cache';
import { RequestAuth } from './security/tokens';

export interface Stores {
  entities: EntityStore;
  stances: StanceStore;
  relations: RelationStore;
  documents: DocumentStore;
  aggregates: AggregateStore;
  names: NameResolver;
  /** Loads documents sent over the API; each load drops the name cache, whose answers it may change. */
  writer: DocumentWriter;
}

/** Process-wide: the stores and the name cache live as long as the driver. */
export function createStores(
  db: QueryRunner,
  cache = new ResolutionCache(),
): Stores & { cache: ResolutionCache } {
  const entities = new EntityStore(db);
  return {
    entities,
    stances: new StanceStore(db),
    relations: new RelationStore(db),
    documents: new DocumentStore(db),
    aggregates: new AggregateStore(db),
    names: new NameResolver(db, cache),
    writer: new DocumentWriter(db, () => cache.clear()),
    cache,
  };
}

const many = <V>(map: Map<string, V[]>, keys: readonly string[]) => keys.map((k) => map.get(k) ?? []);
const one = <V>(map: Map<string, V>, keys: readonly string[]) => keys.map((k) => map.get(k));

/**
 * Per-request batching: every nested field of a kind in one request is one round trip, whatever the
 * number of parents, so the round trips of a request are bounded by its depth.
 */
export class Loaders {
  readonly entity: DataLoader<string, EntityRecord | undefined>;
  /** A document without its text: what `document { id title … }` of every evidence item needs. */
  readonly document: DataLoader<string, DocumentRecord | undefined>;
  /** A document's full text, read only when Document.text is asked. */
  readonly documentText: DataLoader<string, string | undefined>;
  readonly sentencesOfDocument: DataLoader<string, SentenceRecord[]>;
  readonly headingsOfDocument: DataLoader<string, HeadingRecord[]>;
  readonly mentionsInSentence: DataLoader<string, MentionRecord[]>;
  private readonly stanceLoaders = new Map<string, DataLoader<string, StanceRecord[]>>();
  private readonly relationLoaders = new Map<string, DataLoader<string, RelationPage>>();
  private readonly mentionPageLoaders = new Map<number, DataLoader<string, MentionPage>>();
  private readonly stancePageLoaders = new Map<string, DataLoader<string, StancePage>>();

  constructor(private readonly stores: Stores) {
    this.entity = new DataLoader(async (ids) => one(await stores.entities.byIds(ids), ids));
    this.document = new DataLoader(async (ids) => one(await stores.documents.byIds(ids), ids));
    this.documentText = new DataLoader(async (ids) => {
      const found = await stores.documents.byIds(ids, true);
      return ids.map((id) => found.get(id)?.text);
    });
    this.sentencesOfDocument = new DataLoader(async (ids) =>
      many(await stores.documents.sentencesOf(ids), ids),
    );
    this.headingsOfDocument = new DataLoader(async (ids) =>
      many(await stores.documents.headingsOf(ids), ids),
    );
    this.mentionsInSentence = new DataLoader(async (ids) =>
      many(await stores.documents.mentionsInSentences(ids), ids),
    );
  }

  /**
   * Stances found from keys by anchor (an entity's stances as actor or target, a claim, its responses), in a
   * scope: one loader per anchor, kinds and scope, so that differently narrowed fields never share answers.
   */
  stances(
    anchor: StanceAnchor,
    kinds: string[] | null = null,
    scope: Scope = EVERYTHING,
  ): DataLoader<string, StanceRecord[]> {
    const key = `${anchor}|${kinds?.join(',') ?? ''}|${scopeKey(scope)}`;
    let loader = this.stanceLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) =>
        many(await this.stores.stances.byKeys(anchor, ids, { kinds, scope }), ids),
      );
      this.stanceLoaders.set(key, loader);
    }
    return loader;
  }

  /**
   * Entity.mentions: at most `first` mentions of each entity and how many it has (`first` 0: the count
   * alone). One loader per `first`, so that fields asking for different caps never share an answer.
   */
  mentionsOfEntity(first: number): DataLoader<string, MentionPage> {
    let loader = this.mentionPageLoaders.get(first);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.stores.documents.mentionsOfEntities(ids, first);
        return ids.map((id) => found.get(id) ?? { count: 0, mentions: [] });
      });
      this.mentionPageLoaders.set(first, loader);
    }
    return loader;
  }

  /**
   * Entity.stances: at most `first` stances of each entity in a role, of some kinds, in a scope, and how many
   * match (`first` 0: the count alone). One loader per role, kinds, scope and `first`.
   */
  stancesOfEntity(
    role: 'ACTOR' | 'TARGET' | 'ENTITY',
    first: number,
    kinds: string[] | null = null,
    scope: Scope = EVERYTHING,
  ): DataLoader<string, StancePage> {
    const key = `${role}|${first}|${kinds?.join(',') ?? ''}|${scopeKey(scope)}`;
    let loader = this.stancePageLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.stores.stances.ofEntities(role, ids, first, { kinds, scope });
        return ids.map((id) => found.get(id) ?? { count: 0, stances: [] });
      });
      this.stancePageLoaders.set(key, loader);
    }
    return loader;
  }

  /**
   * Entity.relations: at most `first` facts around each entity, of some types, one way, in a scope, and how
   * many match (`first` 0: the count alone). One loader per types, direction, scope and `first`.
   */
  relations(
    types: string[] | null,
    direction: Direction,
    first: number,
    scope: Scope = EVERYTHING,
  ): DataLoader<string, RelationPage> {
    const key = `${types?.join(',') ?? ''}|${direction}|${first}|${scopeKey(scope)}`;
    let loader = this.relationLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.stores.relations.ofEntities(ids, types, direction, first, scope);
        return ids.map((id) => found.get(id) ?? { count: 0, relations: [] });
      });
      this.relationLoaders.set(key, loader);
    }
    return loader;
  }

  /** Entities a query already returned need no second trip when a nested field asks for them again. */
  primeEntities(entities: Iterable<EntityRecord>): void {
    for (const e of entities) this.entity.prime(e.id, e);
  }

  /** A stance comes with its actor, target and cited entities: primed, they cost nested fields no trip. */
  primeStance(stance: StanceRecord): StanceRecord {
    this.primeEntities([stance.actor, stance.target, ...stance.cites]);
    return stance;
  }

  primeRelation(relation: RelationRecord): RelationRecord {
    this.primeEntities([relation.from, relation.to]);
    return relation;
  }
}

export interface GraphContext {
  stores: Stores;
  loaders: Loaders;
  /** Who is asking, from the request's bearer token: only writes (and drafts) look at it. */
  auth: RequestAuth;
  /** Drafts for draftDocument (process-wide: its NLP backend is made once); absent, drafting is off. */
  drafts?: DraftService;
  /** The events subscriptions follow: set on the WebSocket endpoint only (the one that runs them). */
  events?: SubscriptionEvents;
  /** Set when the response cache may keep this request's answer (src/api/cache/http.ts). */
  responseCache?: CacheTicket;
}

const ANONYMOUS: RequestAuth = { role: 'anonymous', writesEnabled: false };

export function createContext(
  stores: Stores,
  request: {
    auth?: RequestAuth;
    drafts?: DraftService;
    events?: SubscriptionEvents;
    responseCache?: CacheTicket;
  } = {},
): GraphContext {
  return {
    stores,
    loaders: new Loaders(stores),
    auth: request.auth ?? ANONYMOUS,
    drafts: request.drafts,
    events: request.events,
    responseCache: request.responseCache,
  };
}
