import { createHash, randomBytes } from 'node:crypto';

/**
 * Answers to GraphQL reads kept in memory, by request and graph version (docs/performance.md, "Response
 * cache"). The graph's version is a counter of this process: every committed load bumps it (on the loading
 * instance at once, on the others when the load's event arrives), and a bump drops every answer. An answer
 * is kept only under the version it was computed at: a read that was running when a load committed is
 * answered, and then forgotten.
 *
 * An answer is kept only the second time its request is seen (admitAfter): a read asked once — a search
 * typed once, an item opened once — costs the cache a lookup and a note of its key, never a copy of its
 * answer nor the garbage of evicting it later. The notes are the keys themselves (no digest to compute: the
 * string's hash is the one the lookup made), bounded in number and in characters, and they outlive
 * versions: a dashboard's query asked before a load is kept on its first sight after it. An answer dropped
 * (by a new version, the bound or its age) leaves the note that its request was seen before.
 *
 * Only the store lives here; src/api/cache/http.ts decides what is asked and what may be kept.
 */

/** Why the version moved: a load (here or elsewhere), the event bus changing health, or the cache's own. */
export type BumpReason = 'load' | 'event' | 'stamp' | 'events-degraded' | 'events-ok' | 'events-lost';

export interface CachedAnswer {
  /** The response body exactly as Apollo sent it. */
  body: Buffer;
  contentType: string;
  etag: string;
  /** Date.now() when it was kept, for RESPONSE_CACHE_TTL_MS. */
  storedAt: number;
  /** What it counts against the bound: body, key and a fixed overhead. */
  bytes: number;
}

export interface ResponseCacheOptions {
  maxBytes: number;
  /** 0: answers live until the next version or until evicted. */
  ttlMs: number;
  now?: () => number;
  /** The sighting of a request at which its answer is kept: 2 (the default) keeps nothing asked only once. */
  admitAfter?: number;
}

export interface ResponseCacheStats {
  version: number;
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  stored: number;
  evicted: number;
  /** Answers computed while the cache was bypassed (events degraded) or under a version that had moved. */
  notStored: number;
  /** Misses not kept because their request was seen for the first time (admitAfter). */
  firstSight: number;
  bumps: Record<BumpReason, number>;
}

/** Map, key string and Buffer bookkeeping per entry, roughly. */
const ENTRY_OVERHEAD = 200;
/**
 * How many keys seen too few times are remembered, and their characters in all (a key holds the query's
 * text): past either bound the oldest note is forgotten. 4 M characters is 8 MB at most.
 */
export const SEEN_KEYS = 10_000;
export const SEEN_CHARACTERS = 4_000_000;

/**
 * What a request read at its start: its key and the version it is answered under. http.ts hands it to
 * the Apollo plugin (through the context), which says whether the answer may be kept.
 */
export class CacheTicket {
  /** Set by the plugin: a query, answered without errors. */
  cacheable = false;
  private tag?: string;

  constructor(
    private readonly cache: ResponseCache,
    readonly key: string,
    readonly version: number,
    /** Seen often enough (admitAfter) that its answer is to be kept. */
    readonly admitted: boolean,
  ) {}

  /** The answer's ETag: a digest of the key, the version and this process, never a digest of the body. */
  etag(): string {
    return (this.tag ??= this.cache.etagOf(this.key, this.version));
  }

