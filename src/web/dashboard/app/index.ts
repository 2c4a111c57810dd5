import './styles/base.css';
import './styles/sidebar.css';
import './styles/graph-matrix.css';
import './styles/evidence.css';
import type { Core } from 'cytoscape';
import { DashboardApi } from './api';
import { h } from './dom';
import { EvidencePanel } from './evidence';
import { FilterPanel, swatch } from './filters';
import { GraphView } from './graph-view';
import { type DocumentLoadedEvent, LiveFeed, LiveIndicator, Notices } from './live';
import { MatrixView } from './matrix';
import { SearchPanel } from './search';
import { ENTITY_KINDS, FACT_COLOR, POLARITIES, SHAPE_CLIP } from './theme';
import type { DashboardConfig, GraphNode, StanceMatrix, Subgraph } from './types';

declare global {
  interface Window {
    __STANCEGRAPH_DASHBOARD__?: DashboardConfig;
    /** The cytoscape instance, for tests and for poking at the graph from the devtools console. */
    __cy?: Core;
  }
}

type Regions = 'root' | 'sidebar' | 'graph' | 'legend' | 'counts' | 'tools' | 'center' | 'right' | 'status';

function layout(): Record<Regions, HTMLElement> {
  const sidebar = h('aside', { class: 'sidebar', 'aria-label': 'Search and filters' });
  const graph = h('div', { class: 'cy', id: 'cy', 'aria-label': 'Knowledge graph' });
  const graphWrap = h('div', { class: 'graph-wrap' }, graph);
  const counts = h('span', { class: 'muted small', 'data-role': 'counts' });
  const tools = h('span', { class: 'tools' });
  // Below the canvas rather than over it, so it never hides a node and `fit` can use the whole canvas.
  const legendSlot = h('footer', { class: 'legend' });
  const center = h(
    'main',
    { class: 'center' },
    h(
      'section',
      { class: 'panel graph-panel', 'aria-label': 'Graph' },
      h('header', { class: 'panel-head' }, h('h2', {}, 'Graph'), counts, tools),
      graphWrap,
      legendSlot,
    ),
  );
  const right = h('aside', { class: 'right' });
  const status = h('span', { class: 'status' });
  const root = h(
    'div',
    { class: 'app' },
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, 'stancegraph', h('span', {}, 'dashboard')),
      h(
        'p',
        { class: 'tagline' },
        'Who holds which position on what — every edge backed by a verbatim quote',
      ),
      status,
      h('nav', { 'aria-label': 'Pages' }, h('a', { href: '/review' }, 'Review a new article')),
    ),
    sidebar,
    center,
    right,
  );
  return { root, sidebar, graph, legend: legendSlot, counts, tools, center, right, status };
}

/** Under the graph so a screenshot explains itself; the filter panel repeats it with counts. */
function legend(graph: Subgraph): HTMLElement[] {
  const present = new Set(graph.nodes.map((n) => n.kind));
  const kinds = ENTITY_KINDS.filter((k) => present.has(k.kind)).map((k) =>
    h('span', { class: 'legend-item' }, swatch(k.color, 'shape', SHAPE_CLIP[k.shape]), k.label),
  );
  const edges = [
    ...POLARITIES.map((p) =>
      h('span', { class: 'legend-item' }, swatch(p.color, 'line'), `${p.label} stance`),
    ),
    h('span', { class: 'legend-item' }, swatch(FACT_COLOR, 'line'), 'Fact'),
  ];
  return [h('div', { class: 'legend-row' }, ...kinds), h('div', { class: 'legend-row' }, ...edges)];
}

function button(label: string, action: string, onClick: () => void): HTMLButtonElement {
  const el = h('button', { type: 'button', class: 'button', 'data-action': action }, label);
  el.addEventListener('click', onClick);
  return el;
}

