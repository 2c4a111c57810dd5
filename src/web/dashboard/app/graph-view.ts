// cytoscape rather than @neo4j-nvl/base: cytoscape is MIT-licensed, a self-contained canvas renderer with
// built-in layouts (cose here) and no network needs, so it bundles into an offline page without licence
// restrictions; NVL's licence limits its use outside Neo4j products.
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { FACT_COLOR, kindStyle, polarityColor } from './theme';
import type { EntityKind, GraphEdge, Polarity, Subgraph } from './types';

export interface FilterState {
  kinds: Set<EntityKind>;
  polarities: Set<Polarity>;
  stanceKinds: Set<string>;
  facts: boolean;
}

export interface GraphEvents {
  node(id: string): void;
  edge(id: string): void;
  background(): void;
}

const MAX_FIT_ZOOM = 1.4;

const STYLE: StylesheetJson = [
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

function elements(graph: Subgraph): ElementDefinition[] {
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

/** The drawn graph: cytoscape plus the dashboard's notions of filtering, search matches and focus. */
export class GraphView {
  readonly cy: Core;
  private readonly edgesById: Map<string, GraphEdge>;

  constructor(container: HTMLElement, graph: Subgraph, events: GraphEvents) {
    this.edgesById = new Map(graph.edges.map((e) => [e.id, e]));
    this.cy = cytoscape({
      container,
      elements: elements(graph),
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (evt) => events.node(evt.target.id()));
    this.cy.on('tap', 'edge', (evt) => events.edge(evt.target.id()));
    this.cy.on('tap', (evt) => {
      if (evt.target === this.cy) events.background();
    });
  }

  /**
   * Places the visible nodes; call it once the container has its final size (the layout takes its shape).
   * cose (force-directed, built in) from a circle rather than random positions: the same data always gives
   * the same picture, which keeps screenshots comparable and positions stable for the tests. Hubs (Putin,
   * Ukraine) get longer edges and more push so their many neighbours do not pile up on them; the result is
   * then stretched sideways to the panel's shape, since a force layout comes out roughly round. The
   * numbers were picked by measuring label overlap against zoom over a sweep of settings on the seed graph.
   */
  layout(): void {
    const visible = this.cy.elements(':visible');
    visible.layout({ name: 'circle', animate: false }).run();
    visible
      .layout({
        name: 'cose',
        animate: false,
        randomize: false,
        idealEdgeLength: (edge) =>
          40 + 4 * Math.min(edge.source().degree(false), edge.target().degree(false)),
        nodeRepulsion: (node) => 10_000 + 2_000 * node.degree(false),
        nodeOverlap: 20,
        gravity: 1.5,
        numIter: 3_000,
        componentSpacing: 40,
        padding: 10,
      } as cytoscape.CoseLayoutOptions)
      .run();
    this.stretchToPanel(visible.nodes());
  }

  private stretchToPanel(nodes: cytoscape.NodeCollection): void {
    if (nodes.length < 2 || !this.cy.height()) return;
    const box = nodes.boundingBox({ includeLabels: false });
    const factor = Math.min(
      2.2,
      Math.max(1, ((this.cy.width() / this.cy.height()) * box.h) / Math.max(box.w, 1)),
    );
    const centre = (box.x1 + box.x2) / 2;
    nodes.positions((node) => ({
      x: centre + (node.position('x') - centre) * factor,
      y: node.position('y'),
    }));
  }

  /** Fits what is shown, but a handful of nodes is not blown up to fill the canvas. */
  fit(): void {
    const shown = this.cy.elements(':visible');
    this.cy.fit(shown, 24);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(shown);
    }
  }

  edge(id: string): GraphEdge | undefined {
    return this.edgesById.get(id);
  }

  /** Every edge touching the node, drawn or filtered out: the evidence panel lists them all. */
  edgesOf(nodeId: string): GraphEdge[] {
    return [...this.edgesById.values()].filter((e) => e.from.id === nodeId || e.to.id === nodeId);
  }

  stanceEdgesBetween(actorId: string, targetId: string): GraphEdge[] {
    return [...this.edgesById.values()].filter(
      (e) => e.kind === 'STANCE' && e.from.id === actorId && e.to.id === targetId,
    );
  }

  /** Returns how many nodes and edges remain visible. */
  applyFilters(f: FilterState): { nodes: number; edges: number } {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.toggleClass('hidden', !f.kinds.has(n.data('kind') as EntityKind));
      });
      this.cy.edges().forEach((e) => {
        const endsShown = !e.source().hasClass('hidden') && !e.target().hasClass('hidden');
        const shown =
          e.data('kind') === 'FACT'
            ? f.facts
            : f.stanceKinds.has(e.data('type') as string) && f.polarities.has(e.data('polarity') as Polarity);
        e.toggleClass('hidden', !(endsShown && shown));
      });
    });
    const hiddenSelected = this.cy.$(':selected.hidden');
    if (hiddenSelected.nonempty()) hiddenSelected.unselect();
    return { nodes: this.cy.nodes(':visible').length, edges: this.cy.edges(':visible').length };
  }

  /**
   * Selects a node or edge and spotlights its neighbourhood. The view pans only when the element is out of
   * sight (a search hit, a matrix cell): moving the graph under the reader's own click would disorient.
   */
  focus(id: string): void {
    const el = this.cy.getElementById(id);
    if (el.empty()) return;
    this.cy.elements().unselect();
    el.select();
    // group() rather than isNode(): isNode is a type guard that narrows the edge branch to `never`.
    this.spotlight(el.group() === 'nodes' ? el.closedNeighborhood() : el.union(el.connectedNodes()));
    const box = el.renderedBoundingBox({});
    const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.cy.width() && box.y2 <= this.cy.height();
    if (!inView) this.cy.animate({ center: { eles: el }, duration: 250 });
  }

  /** Dims everything but `keep`; called with nothing, restores full opacity. */
  spotlight(keep?: cytoscape.CollectionArgument): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded');
      if (keep) this.cy.elements().not(keep).addClass('faded');
    });
  }

  /** Marks search matches; the selection's spotlight is dropped so the matches are what stands out. */
  markMatches(ids: string[]): number {
    const set = new Set(ids);
    const matches = this.cy.nodes().filter((n) => set.has(n.id()));
    this.cy.batch(() => {
      this.cy.nodes().removeClass('match');
      matches.addClass('match');
    });
    this.spotlight(matches.length ? matches.union(matches.edgesWith(matches)) : undefined);
    return matches.length;
  }
}
