// cytoscape rather than @neo4j-nvl/base: cytoscape is MIT-licensed, a self-contained canvas renderer with
// built-in layouts (cose here) and no network needs, so it bundles into an offline page without licence
// restrictions; NVL's licence limits its use outside Neo4j products.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { GRAPH_STYLE, graphElements } from './graph-elements';
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

/** The drawn graph: cytoscape plus the dashboard's notions of filtering, search matches and focus. */
export class GraphView {
  readonly cy: Core;
  private edgesById: Map<string, GraphEdge>;
  /** Whether the reader has panned or zoomed since the view was last fitted to what is shown. */
  private moved = false;

  constructor(container: HTMLElement, graph: Subgraph, events: GraphEvents) {
    this.edgesById = new Map(graph.edges.map((e) => [e.id, e]));
    this.cy = cytoscape({
      container,
      elements: graphElements(graph),
      style: GRAPH_STYLE,
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
    this.cy.on('dragpan scrollzoom pinchzoom', () => (this.moved = true));
  }

  /**
   * Brings the drawn graph to `graph` in place, as a load changed it: entities and edges that went are
   * removed, the others keep their place (and the selection, when its element is still there), and new
   * entities are placed beside what they connect to, or, when they connect to nothing drawn, laid out as a
   * group to the right of the graph. New entities are marked `fresh` until the next update; the selection's
   * spotlight covers its new neighbours too. The viewport is left alone (see refit()). Returns the ids of
   * the entities added and how many were removed.
   */
  update(graph: Subgraph): { added: string[]; removed: number } {
    const next = graphElements(graph);
    const wanted = new Map(next.map((def) => [def.data.id!, def]));
    this.edgesById = new Map(graph.edges.map((e) => [e.id, e]));
    let removed = 0;
    const added: ElementDefinition[] = [];
    this.cy.batch(() => {
      this.cy.nodes().removeClass('fresh');
      // An edge whose ends changed is replaced: cytoscape does not move an edge through data().
      const stale = this.cy.elements().filter((el) => {
        const def = wanted.get(el.id());
        if (!def) return true;
        return el.isEdge() && (el.source().id() !== def.data.source || el.target().id() !== def.data.target);
      });
      removed = stale.nodes().length;
      stale.remove();
      for (const def of next) {
        const el = this.cy.getElementById(def.data.id!);
        if (el.nonempty()) el.data(def.data);
        else added.push(def);
      }
    });
    const addedNodes = this.cy.add(added).nodes();
    this.place(addedNodes);
    addedNodes.addClass('fresh');
    const selected = this.cy.$(':selected');
    if (selected.nonempty()) {
      const el = selected[0]!;
      this.spotlight(el.group() === 'nodes' ? el.closedNeighborhood() : el.union(el.connectedNodes()));
    }
    return { added: addedNodes.map((n) => n.id()), removed };
  }

  /** Positions entities that were just added, leaving every other one where the reader has seen it. */
  private place(fresh: cytoscape.NodeCollection): void {
    if (fresh.empty()) return;
    const old = this.cy.nodes().not(fresh);
    if (old.empty()) {
      this.layout();
      return;
    }
    let group = this.cy.collection();
    fresh.forEach((node, i) => {
      const anchors = node.neighborhood().nodes().intersection(old).nodes();
      if (anchors.empty()) {
        group = group.union(node);
        return;
      }
      let x = 0;
      let y = 0;
      anchors.forEach((a) => {
        x += a.position('x') / anchors.length;
        y += a.position('y') / anchors.length;
      });
      // Around its anchors, each at its own angle, so that several new neighbours do not land on one spot.
      const angle = (i * 2.4) % (2 * Math.PI);
      node.position({ x: x + 70 * Math.cos(angle), y: y + 70 * Math.sin(angle) });
    });
    if (group.empty()) return;
    // A group of its own (a document about other actors): laid out like the first drawing, then moved
    // beside the existing graph.
    const elements = group.union(group.edgesWith(group));
    // fit: false, here alone: the viewport is the reader's (update() decides whether it follows).
    const side = 90 * Math.sqrt(group.length);
    elements
      .layout({ name: 'circle', animate: false, fit: false, boundingBox: { x1: 0, y1: 0, w: side, h: side } })
      .run();
    if (group.length > 1) {
      elements
        .layout({
          name: 'cose',
          animate: false,
          fit: false,
          randomize: false,
          nodeOverlap: 20,
          numIter: 1_000,
          padding: 10,
        } as cytoscape.CoseLayoutOptions)
        .run();
    }
    const existing = old.boundingBox({ includeLabels: false });
    const box = group.boundingBox({ includeLabels: false });
    const dx = existing.x2 + 120 - box.x1;
    const dy = (existing.y1 + existing.y2) / 2 - (box.y1 + box.y2) / 2;
    group.positions((node) => ({ x: node.position('x') + dx, y: node.position('y') + dy }));
  }

  /** Fits what is shown again, unless the reader has panned or zoomed since the view was last fitted. */
  refit(): void {
    if (!this.moved) this.fit();
  }

  /** Zooms to the entities the last update added, for the notice's "Show" button. */
  showFresh(): void {
    const fresh = this.cy.nodes('.fresh:visible');
    if (fresh.empty()) return;
    this.cy.animate({ fit: { eles: fresh.closedNeighborhood(), padding: 60 }, duration: 300 });
    this.moved = true;
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
    this.moved = false;
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
    if (!inView) {
      this.cy.animate({ center: { eles: el }, duration: 250 });
      this.moved = true;
    }
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
