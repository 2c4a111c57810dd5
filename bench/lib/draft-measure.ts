import { Figures, figures } from '../../src/draft/score';
import { median, round } from './report';

/** The pure arithmetic of npm run bench:draft: words, speed per 1,000 words, figures pooled over documents. */

/** Words as a reader counts them: runs of non-space holding a letter or a digit ("–" alone is not one). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** One draft of one document, timed. */
export interface Run {
  parseMs: number;
  extractMs: number;
  /** Around draftArticle, as the caller waits for it (parse + extract + validation and the YAML). */
  wallMs: number;
  /** The backend's first draft in this process: model loading and JIT warm-up land here. */
  first: boolean;
}

export interface Speed {
  parseMs: number;
  extractMs: number;
  wallMs: number;
  /** Per 1,000 words of the article. */
  parseMsPer1000Words: number;
  extractMsPer1000Words: number;
  wallMsPer1000Words: number;
}

export function speed(run: Pick<Run, 'parseMs' | 'extractMs' | 'wallMs'>, words: number): Speed {
  const per = (ms: number) => round((ms * 1000) / Math.max(1, words), 1);
  return {
    parseMs: round(run.parseMs, 1),
    extractMs: round(run.extractMs, 1),
    wallMs: round(run.wallMs, 1),
    parseMsPer1000Words: per(run.parseMs),
    extractMsPer1000Words: per(run.extractMs),
    wallMsPer1000Words: per(run.wallMs),
  };
}

/** The median warm run (every run but the backend's first); null when there is none. */
export function warmSpeed(runs: readonly Run[], words: number): Speed | null {
  const warm = runs.filter((r) => !r.first);
  if (!warm.length) return null;
  const m = (f: (r: Run) => number) => median(warm.map(f));
  return speed(
    { parseMs: m((r) => r.parseMs), extractMs: m((r) => r.extractMs), wallMs: m((r) => r.wallMs) },
    words,
  );
}

/** Warm speed over several documents: their median warm times summed, per 1,000 of their words summed. */
export function pooledSpeed(documents: readonly { words: number; warm: Speed | null }[]): Speed | null {
  const timed = documents.filter((d) => d.warm !== null);
  if (!timed.length) return null;
  const sum = (f: (s: Speed) => number) => timed.reduce((n, d) => n + f(d.warm!), 0);
  return speed(
    { parseMs: sum((s) => s.parseMs), extractMs: sum((s) => s.extractMs), wallMs: sum((s) => s.wallMs) },
    timed.reduce((n, d) => n + d.words, 0),
  );
}

/** Micro-averaged figures: correct, drafted and expected summed over documents. */
export function pooledFigures(parts: readonly Figures[]): Figures {
  const sum = (f: (p: Figures) => number) => parts.reduce((n, p) => n + f(p), 0);
  return figures(
    sum((p) => p.correct),
    sum((p) => p.drafted),
    sum((p) => p.expected),
  );
}

/** The targets for a draft of one article (issue 15), each met or not. */
export interface Targets {
  entities: boolean;
  stances: boolean;
  quotes: boolean;
  valid: boolean;
  speed: boolean | null;
}

export const TARGETS = {
  entities: { precision: 0.85, recall: 0.85 },
  stances: { precision: 0.7, recall: 0.6 },
  /** Warm, parse and extraction together. */
  msPer1000Words: 5_000,
  /** Share right among items above 0.8 confidence. */
  calibration: 0.8,
} as const;

const atLeast = (value: number | null, target: number) => value !== null && value >= target;

export function targetsMet(input: {
  entities: Figures;
  stances: Figures;
  quotes: { total: number; verbatim: number } | null;
  valid: boolean;
  warm: Speed | null;
}): Targets {
  return {
    entities:
      atLeast(input.entities.precision, TARGETS.entities.precision) &&
      atLeast(input.entities.recall, TARGETS.entities.recall),
    stances:
      atLeast(input.stances.precision, TARGETS.stances.precision) &&
      atLeast(input.stances.recall, TARGETS.stances.recall),
    quotes: input.quotes !== null && input.quotes.verbatim === input.quotes.total,
    valid: input.valid,
    speed:
      input.warm === null
        ? null
        : input.warm.parseMsPer1000Words + input.warm.extractMsPer1000Words < TARGETS.msPer1000Words,
  };
}
