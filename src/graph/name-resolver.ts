import DataLoader from 'dataloader';
import { BadUserInputError } from '../domain/errors';
import { normalizeName } from '../domain/names';
import { Candidate, EntityStore } from './entity.store';
import { EntityRecord } from './records';

export interface RankedMatch {
  entity: EntityRecord;
  /** 1 for an id, 0.95 for an exact name or alias, below for partial and fuzzy matches. */
  score: number;
  /** The id, name or alias the match was made on. */
  matchedOn: string;
  tier: 'ID' | 'EXACT' | 'ALL_WORDS' | 'FUZZY';
}

const TIER_BASE = { ID: 1, EXACT: 0.95, ALL_WORDS: 0.5, FUZZY: 0 } as const;

/** Ranks fulltext candidates for a name the way an analyst expects: exact names before partial ones. */
export function rankCandidates(ref: string, candidates: Candidate[]): RankedMatch[] {
  const wanted = normalizeName(ref);
  const words = wanted.split(' ').filter(Boolean);
  const topScore = Math.max(1e-9, ...candidates.filter((c) => c.entity.id !== ref).map((c) => c.score));
  const ranked = candidates.map(({ entity, score }): RankedMatch => {
    if (entity.id === ref) return { entity, score: 1, matchedOn: entity.id, tier: 'ID' };
    const names = [entity.name, ...entity.aliases];
    const exact = names.find((n) => normalizeName(n) === wanted);
    if (exact) return { entity, score: TIER_BASE.EXACT, matchedOn: exact, tier: 'EXACT' };
    const relative = Math.min(1, score / topScore);
    const allWords = names.find((n) => {
      const have = new Set(normalizeName(n).split(' '));
      return words.length > 0 && words.every((w) => have.has(w));
    });
    if (allWords)
      return { entity, score: TIER_BASE.ALL_WORDS + 0.4 * relative, matchedOn: allWords, tier: 'ALL_WORDS' };
    const best = names
      .map((n) => ({
        n,
        shared: normalizeName(n)
          .split(' ')
          .filter((w) => words.includes(w)).length,
      }))
      .sort((a, b) => b.shared - a.shared)[0];
    return { entity, score: 0.4 * relative, matchedOn: best?.n ?? entity.name, tier: 'FUZZY' };
  });
  return ranked.sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id));
}

interface Cached {
  entity: EntityRecord;
  at: number;
}

/**
 * Resolved names, shared by all requests: dashboards ask the same names over and over, and a hit saves a
 * round trip. Only unambiguous answers are kept, for a bounded time, and every load clears the cache.
 */
export class ResolutionCache {
  private readonly entries = new Map<string, Cached>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): EntityRecord | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.entity;
  }

  set(key: string, entity: EntityRecord): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { entity, at: Date.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}

const CANDIDATES = 25;

export class NameResolver {
  /** Names asked for in the same tick, by any request, go to the database together. */
  private readonly batch: DataLoader<string, Candidate[]>;

  constructor(
    private readonly store: EntityStore,
    private readonly cache: ResolutionCache,
  ) {
    this.batch = new DataLoader(
      async (refs) => {
        const found = await this.store.candidates(
          refs.map((ref) => ({ ref, words: normalizeName(ref).split(' ').filter(Boolean) })),
          CANDIDATES,
        );
        return refs.map((ref) => found.get(ref) ?? []);
      },
      { cache: false },
    );
  }

  async rank(ref: string, limit = CANDIDATES): Promise<RankedMatch[]> {
    const key = ref.trim();
    if (!key) return [];
    return rankCandidates(key, await this.batch.load(key)).slice(0, limit);
  }

  /** The one entity an argument names (by id, name or alias), or BAD_USER_INPUT listing the candidates. */
  async resolve(ref: string, argument: string): Promise<EntityRecord> {
    const key = ref.trim();
    if (!key)
      throw new BadUserInputError(`Argument "${argument}" must name an entity (an id, name or alias).`, {
        argument,
      });
    const cached = this.cache.get(key);
    if (cached) return cached;
    const ranked = await this.rank(key);
    const chosen = pick(ranked);
    if (chosen) {
      this.cache.set(key, chosen.entity);
      return chosen.entity;
    }
    const strong = ranked.filter((m) => m.tier !== 'FUZZY');
    const candidates = (strong.length ? strong : ranked).slice(0, 8).map((m) => ({
      id: m.entity.id,
      name: m.entity.name,
      kind: m.entity.kind.toUpperCase(),
      matchedOn: m.matchedOn,
    }));
    const reason = strong.length ? 'AMBIGUOUS' : 'UNKNOWN';
    const message =
      reason === 'AMBIGUOUS'
        ? `"${key}" (argument "${argument}") matches ${strong.length} entities: ${candidates.map((c) => `${c.name} (${c.id})`).join(', ')}. Pass an id or a more specific name.`
        : `No entity is named "${key}" (argument "${argument}")${
            candidates.length
              ? `; did you mean ${candidates
                  .slice(0, 3)
                  .map((c) => `${c.name} (${c.id})`)
                  .join(', ')}?`
              : '.'
          }`;
    throw new BadUserInputError(message, { argument, value: key, reason, candidates });
  }
}

/** An id or an exact name wins if it is the only one; else one entity holding every word asked. */
function pick(ranked: RankedMatch[]): RankedMatch | undefined {
  const id = ranked.find((m) => m.tier === 'ID');
  if (id) return id;
  const exact = ranked.filter((m) => m.tier === 'EXACT');
  if (exact.length) return exact.length === 1 ? exact[0] : undefined;
  const allWords = ranked.filter((m) => m.tier === 'ALL_WORDS');
  return allWords.length === 1 ? allWords[0] : undefined;
}