  /**
   * Keeps the answer (the caller sends the same Buffer: no copy is made for the cache), unless the request
   * was not admitted or the version moved while it was computed.
   */
  keep(body: Buffer, contentType: string): void {
    this.cache.store(this, body, contentType);
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private currentVersion = 1;
  private size = 0;
  private enabled = true;
  /** Another process's version 5 is not ours: ETags carry the process they were made in. */
  private readonly boot = randomBytes(6).toString('base64url');
  private readonly now: () => number;
  private readonly counts = { hits: 0, misses: 0, stored: 0, evicted: 0, notStored: 0, firstSight: 0 };
  /** Keys seen fewer than admitAfter times, with how often; insertion order: oldest first. */
  private readonly seen = new Map<string, number>();
  private seenCharacters = 0;
  private readonly admitAfter: number;
  private readonly bumps: Record<BumpReason, number> = {
    load: 0,
    event: 0,
    'events-degraded': 0,
    'events-ok': 0,
    'events-lost': 0,
    stamp: 0,
  };

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.admitAfter = Math.max(1, options.admitAfter ?? 2);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** False while answers may be stale without the cache knowing (events degraded): nothing served or kept. */
  get serving(): boolean {
    return this.enabled;
  }

  /** A new version: every answer kept so far is dropped, and answers being computed will not be kept. */
  bump(reason: BumpReason): void {
    this.currentVersion++;
    this.bumps[reason]++;
    for (const key of this.entries.keys()) this.noteSeen(key, this.admitAfter - 1);
    this.entries.clear();
    this.size = 0;
  }

  /** Off: dropped and bypassed until on again (a new version either way, so nothing from before returns). */
  setServing(serving: boolean): void {
    if (serving === this.enabled) return;
    this.enabled = serving;
    this.bump(serving ? 'events-ok' : 'events-degraded');
  }

  /** The answer kept for key under the current version, or undefined (counted as a miss). */
  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      if (this.options.ttlMs > 0 && this.now() - entry.storedAt >= this.options.ttlMs) {
        this.remove(key, entry);
      } else {
        // Most recently used last: eviction takes from the front.
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.counts.hits++;
        return entry;
      }
    }
    this.counts.misses++;
    return undefined;
  }

  /**
   * What a miss needs: the version it is answered under, and whether this sighting of the key admits its
   * answer (one more sighting is noted otherwise).
   */
  ticket(key: string): CacheTicket {
    const sightings = (this.seen.get(key) ?? 0) + 1;
    const admitted = sightings >= this.admitAfter;
    if (!admitted) {
      this.counts.firstSight++;
      this.noteSeen(key, sightings);
    }
    return new CacheTicket(this, key, this.currentVersion, admitted);
  }

  /** Notes a key's sightings (the most recent last); past the bounds the oldest notes are forgotten. */
  private noteSeen(key: string, sightings: number): void {
    if (sightings < 1) return;
    this.forget(key);
    this.seen.set(key, sightings);
    this.seenCharacters += key.length;
    while (this.seen.size > SEEN_KEYS || this.seenCharacters > SEEN_CHARACTERS) {
      this.forget(this.seen.keys().next().value!);
    }
  }

  private forget(key: string): void {
    if (this.seen.delete(key)) this.seenCharacters -= key.length;
  }

  etagOf(key: string, version: number): string {
    const digest = createHash('sha1').update(key).digest('base64url').slice(0, 22);
    return `W/"${this.boot}.${version}.${digest}"`;
  }

  store(ticket: CacheTicket, buffer: Buffer, contentType: string): void {
    if (!ticket.admitted) return;
    if (!this.enabled || ticket.version !== this.currentVersion) {
      this.counts.notStored++;
      return;
    }
    const bytes = buffer.length + ticket.key.length * 2 + ENTRY_OVERHEAD;
    // One answer larger than the whole bound would evict everything and still not fit.
    if (bytes > this.options.maxBytes) {
      this.counts.notStored++;
      return;
    }
    const previous = this.entries.get(ticket.key);
    if (previous) this.remove(ticket.key, previous, true);
    this.entries.set(ticket.key, {
      body: buffer,
      contentType,
      etag: ticket.etag(),
      storedAt: this.now(),
      bytes,
    });
    this.forget(ticket.key);
    this.size += bytes;
    this.counts.stored++;
    for (const [key, entry] of this.entries) {
      if (this.size <= this.options.maxBytes) break;
      this.remove(key, entry);
      this.counts.evicted++;
    }
  }

  stats(): ResponseCacheStats {
    return {
      version: this.currentVersion,
      entries: this.entries.size,
      bytes: this.size,
      ...this.counts,
      bumps: { ...this.bumps },
    };
  }

  /** Drops an answer; unless it is being replaced, its request is noted as seen (admitted next time). */
  private remove(key: string, entry: CachedAnswer, replaced = false): void {
    this.entries.delete(key);
    this.size -= entry.bytes;
    if (!replaced) this.noteSeen(key, this.admitAfter - 1);
  }
}
