import { clear, h, words } from './dom';
import { polarityColor } from './theme';
import type { StanceCell, StanceMatrix } from './types';

/**
 * The stance matrix as a heat map: actors down, targets across; a cell's hue is its polarity and its
 * strength the number of quotes behind it. CONFLICTING cells are hatched and say so in words, because
 * the API never averages disagreeing stances and the page should not appear to either.
 */
export class MatrixView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  /** Set once the graph has loaded (the matrix renders first); until then a click does nothing. */
  onCell: (cell: StanceCell) => void = () => {};

  constructor() {
    this.body = h('div', { class: 'matrix-scroll' });
    this.element = h(
      'section',
      { class: 'panel matrix-panel', 'aria-label': 'Stance matrix' },
      h(
        'header',
        { class: 'panel-head' },
        h('h2', {}, 'Stance matrix'),
        h(
          'span',
          { class: 'muted small' },
          'actor × target · colour = polarity, shade = quotes · click a cell',
        ),
      ),
      this.body,
    );
  }

  showError(message: string): void {
    clear(this.body);
    this.body.append(h('p', { class: 'error' }, message));
  }

  render(matrix: StanceMatrix): void {
    clear(this.body);
    if (!matrix.cells.length) {
      this.body.append(h('p', { class: 'muted' }, 'No stances loaded.'));
      return;
    }
    const cells = new Map(matrix.cells.map((c) => [`${c.actor.id}\u0000${c.target.id}`, c]));
    const maxEvidence = Math.max(...matrix.cells.map((c) => c.evidenceCount), 1);

    const head = h('tr', {}, h('th', { class: 'corner', scope: 'col' }, 'actor ↓  target →'));
    for (const t of matrix.targets) {
      // Wrapped to three lines at most (CSS line-clamp); the full name is in the tooltip.
      head.append(h('th', { class: 'col', scope: 'col', title: t.name }, h('span', {}, t.name)));
    }
    const rows = matrix.actors.map((a) => {
      const row = h('tr', {}, h('th', { class: 'row', scope: 'row', title: a.name }, a.name));
      for (const t of matrix.targets) {
        const cell = cells.get(`${a.id}\u0000${t.id}`);
        row.append(cell ? this.cell(cell, maxEvidence) : h('td', { class: 'cell empty' }));
      }
      return row;
    });
    this.body.append(h('table', { class: 'matrix' }, h('thead', {}, head), h('tbody', {}, ...rows)));
    // The API sends the most active rows and columns only, and says how many it left out.
    const leftOut = [
      matrix.actorsLeftOut ? `${matrix.actorsLeftOut} more actor(s)` : '',
      matrix.targetsLeftOut ? `${matrix.targetsLeftOut} more target(s)` : '',
    ].filter(Boolean);
    if (leftOut.length) {
      this.body.append(h('p', { class: 'muted small matrix-more' }, `Not shown: ${leftOut.join(', ')}.`));
    }
  }

  private cell(cell: StanceCell, maxEvidence: number): HTMLElement {
    const conflicting = cell.polarity === 'CONFLICTING';
    const td = h(
      'td',
      {
        class: `cell filled${conflicting ? ' conflicting' : ''}`,
        'data-actor': cell.actor.id,
        'data-target': cell.target.id,
        'data-polarity': cell.polarity,
        tabindex: 0,
        title:
          `${cell.actor.name} × ${cell.target.name}: ${cell.polarity}` +
          (conflicting ? ` (${cell.polarities.join(' vs ')})` : '') +
          `\n${cell.kinds.map(words).join(', ')} · ${cell.stanceCount} stance(s), ${cell.evidenceCount} quote(s)`,
      },
      h('span', { class: 'cell-polarity' }, conflicting ? '⚠ CONFLICTING' : cell.polarity),
      h('span', { class: 'cell-kinds' }, cell.kinds.map(words).join(', ')),
    );
    // Hue from the polarity, strength from the evidence: at least 35% so a single quote stays visible.
    td.style.setProperty('--cell', polarityColor(cell.polarity));
    td.style.setProperty('--strength', `${Math.round(35 + (65 * cell.evidenceCount) / maxEvidence)}%`);
    const open = () => this.onCell(cell);
    td.addEventListener('click', open);
    td.addEventListener('keydown', (evt) => {
      if (evt.key === 'Enter' || evt.key === ' ') {
        evt.preventDefault();
        open();
      }
    });
    return td;
  }
}
