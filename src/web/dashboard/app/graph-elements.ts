/**
 * What the dashboard's graph view draws (graph-view.ts): the API's subgraph as cytoscape elements, each
 * with its label, colour, shape and size as data, and the stylesheet that draws them from it.
 */
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { FACT_COLOR, kindStyle, polarityColor } from './theme';
import type { GraphEdge, Subgraph } from './types';

/** How the elements are drawn: most of it read from the data graphElements gives each one. */
export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 2,
      'border-color': '#ffffff',
      label: 'data(label)',
      'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
      'font-size': 12,
      'font-weight': 600,
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2.5,
      'min-zoomed-font-size': 6,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
      'font-size': 8,
      color: '#6b7280',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      // Fact labels vanish when zoomed out so the stance labels, the point of the page, stay legible.
      'min-zoomed-font-size': 7,
    },
  },
  {
    selector: 'edge[kind = "STANCE"]',
    style: {
      width: 2.6,
      'font-size': 10,
      'font-weight': 700,
      color: 'data(color)',
      'z-index': 2,
      'min-zoomed-font-size': 6,
    },
  },
  { selector: '.hidden', style: { display: 'none' } },
  // Entities a load just brought in, until the next one: a ring a reader's eye finds.
  {
    selector: 'node.fresh',
    style: { 'underlay-color': '#f59e0b', 'underlay-opacity': 0.45, 'underlay-padding': 10 },
  },
  { selector: '.faded', style: { opacity: 0.22 } },
  {
    selector: 'node.match',
    style: { 'underlay-color': '#2563eb', 'underlay-opacity': 0.28, 'underlay-padding': 9 },
  },
  {
    selector: 'node:selected',
    style: {
      label: 'data(name)',
      'border-color': '#111827',
      'border-width': 3.5,
      'underlay-color': '#111827',
      'z-index': 10,
    },
  },
  {
    selector: 'edge:selected',
    style: { width: 5, 'underlay-color': '#111827', 'underlay-opacity': 0.15, 'underlay-padding': 4 },
  },
];

const LABEL_MAX = 32;

/**
 * Long names ("End of foreign military aid and intelligence sharing with Ukraine") are cut at a word
 * boundary on the canvas, where they would cover their neighbours; the selected node shows it in full, as
 * do the evidence panel and the tooltips.
 */
function shortLabel(name: string): string {
  if (name.length <= LABEL_MAX) return name;
  const cut = name.slice(0, LABEL_MAX + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > LABEL_MAX / 2 ? cut.slice(0, space) : cut.slice(0, LABEL_MAX)).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The subgraph as cytoscape elements, in an order that does not depend on the database. */
export function graphElements(graph: Subgraph): ElementDefinition[] {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    for (const id of [e.from.id, e.to.id]) degree.set(id, (degree.get(id) ?? 0) + 1);
  }
  // The layout depends on element order, and the API orders ties (equally connected entities) as the
  // database happens to return them: sorting makes the picture the same on every load.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const nodes: ElementDefinition[] = [...graph.nodes]
    .sort((a, b) => compare(a.id, b.id))
    .map((n) => {
      const style = kindStyle(n.kind);
      return {
        group: 'nodes',
        data: {
          id: n.id,
          label: shortLabel(n.name),
          name: n.name,
          kind: n.kind,
          color: style.color,
          shape: style.shape,
          // Hubs a little larger, so the actors the article is about stand out at a glance.
          size: Math.round(22 + 5 * Math.sqrt(degree.get(n.id) ?? 0)),
        },
      };
    });
  const known = new Set(graph.nodes.map((n) => n.id));
  // Fact ids are database-internal and change with every load, so edges are ordered by what they join.
  const edgeKey = (e: GraphEdge) => `${e.from.id}\u0000${e.to.id}\u0000${e.type}`;
  const edges: ElementDefinition[] = [...graph.edges]
    .sort((a, b) => compare(edgeKey(a), edgeKey(b)))
    .filter((e) => known.has(e.from.id) && known.has(e.to.id))
    .map((e) => ({
      group: 'edges',
      data: {
        id: e.id,
        source: e.from.id,
        target: e.to.id,
        label: e.type,
        kind: e.kind,
        type: e.type,
        polarity: e.polarity ?? '',
        color: e.kind === 'STANCE' ? polarityColor(e.polarity) : FACT_COLOR,
      },
    }));
  return [...nodes, ...edges];
}
