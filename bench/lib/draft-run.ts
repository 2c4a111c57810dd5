import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { draftArticle } from '../../src/draft/draft';
import type { CorpusDocument } from '../../src/draft/corpus';
import { Calibration, calibrate } from '../../src/draft/calibration';
import { DraftScore, Figures, RegistryEntry, figures, scoreDraft } from '../../src/draft/score';
import type { Draft, EntityLinker, NlpBackend } from '../../src/draft/types';
import type { Registry } from '../../src/ingest/registry';
import { formatProblem, isError, severityOf } from '../../src/ingest/source';
import { validateDocument } from '../../src/ingest/validate';
import { Run, Speed, Targets, pooledFigures, speed, targetsMet, warmSpeed } from './draft-measure';

/** One document of npm run bench:draft, drafted by one backend and judged against its hand annotation. */

export interface BenchDocument {
  corpus: string;
  doc: CorpusDocument;
  registry: Registry;
  words: number;
  /** The registry and every other document of its corpus, not this one (leave-one-out). */
  leaveOneOut: EntityLinker;
  /** The registry and every document, this one included: its own entities are known. */
  ownEntitiesKnown: EntityLinker;
}

export interface Verdict {
  /** The validator accepts the draft as written (npm run validate would). */
  valid: boolean;
  errors: number;
  warnings: number;
  /** The first problems, as npm run validate prints them. */
  problems: string[];
}

export interface Judged {
  score: DraftScore;
  verdict: Verdict;
}

export interface DocumentResult {
  corpus: string;
  id: string;
  backend: string;
  words: number;
  /** What the hand annotation holds: a failed document misses all of it. */
  expected: Record<Part, number>;
  runs: Run[];
  /** The backend's first draft in this process, when it was of this document. */
  first: Speed | null;
  warm: Speed | null;
  /** Every run gave the same graph.yaml. */
  deterministic: boolean;
  leaveOneOut?: Judged & { targets: Targets };
  ownEntitiesKnown?: Judged;
  /** draftArticle threw: the document counts as a failure. */
  error?: string;
}

const SHOWN_PROBLEMS = 10;

export type Part = 'entities' | 'stances' | 'stancesStrict' | 'facts';
const PARTS: Record<Part, (s: DraftScore) => Figures> = {
  entities: (s) => s.entities,
  stances: (s) => s.stances,
  stancesStrict: (s) => s.stances.strict,
  facts: (s) => s.facts,
};

function judge(draft: Draft, d: BenchDocument): Judged {
  const { input, annotation: hand } = d.doc;
  const entries: RegistryEntry[] = [...d.registry.byId.values()];
  const score = scoreDraft(draft.annotation, hand, { registry: entries, article: input.article });
  const { problems } = validateDocument({
    folderId: d.doc.id,
    articleFile: input.articleFile,
    annotationFile: path.join(path.dirname(input.annotationFile), 'graph.yaml (draft)'),
    article: input.article,
    articleBytes: input.articleBytes,
    annotation: draft.yaml,
    registry: d.registry,
  });
  const errors = problems.filter(isError);
  return {
    score,
    verdict: {
      valid: errors.length === 0,
      errors: errors.length,
      warnings: problems.filter((p) => severityOf(p) === 'warning').length,
      problems: [...errors, ...problems.filter((p) => !isError(p))]
        .slice(0, SHOWN_PROBLEMS)
        .map(formatProblem),
    },
  };
}

/** Drafts one document `runs` times with the leave-one-out linker (timed), then once knowing its entities. */
export async function benchDocument(
  nlp: NlpBackend,
  d: BenchDocument,
  runs: number,
  firstOfBackend: boolean,
): Promise<DocumentResult> {
  const hand = d.doc.annotation.document;
  const options = {
    article: d.doc.input.article,
    date: hand.publishedAt,
    id: d.doc.id,
    title: hand.title,
    source: hand.source,
  };
  const timed: Run[] = [];
  const yamls = new Set<string>();
  const nothing = scoreDraft({ ...d.doc.annotation, entities: [], claims: [], facts: [] }, d.doc.annotation);
  const result = (rest: Partial<DocumentResult>): DocumentResult => {
    const first = timed.find((r) => r.first);
    return {
      corpus: d.corpus,
      id: d.doc.id,
      backend: nlp.name,
      words: d.words,
      expected: {
        entities: nothing.entities.expected,
        stances: nothing.stances.expected,
        stancesStrict: nothing.stances.strict.expected,
        facts: nothing.facts.expected,
      },
      runs: timed,
      first: first ? speed(first, d.words) : null,
      warm: warmSpeed(timed, d.words),
      deterministic: yamls.size <= 1,
      ...rest,
    };
  };
  try {
    let draft: Draft | undefined;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      draft = await draftArticle(options, { nlp, linker: d.leaveOneOut, registry: d.registry });
      const wallMs = performance.now() - started;
      timed.push({
        parseMs: draft.parseMs,
        extractMs: draft.extractMs,
        wallMs,
        first: firstOfBackend && i === 0,
      });
      yamls.add(draft.yaml);
    }
    const leaveOneOut = judge(draft!, d);
    const own = judge(
      await draftArticle(options, { nlp, linker: d.ownEntitiesKnown, registry: d.registry }),
      d,
    );
    const warm = warmSpeed(timed, d.words);
    const targets = targetsMet({
      entities: leaveOneOut.score.entities,
      stances: leaveOneOut.score.stances,
      quotes: leaveOneOut.score.quotes,
      valid: leaveOneOut.verdict.valid,
      warm,
    });
    return result({ leaveOneOut: { ...leaveOneOut, targets }, ownEntitiesKnown: own });
  } catch (error) {
    return result({ error: error instanceof Error ? error.message : String(error) });
  }
}

export interface PooledFigures extends Record<Part, Figures> {
  /** Drafts the validator rejected: pooled as if they had found nothing. */
  rejected: string[];
  /** Documents draftArticle failed on: pooled as having found nothing. */
  failed: string[];
  /** Over every drafted item, rejected drafts' included (the drafter's confidence, not the validator's). */
  calibration: Calibration;
}

/**
 * Micro-averaged over documents. A draft the validator rejects, or a document the drafter failed on, counts
 * as finding nothing: issue 15 judges a rejected draft a failure.
 */
export function pool(
  results: readonly DocumentResult[],
  linker: 'leaveOneOut' | 'ownEntitiesKnown',
): PooledFigures {
  const judged = results.map((r) => ({ r, j: r[linker] }));
  const counted = (part: Part) =>
    pooledFigures(
      judged.map(({ r, j }) => (j?.verdict.valid ? PARTS[part](j.score) : figures(0, 0, r.expected[part]))),
    );
  return {
    entities: counted('entities'),
    stances: counted('stances'),
    stancesStrict: counted('stancesStrict'),
    facts: counted('facts'),
    rejected: judged.filter(({ j }) => j && !j.verdict.valid).map(({ r }) => r.id),
    failed: results.filter((r) => r.error !== undefined).map((r) => r.id),
    calibration: calibrate(judged.flatMap(({ j }) => j?.score.items ?? [])),
  };
}
