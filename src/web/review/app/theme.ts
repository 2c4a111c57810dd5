import { ENTITY_KINDS, FACT_COLOR, POLARITIES, kindStyle } from '../../dashboard/app/theme';
import type { EntityKind, Polarity } from '../../dashboard/app/types';
import { CLAIM_KINDS, type ClaimKind } from '../../../domain/vocabulary';

/**
 * The review page draws with the dashboard's colours, so that a reader of both sees one code: claims in
 * their polarity's colour (green support, red oppose, amber conditional), facts grey, entities underlined
 * in their kind's colour. Confidence is the strength of the colour, in three steps named in the legend.
 */

export { ENTITY_KINDS, FACT_COLOR, POLARITIES };

export type Confidence = 'high' | 'mid' | 'low';

/** ≥ 0.8 is what the drafter's calibration promises to be right at least 80 % of the time (docs/draft.md). */
export function confidenceStep(confidence: number): Confidence {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'mid' : 'low';
}

export const CONFIDENCE_STEPS: readonly { step: Confidence; label: string }[] = [
  { step: 'high', label: 'confidence ≥ 0.8' },
  { step: 'mid', label: '0.5 – 0.8' },
  { step: 'low', label: 'below 0.5' },
];

export function polarityOf(claimKind: string | undefined): Polarity | undefined {
  return claimKind && claimKind in CLAIM_KINDS ? CLAIM_KINDS[claimKind as ClaimKind].polarity : undefined;
}

export function polarityColor(polarity: string | undefined): string {
  return POLARITIES.find((p) => p.polarity === polarity)?.color ?? FACT_COLOR;
}

/** An entity kind in either spelling (Person, PERSON). */
export function entityColor(kind: string | undefined): string {
  return kindStyle((kind ?? '').toUpperCase() as EntityKind).color;
}
