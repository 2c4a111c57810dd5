import type { QueryRunner } from '../db/database';
import { nameWords, wordStem } from '../domain/names';
import type { EntityKind } from '../domain/vocabulary';
import { CandidateRow, RankedMatch, decide, editDistance, rankCandidates } from '../graph/name-ranking';
import { LUCENE_STOP_WORDS, MAX_FUZZY_WORD, NameResolver, ResolutionCache } from '../graph/name-resolver';
import { storedRegistry } from '../ingest/registry-store';
import { readCorpus } from './corpus';
import type { EntityLinker, LinkCandidate } from './types';

/**
 * How the drafter asks which known entity a name means: the API's own rule (src/graph/name-ranking.ts,
 * docs/names.md), over the graph (graphLinker) or over entities held in memory (memoryLinker, for a draft
 * with no database at hand and for the leave-one-out benchmark). Only a clear winner links; an ambiguous
 * or unknown name gives nothing, and the drafter makes a new entity of it.
 */

/** An entity the linker may link to, as the graph would store it. */
export interface KnownEntity {
  id: string;
  kind: EntityKind;
  /** The stored name: the registry's, or for a local entity that of the earliest document declaring it. */
  name: string;
  /** The registry's aliases, or for a local entity every alias documents give it. */
  aliases: string[];
  /** The names documents give it for themselves ((:Document)-[:DESCRIBES {aliases}]->(entity)). */
  documentAliases?: string[];
  /** In the corpus registry (corpus/entities.yaml). */
  registered: boolean;
}

/** The resolver's answer for one name as the drafter needs it: the winner, or nothing. */
function linkOf(ranked: RankedMatch[], registered: (id: string) => boolean): LinkCandidate | undefined {
  const decision = decide(ranked);
  if (decision.outcome !== 'RESOLVED') return undefined;
  const { entity, score, kind } = decision.match;
  return {
    id: entity.id,
    kind: entity.kind as EntityKind,
    name: entity.name,
    score,
    matchKind: kind,
    registered: registered(entity.id),
  };
}

/** Names as the resolver takes them: trimmed, each asked once; an empty name is never asked. */
const keysOf = (names: readonly string[]) => [...new Set(names.map((n) => n.trim()).filter(Boolean))];

/**
 * The API's resolver over the graph. Names asked together go to the database in one round trip
 * (NameResolver batches what is asked in one tick); whether a winner is a registry entity is read from
 * the registry as stored, once a call.
 */
export function graphLinker(runner: QueryRunner): EntityLinker {
  const resolver = new NameResolver(runner, new ResolutionCache());
  return {
    async link(names) {
      const keys = keysOf(names);
      const [ranked, registry] = await Promise.all([
        Promise.all(keys.map((key) => resolver.rank(key))),
        keys.length ? storedRegistry(runner) : undefined,
      ]);
      const byKey = new Map(keys.map((key, i) => [key, ranked[i]]));
      const registered = (id: string) => registry?.byId.has(id) ?? false;
      return new Map(names.map((name) => [name, linkOf(byKey.get(name.trim()) ?? [], registered)]));
    },
  };
}

interface Indexed {
  row: CandidateRow;
  registered: boolean;
  /** Every word of its names as the fulltext index holds them. */
  words: string[];
}

/** Words a query asks for, as luceneQueries builds them: each distinct word once, stop words dropped. */
const askedWords = (ref: string) => [...new Set(nameWords(ref))].filter((w) => !LUCENE_STOP_WORDS.has(w));

/** `+(word OR stem*)`: the name holds the word, or a word starting with its stem ("attack" finds "attacks"). */
const holds = (words: string[], asked: string) =>
  words.some((w) => w === asked || (asked.length <= MAX_FUZZY_WORD && w.startsWith(wordStem(asked))));

/** `word~1` (`~2` from eight letters, exact under four): a spelling neighbour, for suggestions. */
const near = (words: string[], asked: string) =>
  words.some((w) =>
    asked.length < 4 || asked.length > MAX_FUZZY_WORD
      ? w === asked
      : editDistance(asked, w) <= (asked.length >= 8 ? 2 : 1),
  );

/**
 * The candidates cypher/queries/resolve.cypher would return, simply: the entity whose id is the name; every
 * entity whose names hold all the words asked; and spelling neighbours (the graph keeps the ten best by
 * Lucene's score; here all are kept: a spelling match never wins, so only a near tie could differ).
 */
function candidates(ref: string, known: Indexed[]): CandidateRow[] {
  const asked = askedWords(ref);
  return known
    .filter(
      (k) =>
        k.row.entity.id === ref ||
        (asked.length > 0 && asked.every((a) => holds(k.words, a))) ||
        asked.some((a) => near(k.words, a)),
    )
    .map((k) => k.row);
}

/** The same answers as graphLinker over a graph holding these entities, from memory. */
export function memoryLinker(entities: readonly KnownEntity[]): EntityLinker {
  const known: Indexed[] = entities.map((e) => {
    const documentAliases = e.documentAliases ?? [];
    return {
      row: {
        entity: {
          id: e.id,
          kind: e.kind,
          name: e.name,
          aliases: e.aliases,
          description: null,
          date: null,
          dateText: null,
        },
        documentAliases,
      },
      registered: e.registered,
      words: [...new Set([e.name, ...e.aliases, ...documentAliases].flatMap(nameWords))],
    };
  });
  const registered = new Set(known.filter((k) => k.registered).map((k) => k.row.entity.id));
  const isRegistered = (id: string) => registered.has(id);
  return {
    link(names) {
      const answers = new Map<string, LinkCandidate | undefined>();
      for (const name of names) {
        const key = name.trim();
        answers.set(
          name,
          key ? linkOf(rankCandidates(key, candidates(key, known)), isRegistered) : undefined,
        );
      }
      return Promise.resolve(answers);
    },
  };
}

/**
 * The entities a graph loaded from this corpus directory would hold: the registry's (entities.yaml) with
 * the documents' own names for them as document aliases, and each document's local entities — named as
 * the earliest document declaring it names it (publishedAt, then id), with every document's aliases, as
 * cypher/ingest/12-entity-properties.cypher stores them. `exclude` leaves documents out (by id), for
 * leave-one-out benchmarking: the drafted document must not know its own annotation.
 */
export function knownEntitiesFromCorpus(
  dir: string,
  options: { exclude?: readonly string[] } = {},
): KnownEntity[] {
  const { registry, documents } = readCorpus(dir, options);
  const known = new Map<string, KnownEntity>();
  for (const e of registry.byId.values())
    known.set(e.id, {
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: [...e.aliases],
      documentAliases: [],
      registered: true,
    });
  const ordered = [...documents].sort(
    (a, b) =>
      a.annotation.document.publishedAt.localeCompare(b.annotation.document.publishedAt) ||
      a.id.localeCompare(b.id),
  );
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  for (const { annotation } of ordered) {
    for (const e of annotation.entities) {
      const seen = known.get(e.id);
      if (!seen) {
        const aliases = union([], e.aliases);
        known.set(e.id, {
          id: e.id,
          kind: e.kind,
          name: e.name,
          aliases,
          documentAliases: aliases,
          registered: false,
        });
        continue;
      }
      seen.documentAliases = union(seen.documentAliases ?? [], e.aliases);
      if (!seen.registered) seen.aliases = union(seen.aliases, e.aliases);
    }
  }
  return [...known.values()].sort((a, b) => a.id.localeCompare(b.id));
}
