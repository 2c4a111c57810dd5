import type { DashboardApi } from './api';
import { clear, h, words } from './dom';
import { swatch } from './filters';
import { renderMarkedText, type Span } from './text-marks';
import { FACT_COLOR, SHAPE_CLIP, kindStyle, polarityColor } from './theme';
import type { GraphEdge, GraphNode, Mention, SearchHit } from './types';

type SentenceHit = Extract<SearchHit, { __typename: 'Sentence' }>;

interface Selection {
  /** What was clicked, for the panel's heading. */
  heading: (Node | null)[];
  /** The entity whose point of view the edge list takes: the one clicked, the actor, the edge's start. */
  around: string;
  edges: GraphEdge[];
  mentions?: Mention[];
  /** How many places name the entity: `mentions` holds at most the first 100 (Entity.mentions(first:)). */
  mentionsCount?: number;
  /** A bare sentence (a search hit) to highlight without any edge. */
  sentences?: { id: string; start: number; end: number; documentId: string }[];
}

/**
 * "12 mentions", or "100 of 1954 mentions" when there are more than were asked for (an entity's mentions
 * are capped at 100, an edge's quotes at the API's default of 5).
 */
function shownOf(shown: number, count: number, noun: string): string {
  const words = `${noun}${count === 1 ? '' : 's'}`;
  return shown < count ? `${shown} of ${count} ${words}` : `${count} ${words}`;
}

/** An edge's row title: "3 quotes", or "5 of 35 quotes" when only the first five came. */
function quoteWords(edge: GraphEdge): string {
  return shownOf(edge.evidence.length, edge.evidenceCount, 'quote');
}

/**
 * The right-hand panel: what was clicked, the edges whose evidence is shown, and each document's text
 * with the evidence sentences highlighted, the quotes in <mark> and (for an entity) its mentions underlined.
 */