async function main(): Promise<void> {
  const config = window.__STANCEGRAPH_DASHBOARD__;
  const mount = document.getElementById('dashboard');
  if (!config || !mount) throw new Error('stancegraph dashboard: missing page config or #dashboard element');
  const api = new DashboardApi(config.endpoint);
  const ui = layout();
  mount.replaceWith(ui.root);
  ui.root.id = 'dashboard';

  const matrix = new MatrixView();
  ui.center.append(matrix.element);
  // The matrix does not wait for the graph: the two queries run side by side.
  const matrixLoad = api.stanceMatrix().then(
    (m) => matrix.render(m),
    (err: unknown) => matrix.showError(err instanceof Error ? err.message : String(err)),
  );

  // The live feed starts with the page (its indicator shows from the first paint); what it announces is
  // held until the graph is drawn, then redrawn in place.
  const indicator = new LiveIndicator();
  const notices = new Notices();
  ui.status.append(indicator.element);
  ui.root.append(notices.element);
  const follow: { loaded?: (e: DocumentLoadedEvent) => void; reconnected?: () => void } = {};
  const early: DocumentLoadedEvent[] = [];
  const live = new LiveFeed(config.endpoint, indicator, {
    loaded: (e) => (follow.loaded ? follow.loaded(e) : early.push(e)),
    reconnected: () => follow.reconnected?.(),
  });
  window.addEventListener('pagehide', () => live.stop());

  let graph: Subgraph;
  try {
    graph = await api.graph();
  } catch (err) {
    ui.graph.append(h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
    await matrixLoad;
    return;
  }
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  // The legend and the matrix decide how much height the canvas gets, and the layout is shaped to the
  // canvas, so the graph is drawn once both are in place.
  ui.legend.append(...legend(graph));
  await matrixLoad;

  // The handlers below refer to `view` and `evidence` before both exist; they only run on user input,
  // by which time both do.
  const showNode = (id: string) => {
    const node = nodes.get(id);
    view.focus(id);
    if (node) void evidence.showNode(node, view.edgesOf(id));
  };
  const showEdge = (id: string) => {
    const edge = view.edge(id);
    view.focus(id);
    if (edge) void evidence.showEdge(edge);
  };
  const evidence = new EvidencePanel(api, nodes, showEdge);
  ui.right.append(evidence.element);
  const view: GraphView = new GraphView(ui.graph, graph, {
    node: showNode,
    edge: showEdge,
    background: () => {
      view.spotlight();
      evidence.showIntro();
    },
  });
  window.__cy = view.cy;
  matrix.onCell = (cell) => {
    const edges = view.stanceEdgesBetween(cell.actor.id, cell.target.id);
    if (edges.length === 1 && edges[0]) view.focus(edges[0].id);
    void evidence.showCell(cell.actor.id, cell.target.id, edges);
  };

  const updateCounts = (shown: { nodes: number; edges: number }) => {
    ui.counts.textContent =
      `${shown.nodes} of ${graph.nodes.length} entities · ${shown.edges} of ${graph.edges.length} edges` +
      (graph.truncated ? ' (graph truncated)' : '');
  };
  // Positions stay put when filtering (the reader's mental map); only the zoom follows what is left.
  const filters = new FilterPanel(graph, (state) => {
    updateCounts(view.applyFilters(state));
    view.fit();
  });
  const search = new SearchPanel(api, {
    matches: (ids) => view.markMatches(ids),
    entity: showNode,
    sentence: (hit) => void evidence.showSentence(hit),
  });
  ui.sidebar.append(search.element, filters.element);
  ui.tools.append(
    button('Fit', 'fit', () => view.fit()),
    button('Re-layout', 'relayout', () => {
      view.layout();
      view.fit();
    }),
  );
  updateCounts(view.applyFilters(filters.state()));
  // Laid out only now, with every panel in place: cytoscape measures its container when it starts, and
  // the layout is shaped to that size.
  view.cy.resize();
  view.layout();
  view.fit();
  // Later size changes (window, panels) only resize the canvas, leaving the reader's zoom and pan alone.
  new ResizeObserver(() => view.cy.resize()).observe(ui.graph);
  // Tests (and anyone scripting the page) wait for this rather than guessing at timing.
  document.body.dataset.ready = 'true';

  /** The new data, drawn in place: filters, selection, search marks and (mostly) the viewport kept. */
  const apply = (next: Subgraph, nextMatrix: StanceMatrix) => {
    const selectedNode = view.cy.$('node:selected').id();
    const edgesBefore = selectedNode ? edgeIds(view.edgesOf(selectedNode)) : '';
    graph = next;
    nodes.clear();
    for (const n of next.nodes) nodes.set(n.id, n);
    const change = view.update(next);
    filters.update(next);
    ui.legend.replaceChildren(...legend(next));
    updateCounts(view.applyFilters(filters.state()));
    view.refit();
    matrix.render(nextMatrix);
    // The evidence of a selected entity that gained or lost edges is shown anew; anything else stays.
    if (selectedNode && nodes.has(selectedNode) && edgeIds(view.edgesOf(selectedNode)) !== edgesBefore) {
      void evidence.showNode(nodes.get(selectedNode)!, view.edgesOf(selectedNode));
    }
    return change;
  };

  // Events that arrive while a redraw runs are folded into the next one: a corpus load (one event per
  // document) costs a few redraws, not one each.
  const waiting: string[] = [];
  let dirty = false;
  let drawing = false;
  let redraws = 0;
  const redraw = async () => {
    dirty = true;
    if (drawing) return;
    drawing = true;
    try {
      while (dirty) {
        dirty = false;
        const announced = waiting.splice(0);
        let detail: string;
        try {
          const [next, nextMatrix] = await Promise.all([api.graph(), api.stanceMatrix()]);
          const change = apply(next, nextMatrix);
          detail = change.added.length
            ? `${change.added.length} new ${change.added.length === 1 ? 'entity' : 'entities'} in the graph`
            : 'The graph is up to date.';
          if (change.added.length) {
            for (const id of announced) notices.action(id, 'Show', () => view.showFresh());
          }
        } catch (err) {
          detail = `Could not redraw: ${err instanceof Error ? err.message : String(err)}`;
        }
        for (const id of announced) notices.annotate(id, detail);
        // Tests wait for this count rather than for a time.
        document.body.dataset.redraws = String(++redraws);
      }
    } finally {
      drawing = false;
    }
  };
  follow.loaded = (event) => {
    if (event.status === 'REPLACED') api.forget(event.id);
    notices.show(event);
    waiting.push(event.eventId);
    void redraw();
  };
  // Loads made while the socket was down were not announced: catch up on them.
  follow.reconnected = () => void redraw();
  for (const event of early.splice(0)) follow.loaded?.(event);
}

function edgeIds(edges: { id: string }[]): string {
  return edges
    .map((e) => e.id)
    .sort()
    .join(' ');
}

main().catch((err: unknown) => {
  console.error(err);
  const message = err instanceof Error ? err.message : String(err);
  document.body.append(h('p', { class: 'error fatal' }, `The dashboard failed to start: ${message}`));
});
