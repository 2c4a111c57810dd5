import type { CellPolarity, EntityKind, Polarity } from './types';

/**
 * Entity kinds in legend order (actors first, then what they act on), each with a colour and a shape. The
 * colours steer clear of the saturated green/red/amber reserved for stance polarity; the shape is a second
 * cue for readers who cannot tell the hues apart, and is repeated in the legend.
 */
export const ENTITY_KINDS: readonly { kind: EntityKind; label: string; color: string; shape: NodeShape }[] = [
  { kind: 'PERSON', label: 'Person', color: '#3b6fb6', shape: 'ellipse' },
  { kind: 'COUNTRY', label: 'Country', color: '#7b4fb0', shape: 'round-rectangle' },
  { kind: 'ORGANIZATION', label: 'Organization', color: '#1f8a9e', shape: 'round-rectangle' },
  { kind: 'GROUP', label: 'Group', color: '#4f9a94', shape: 'round-octagon' },
  { kind: 'PLACE', label: 'Place', color: '#b0658f', shape: 'round-triangle' },
  { kind: 'FACILITY', label: 'Facility', color: '#6b7785', shape: 'round-tag' },
  { kind: 'PROPOSAL', label: 'Proposal', color: '#c77c2e', shape: 'round-diamond' },
  { kind: 'CONDITION', label: 'Condition', color: '#a08a2a', shape: 'round-diamond' },
  { kind: 'EVENT', label: 'Event', color: '#8c6d5a', shape: 'round-hexagon' },
  { kind: 'ATTACK', label: 'Attack', color: '#8e2c3c', shape: 'star' },
];

export type NodeShape =
  | 'ellipse'
  | 'round-rectangle'
  | 'round-octagon'
  | 'round-triangle'
  | 'round-tag'
  | 'round-diamond'
  | 'round-hexagon'
  | 'star';

const KIND_INDEX = new Map(ENTITY_KINDS.map((k) => [k.kind, k]));

export function kindStyle(kind: EntityKind): (typeof ENTITY_KINDS)[number] {
  // An unknown kind (the API grew one) still draws, in neutral grey, instead of breaking the page.
  return KIND_INDEX.get(kind) ?? { kind, label: kind, color: '#888888', shape: 'ellipse' };
}

export const POLARITIES: readonly { polarity: Polarity; label: string; color: string }[] = [
  { polarity: 'SUPPORT', label: 'Support', color: '#2e9d4f' },
  { polarity: 'OPPOSE', label: 'Oppose', color: '#d43d3d' },
  { polarity: 'CONDITIONAL', label: 'Conditional', color: '#e0a100' },
];

export const FACT_COLOR = '#a3a9b0';
export const CONFLICTING_COLOR = '#7d3fa6';

export function polarityColor(polarity: CellPolarity | null): string {
  if (polarity === 'CONFLICTING') return CONFLICTING_COLOR;
  return POLARITIES.find((p) => p.polarity === polarity)?.color ?? FACT_COLOR;
}

/**
 * CSS clip-paths that draw the legend swatches in the same shapes cytoscape uses for the nodes, so the
 * legend is read as "this shape, this colour" without an image per kind.
 */
export const SHAPE_CLIP: Record<NodeShape, string> = {
  ellipse: 'circle(50% at 50% 50%)',
  'round-rectangle': 'inset(8% 0 8% 0 round 25%)',
  'round-octagon': 'polygon(30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%)',
  'round-triangle': 'polygon(50% 0, 100% 100%, 0 100%)',
  'round-tag': 'polygon(0 10%, 70% 10%, 100% 50%, 70% 90%, 0 90%)',
  'round-diamond': 'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'round-hexagon': 'polygon(25% 5%, 75% 5%, 100% 50%, 75% 95%, 25% 95%, 0 50%)',
  star: 'polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)',
};