export class EvidencePanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private seq = 0;

  constructor(
    private readonly api: DashboardApi,
    private readonly nodes: Map<string, GraphNode>,
    private readonly onEdge: (id: string) => void,
  ) {
    this.body = h('div', { class: 'evidence-body' });
    this.element = h(
      'section',
      { class: 'panel evidence', 'aria-label': 'Evidence' },
      h('header', { class: 'panel-head' }, h('h2', {}, 'Evidence')),
      this.body,
    );
    this.showIntro();
  }

  private name(id: string): string {
    return this.nodes.get(id)?.name ?? id;
  }

  showIntro(): void {
    this.seq++;
    clear(this.body);
    this.body.append(
      h(
        'div',
        { class: 'intro' },
        h(
          'p',
          {},
          'Click an entity or an edge in the graph, a cell of the stance matrix or a search result.',
        ),
        h(
          'p',
          { class: 'muted' },
          'The article is shown with the sentences that state it highlighted and the verbatim quotes marked.',
        ),
      ),
    );
  }

  async showNode(node: GraphNode, edges: GraphEdge[]): Promise<void> {
    const style = kindStyle(node.kind);
    const seq = ++this.seq;
    const entity = await this.api.entity(node.id).catch(() => null);
    if (seq !== this.seq) return;
    await this.render(seq, {
      heading: [
        h('span', { class: 'kind-chip' }, swatch(style.color, 'shape', SHAPE_CLIP[style.shape]), style.label),
        h('h3', {}, node.name),
        node.description ? h('p', { class: 'description' }, node.description) : null,
      ],
      edges,
      around: node.id,
      mentions: entity?.mentions ?? [],
      mentionsCount: entity?.mentionsCount,
    });
  }

  async showEdge(edge: GraphEdge): Promise<void> {
    await this.render(++this.seq, { heading: [this.edgeTitle(edge)], edges: [edge], around: edge.from.id });
  }

  async showCell(actorId: string, targetId: string, edges: GraphEdge[]): Promise<void> {
    const title = h('h3', {}, `${this.name(actorId)} × ${this.name(targetId)}`);
    const heading = [h('span', { class: 'kind-chip' }, 'Stance matrix cell'), title];
    await this.render(++this.seq, { heading, edges, around: actorId });
  }

  async showSentence(hit: SentenceHit): Promise<void> {
    await this.render(++this.seq, {
      heading: [h('span', { class: 'kind-chip' }, 'Search result'), h('h3', {}, hit.document.title)],
      edges: [],
      around: '',
      sentences: [{ id: hit.id, start: hit.start, end: hit.end, documentId: hit.document.id }],
    });
  }

  private edgeTitle(edge: GraphEdge): HTMLElement {
    const color = edge.kind === 'STANCE' ? polarityColor(edge.polarity) : FACT_COLOR;
    const type = h('span', { class: 'edge-type' }, words(edge.type));
    type.style.setProperty('--edge', color);
    return h(
      'h3',
      { class: 'edge-title' },
      h('span', {}, this.name(edge.from.id)),
      type,
      h('span', {}, this.name(edge.to.id)),
      edge.polarity ? h('span', { class: 'muted small' }, ` (${words(edge.polarity)})`) : null,
    );
  }

  /** Rows read from `around`'s point of view: "rejects → Full ceasefire", "criticizes ← Zelensky". */
  private edgeList(edges: GraphEdge[], around: string): HTMLElement | null {
    if (!edges.length) return null;
    // Stances first: they are what the dashboard is about; facts follow as context.
    const sorted = [...edges].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'STANCE' ? -1 : 1));
    const list = h('ul', { class: 'edge-list' });
    for (const edge of sorted) {
      const color = edge.kind === 'STANCE' ? polarityColor(edge.polarity) : FACT_COLOR;
      const outgoing = edge.from.id === around;
      const button = h(
        'button',
        { type: 'button', class: 'edge-row', 'data-edge-id': edge.id },
        swatch(color, 'line'),
        h('span', { class: 'edge-type-text' }, words(edge.type)),
        h('span', { class: 'edge-dir' }, outgoing ? '→' : '←'),
        h('span', { class: 'edge-end' }, this.name(outgoing ? edge.to.id : edge.from.id)),
        h('span', { class: 'count' }, `${edge.evidenceCount} q`),
      );
      button.title = `${quoteWords(edge)} — click to show only this edge`;
      button.addEventListener('click', () => this.onEdge(edge.id));
      list.append(h('li', {}, button));
    }
    return list;
  }

  private async render(seq: number, sel: Selection): Promise<void> {
    const byDoc = new Map<string, { sentences: Span[]; quotes: Span[]; mentions: Span[] }>();
    const doc = (id: string) => {
      let entry = byDoc.get(id);
      if (!entry) byDoc.set(id, (entry = { sentences: [], quotes: [], mentions: [] }));
      return entry;
    };
    for (const edge of sel.edges) {
      const label = `${this.name(edge.from.id)} ${words(edge.type)} ${this.name(edge.to.id)}`;
      for (const ev of edge.evidence) {
        const d = doc(ev.document.id);
        d.sentences.push({ ...ev.sentence, labels: [label], strong: true });
        d.quotes.push({ start: ev.start, end: ev.end, labels: [label] });
      }
    }
    for (const m of sel.mentions ?? []) {
      const d = doc(m.document.id);
      d.sentences.push({ ...m.sentence, labels: [`names it as “${m.surface}”`] });
      d.mentions.push({ start: m.start, end: m.end });
    }
    for (const s of sel.sentences ?? []) doc(s.documentId).sentences.push({ ...s, strong: true });

    const shown = sel.edges.reduce((n, e) => n + e.evidence.length, 0);
    const quoteCount = sel.edges.reduce((n, e) => n + e.evidenceCount, 0);
    const summary = [
      sel.edges.length ? `${sel.edges.length} edge${sel.edges.length === 1 ? '' : 's'}` : null,
      quoteCount ? shownOf(shown, quoteCount, 'quote') : null,
      sel.mentions ? shownOf(sel.mentions.length, sel.mentionsCount ?? sel.mentions.length, 'mention') : null,
      `${byDoc.size} document${byDoc.size === 1 ? '' : 's'}`,
    ].filter(Boolean);

    clear(this.body);
    this.body.append(
      h('div', { class: 'selection' }, ...sel.heading, h('p', { class: 'muted small' }, summary.join(' · '))),
    );
    const list = this.edgeList(sel.edges, sel.around);
    if (list) this.body.append(list);
    const docs = h('div', { class: 'documents' });
    this.body.append(docs);
    if (!byDoc.size) docs.append(h('p', { class: 'muted' }, 'No evidence recorded for this selection.'));

    for (const [docId, marks] of byDoc) {
      const box = h(
        'article',
        { class: 'document', 'data-document-id': docId },
        h('p', { class: 'muted' }, 'Loading…'),
      );
      docs.append(box);
      const text = await this.api
        .document(docId)
        .catch((err: unknown) => (err instanceof Error ? err : null));
      if (seq !== this.seq) return;
      clear(box);
      if (!text || text instanceof Error) {
        box.append(h('p', { class: 'error' }, text?.message ?? `Document ${docId} was not found.`));
        continue;
      }
      const body = h('div', { class: 'document-text' }, renderMarkedText(text.text, marks));
      box.append(
        h('h4', {}, text.title),
        h('p', { class: 'muted small' }, `${text.source} · ${text.publishedAt}`),
        body,
      );
      // Bring the first evidence into view inside the scrolling box only (scrollIntoView could move the
      // page); .documents is the offsetParent (position: relative), so offsetTop is measured from it.
      if (box === docs.firstElementChild) {
        const first =
          body.querySelector<HTMLElement>('.ev-sentence:not(.ev-sentence-mention)') ??
          body.querySelector<HTMLElement>('.ev-sentence');
        if (first) docs.scrollTop = Math.max(0, first.offsetTop - 32);
      }
    }
  }
}
