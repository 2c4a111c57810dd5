import type { DraftItemType } from './types';

/**
 * Whether a draft's confidence means something: of the items given a confidence in a band, how many were
 * right. The target (issue 15) is that items above 0.8 are right at least 80 % of the time.
 */

/** One drafted item, as judged against the hand annotation. */
export interface CalibrationItem {
  type: DraftItemType;
  /** Entity id, claim id, or `from-TYPE-to` for a fact. */
  id: string;
  confidence: number;
  correct: boolean;
}

export interface Tally {
  count: number;
  correct: number;
  /** correct / count; null when there is nothing in it. */
  share: number | null;
}

export interface CalibrationBand extends Tally {
  /** Lower bound, included. */
  from: number;
  /** Upper bound, excluded, except 1.0, which the last band includes. */
  to: number;
  /** The same tally for each item type. */
  byType: Record<DraftItemType, { count: number; correct: number }>;
}

export interface Calibration {
  bands: CalibrationBand[];
  /** Items with a confidence strictly above 0.8 (the target: a share of at least 0.8). */
  above: Tally & { threshold: number };
}

export const BAND_EDGES = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;
export const HIGH_CONFIDENCE = 0.8;

const share = (correct: number, count: number) =>
  count ? Math.round((correct / count) * 1000) / 1000 : null;

/** The band a confidence falls in: 0.2 is in the second band, 1.0 in the last. */
export function bandOf(confidence: number): number {
  const last = BAND_EDGES.length - 2;
  const index = BAND_EDGES.findIndex((edge, i) => i > 0 && confidence < edge) - 1;
  return index < 0 ? last : Math.max(0, index);
}

export function calibrate(items: readonly CalibrationItem[]): Calibration {
  const bands: CalibrationBand[] = BAND_EDGES.slice(0, -1).map((from, i) => ({
    from,
    to: BAND_EDGES[i + 1],
    count: 0,
    correct: 0,
    share: null,
    byType: {
      entity: { count: 0, correct: 0 },
      claim: { count: 0, correct: 0 },
      fact: { count: 0, correct: 0 },
    },
  }));
  for (const item of items) {
    const band = bands[bandOf(item.confidence)];
    band.count++;
    band.byType[item.type].count++;
    if (item.correct) {
      band.correct++;
      band.byType[item.type].correct++;
    }
  }
  for (const band of bands) band.share = share(band.correct, band.count);
  const high = items.filter((i) => i.confidence > HIGH_CONFIDENCE);
  const correct = high.filter((i) => i.correct).length;
  return {
    bands,
    above: { threshold: HIGH_CONFIDENCE, count: high.length, correct, share: share(correct, high.length) },
  };
}
