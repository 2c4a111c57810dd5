import { nameKey, nameShape } from '../domain/names';
import { EntityRecord } from './records';

/**
 * Name resolution's rule, as a pure function over the candidate rows cypher/queries/resolve.cypher
 * returns (docs/names.md states it with its table; tests/unit/name-ranking.test.ts checks the table).
 *
 * Each candidate entity gets the score of its best way of matching the name asked:
 *   ID 1 · NAME 0.95 · ALIAS 0.95 · DOCUMENT_ALIAS 0.90 · PARTIAL 0.35–0.85 · FUZZY 0–0.30
 * A clear winner beats every other entity by the margin of its kind: 0.05 for an exact match (so an id
 * beats a name, a name or registry alias beats a document alias, and any exact match beats any partial
 * one), 0.10 for a partial match. A fuzzy match never wins: it is a suggestion for an unknown name.
 */
export type MatchKind = 'ID' | 'NAME' | 'ALIAS' | 'DOCUMENT_ALIAS' | 'PARTIAL' | 'FUZZY';

export interface CandidateRow {
  entity: EntityRecord;
  /** Names that documents give it for themselves ((:Document)-[:DESCRIBES {aliases}]->(entity)). */
  documentAliases: string[];
}

export interface RankedMatch {
  entity: EntityRecord;
  score: number;
  kind: MatchKind;
  /** The id, name or alias it matched on. */
  matchedOn: string;
}

export const EXACT_SCORES = { ID: 1, NAME: 0.95, ALIAS: 0.95, DOCUMENT_ALIAS: 0.9 } as const;
export const MARGIN = { EXACT: 0.05, PARTIAL: 0.1 } as const;

/**
 * A partial match: every word asked is a word of the name (in any order; joining words such as "the",
 * "of" aside), and the name has more. Scored 0.35 + 0.25·H + 0.15·P + 0.10·C, where
 *   H = 1 when the words asked include the name's head noun (what the name is a name of: "call" in
 *       "Trump–Putin call of 18 March", "statement" in "Kremlin statement following the Trump–Putin call");
 *   P = the share of the head phrase (the words before the first "of", "on", "following", …) covered;
 *   C = the share of all the name's words covered.
 * H dominates because it separates what a reader means from a name that only mentions it: H's weight
 * exceeds the partial margin, so naming the head noun of one name and not of the other is a clear win,
 * while names that differ only in how much of them was asked stay within the margin (ambiguous).
 */
export function partialScore(asked: string[], name: string): number | undefined {
  const shape = nameShape(name);
  const have = new Set(shape.content);
  if (!asked.length || !asked.every((w) => have.has(w))) return undefined;
  const covered = (words: string[]) =>
    words.length ? words.filter((w) => asked.includes(w)).length / words.length : 0;
  const h = shape.head !== undefined && asked.includes(shape.head) ? 1 : 0;
  return round(0.35 + 0.25 * h + 0.15 * covered(shape.headPhrase) + 0.1 * covered(shape.content));
}

/**
 * A spelling suggestion: 0.2 × the share of words asked that are in the name or one edit away (two for long
 * words), + 0.1 × the share of the name's words so matched (so "Zelensky" is nearer "Zelenskyy" than
 * "Trump–Zelensky call" is).
 */
export function fuzzyScore(asked: string[], name: string): number {
  const words = nameShape(name).content;
  if (!asked.length || !words.length) return 0;
  const near = (a: string, w: string) => editDistance(a, w) <= (a.length >= 8 ? 2 : 1);
  const askedNear = asked.filter((a) => words.some((w) => near(a, w))).length / asked.length;
  const nameNear = words.filter((w) => asked.some((a) => near(a, w))).length / words.length;
  return askedNear ? round(0.2 * askedNear + 0.1 * nameNear) : 0;
}

/** How one candidate entity matches the name asked, at its best. */
export function matchOf(ref: string, row: CandidateRow): RankedMatch {
  const { entity } = row;
  if (entity.id === ref) return { entity, score: EXACT_SCORES.ID, kind: 'ID', matchedOn: entity.id };
  const key = nameKey(ref);
  const exact = (kind: 'NAME' | 'ALIAS' | 'DOCUMENT_ALIAS', names: string[]) => {
    const hit = names.find((n) => nameKey(n) === key);
    return hit === undefined ? undefined : { entity, score: EXACT_SCORES[kind], kind, matchedOn: hit };
  };
  const found =
    exact('NAME', [entity.name]) ??
    exact('ALIAS', entity.aliases) ??
    exact('DOCUMENT_ALIAS', row.documentAliases);
  if (found) return found;
  const asked = nameShape(ref).content;
  const names = [entity.name, ...entity.aliases, ...row.documentAliases];
  const best = (score: (name: string) => number | undefined) =>
    names
      .map((name) => ({ name, score: score(name) ?? -1 }))
      .reduce((a, b) => (b.score > a.score ? b : a), { name: entity.name, score: -1 });
  const partial = best((n) => partialScore(asked, n));
  if (partial.score >= 0) return { entity, score: partial.score, kind: 'PARTIAL', matchedOn: partial.name };
  const fuzzy = best((n) => fuzzyScore(asked, n));
  return { entity, score: Math.max(0, fuzzy.score), kind: 'FUZZY', matchedOn: fuzzy.name };
}

/** Every candidate entity once, at its best match, best first (then by id, so the order is stable). */
export function rankCandidates(ref: string, rows: CandidateRow[]): RankedMatch[] {
  const byEntity = new Map<string, RankedMatch>();
  for (const row of rows) {
    const match = matchOf(ref, row);
    const seen = byEntity.get(row.entity.id);
    if (!seen || match.score > seen.score) byEntity.set(row.entity.id, match);
  }
  return [...byEntity.values()].sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id));
}

export type Decision =
  | { outcome: 'RESOLVED'; match: RankedMatch }
  /** The best candidates, all within the margin of the best. */
  | { outcome: 'AMBIGUOUS'; close: RankedMatch[] }
  /** Nothing matched but by spelling: the nearest few, as suggestions. */
  | { outcome: 'UNKNOWN'; nearest: RankedMatch[] };

const SUGGESTIONS = 5;

/** Whether the ranked candidates (rankCandidates) have a clear winner. */
export function decide(ranked: RankedMatch[]): Decision {
  const [best, runnerUp] = ranked;
  if (!best || best.kind === 'FUZZY')
    return { outcome: 'UNKNOWN', nearest: ranked.filter((m) => m.score > 0).slice(0, SUGGESTIONS) };
  const margin = best.kind === 'PARTIAL' ? MARGIN.PARTIAL : MARGIN.EXACT;
  // Scores are rounded to thousandths, so the comparison is exact at the margin itself.
  if (!runnerUp || round(best.score - runnerUp.score) >= margin) return { outcome: 'RESOLVED', match: best };
  return {
    outcome: 'AMBIGUOUS',
    close: ranked.filter((m) => m.kind !== 'FUZZY' && round(best.score - m.score) < margin),
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** Levenshtein distance, stopping early: only "within one or two edits" is ever asked. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}
