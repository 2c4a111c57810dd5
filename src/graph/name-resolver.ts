import DataLoader from 'dataloader';
import { z } from 'zod';
import { QueryRunner } from '../db/database';
import { BadUserInputError } from '../domain/errors';
import { nameWords, wordStem } from '../domain/names';
import { parseRow, readRows } from './named-query';
import { CandidateRow, RankedMatch, decide, rankCandidates } from './name-ranking';
import { EntityRecord, entityRecord } from './records';

export type { RankedMatch } from './name-ranking';

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

/**
 * Words Neo4j's standard analyzers drop from the index: a query cannot require them (the name's own
 * words are still compared in full by the ranking).
 */
export const LUCENE_STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** Longer words are looked up as written: no prefix, no spelling neighbours (see luceneQueries). */
export const MAX_FUZZY_WORD = 40;

const escapeLucene = (w: string) => w.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');

/**
 * The two Lucene queries for a name. `words` finds every name holding all the words asked, whatever their
 * form ("attack" finds "attacks", "Ukraine" finds "Ukraine’s": a prefix of the stem; prefixes are not
 * analysed, so the words are folded here as the index folds them). `spelling` finds names one or two
 * edits away, for suggestions. An empty query is the empty phrase, which matches nothing.
 */
export function luceneQueries(ref: string): { words: string; spelling: string } {
  // Lucene refuses the automaton of a prefix or fuzzy query on a very long term ("input automaton is too
  // large"); no name has words that long, so such a word is looked up as written.
  const words = [...new Set(nameWords(ref))].filter((w) => !LUCENE_STOP_WORDS.has(w));
  const required = words.map((w) =>
    w.length > MAX_FUZZY_WORD
      ? `+${escapeLucene(w)}`
      : `+(${escapeLucene(w)} OR ${escapeLucene(wordStem(w))}*)`,
  );
  const spelling = words.map((w) =>
    w.length > MAX_FUZZY_WORD
      ? escapeLucene(w)
      : w.length >= 8
        ? `${escapeLucene(w)}~2`
        : w.length >= 4
          ? `${escapeLucene(w)}~1`
          : escapeLucene(w),
  );
  return { words: required.join(' ') || '""', spelling: spelling.join(' OR ') || '""' };
}

/** Enough rows for every entity holding all the words of a common name; suggestions need only a few. */
const WORD_MATCHES = 100;
const SPELLING_MATCHES = 10;
const candidateRow = z.object({
  entity: entityRecord,
  documentAliases: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});

/** Candidates for several names in one round trip, keyed by the name as given. */
async function candidates(db: QueryRunner, refs: readonly string[]): Promise<Map<string, CandidateRow[]>> {
  const rows = await readRows(db, 'resolve', {
    refs: refs.map((ref) => ({ ref, ...luceneQueries(ref) })),
    wordMatches: WORD_MATCHES,
    spellingMatches: SPELLING_MATCHES,
  });
  const found = new Map<string, CandidateRow[]>();
  for (const row of rows) {
    const list = found.get(String(row.key)) ?? [];
    list.push(parseRow('resolve', candidateRow, row));
    found.set(String(row.key), list);
  }
  return found;
}

const RANKED = 25;

/**
 * No entity name or alias is longer; a longer argument is refused before Lucene sees it (its tokenizer cuts
 * a long word into 255-character pieces, and a query of over 1,024 of them fails as TooManyClauses).
 */
export const MAX_NAME_LENGTH = 500;

export class NameResolver {
  /** Names asked for in the same tick, by any request, go to the database together. */
  private readonly batch: DataLoader<string, CandidateRow[]>;

  constructor(
    db: QueryRunner,
    private readonly cache: ResolutionCache,
  ) {
    this.batch = new DataLoader(
      async (refs) => {
        const found = await candidates(db, refs);
        return refs.map((ref) => found.get(ref) ?? []);
      },
      { cache: false },
    );
  }

  /** Every candidate for a name, best first, with its score and how it matched (the rule: name-ranking.ts). */
  async rank(ref: string, limit = RANKED): Promise<RankedMatch[]> {
    const key = ref.trim();
    if (!key || key.length > MAX_NAME_LENGTH) return [];
    return rankCandidates(key, await this.batch.load(key)).slice(0, limit);
  }

  /** The one entity an argument names (by id, name or alias), or BAD_USER_INPUT listing the candidates. */
  async resolve(ref: string, argument: string): Promise<EntityRecord> {
    const key = ref.trim();
    if (!key)
      throw new BadUserInputError(`Argument "${argument}" must name an entity (an id, name or alias).`, {
        argument,
      });
    if (key.length > MAX_NAME_LENGTH)
      throw new BadUserInputError(
        `Argument "${argument}" must be at most ${MAX_NAME_LENGTH} characters: no entity has a longer name.`,
        { argument, max: MAX_NAME_LENGTH },
      );
    const cached = this.cache.get(key);
    if (cached) return cached;
    const decision = decide(await this.rank(key));
    if (decision.outcome === 'RESOLVED') {
      this.cache.set(key, decision.match.entity);
      return decision.match.entity;
    }
    const listed = decision.outcome === 'AMBIGUOUS' ? decision.close : decision.nearest;
    const candidates = listed.slice(0, 8).map((m) => ({
      id: m.entity.id,
      name: m.entity.name,
      kind: m.entity.kind.toUpperCase(),
      matchedOn: m.matchedOn,
      matchKind: m.kind,
      score: m.score,
    }));
    const named = (list: typeof candidates) => list.map((c) => `${c.name} (${c.id}, ${c.score})`).join(', ');
    const message =
      decision.outcome === 'AMBIGUOUS'
        ? `"${key}" (argument "${argument}") matches ${candidates.length} entities equally well: ${named(candidates)}. Pass an id or a more specific name.`
        : `No entity is named "${key}" (argument "${argument}")${
            candidates.length ? `; did you mean ${named(candidates.slice(0, 3))}?` : '.'
          }`;
    throw new BadUserInputError(message, { argument, value: key, reason: decision.outcome, candidates });
  }
}
