import { clear, h } from '../../dashboard/app/dom';
import { errorParts } from './form';
import { isError } from './item-list';
import type { Counts } from './review-state';
import type { LoadResult, Problem, ReviewConfig } from './types';

export interface ActionHandlers {
  acceptUntouched(): void;
  validate(): void;
  load(): void;
  download(file: 'graph.yaml' | 'article.txt'): void;
}

function button(label: string, action: string, onClick: () => void, primary = false): HTMLButtonElement {
  const el = h(
    'button',
    { type: 'button', class: primary ? 'button primary' : 'button', 'data-action': action },
    label,
  );
  el.addEventListener('click', onClick);
  return el;
}

/** A query that shows the loaded document and its stances, for the playground link. */
function documentQuery(id: string): string {
  const quoted = JSON.stringify(id);
  return `{
  document(id: ${quoted}) { id title publishedAt }
  stances(documents: [${quoted}], first: 200) {
    edges {
      node {
        kind
        polarity
        method
        confidence
        actor { name }
        target { name }
        evidence { quote }
      }
    }
  }
}
`;
}

/** The counts of decisions, the Validate / Load / Download buttons, and what the last of them answered. */
export class ReviewActions {
  readonly element: HTMLElement;
  private readonly counts = h('p', { class: 'counts', 'aria-live': 'polite' });
  private readonly result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  private readonly buttons: HTMLButtonElement[];

  constructor(
    handlers: ActionHandlers,
    private readonly config: ReviewConfig,
  ) {
    this.buttons = [
      button('Accept all untouched', 'accept-untouched', () => handlers.acceptUntouched()),
      button('Validate', 'validate', () => handlers.validate()),
      button('Load into the graph', 'load', () => handlers.load(), true),
      button('Download graph.yaml', 'download-yaml', () => handlers.download('graph.yaml')),
      button('Download article.txt', 'download-article', () => handlers.download('article.txt')),
    ];
    this.element = h(
      'section',
      { class: 'panel actions-panel', 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title', class: 'visually-hidden' }, 'Decisions and actions'),
      this.counts,
      h('div', { class: 'action-buttons' }, ...this.buttons),
      this.result,
    );
  }

  showCounts(c: Counts): void {
    const part = (label: string, n: number, status: string, extra = '') =>
      h(
        'span',
        { class: `count st-${status}`, 'data-count': status },
        `${label} `,
        h('strong', {}, String(n)),
        extra,
      );
    this.counts.replaceChildren(
      part('Accepted', c.accepted, 'accepted'),
      ' · ',
      part(
        'Rejected',
        c.rejected + c.removed,
        'rejected',
        c.removed ? ` (${c.removed} with their entity)` : '',
      ),
      ' · ',
      part('Edited', c.edited, 'edited'),
      ' · ',
      part('Untouched', c.untouched, 'untouched'),
    );
  }

  busy(on: boolean, what = ''): void {
    for (const b of this.buttons) b.disabled = on;
    if (on)
      this.result.replaceChildren(
        h('p', { class: 'muted' }, h('progress', { 'aria-label': what }), ` ${what}`),
      );
  }

  /** The YAML changed since the last answer: that answer no longer says anything about it. */
  stale(): void {
    if (this.result.dataset.state === 'loaded') return;
    clear(this.result);
    delete this.result.dataset.state;
  }

  showValidation(valid: boolean, problems: Problem[], general: Problem[]): void {
    const errors = problems.filter(isError).length;
    const others = problems.length - errors;
    this.result.dataset.state = valid ? 'valid' : 'invalid';
    this.result.replaceChildren(
      h(
        'p',
        { class: valid ? 'ok' : 'error' },
        valid
          ? `Valid: ready to load${others ? ` (${others} warning${others === 1 ? '' : 's'} or notice${others === 1 ? '' : 's'})` : ''}.`
          : `Not valid: ${errors} problem${errors === 1 ? '' : 's'} to fix, shown with their items.`,
      ),
      ...this.generalProblems(general),
    );
  }

  showNotLoaded(problems: Problem[], general: Problem[]): void {
    this.showValidation(false, problems, general);
    this.result.prepend(h('p', { class: 'error' }, 'Nothing was loaded.'));
  }

  private generalProblems(general: Problem[]): HTMLElement[] {
    if (!general.length) return [];
    return [
      h(
        'ul',
        { class: 'general-problems', 'aria-label': 'Problems of the whole document' },
        ...general.map((p) =>
          h(
            'li',
            { class: isError(p) ? 'is-error' : 'is-warning' },
            h('strong', {}, p.code),
            ` ${p.file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ''}${p.message}`,
          ),
        ),
      ),
    ];
  }

  showLoaded(r: LoadResult): void {
    this.result.dataset.state = 'loaded';
    const links: HTMLElement[] = [h('a', { href: this.config.dashboard }, 'Open the dashboard')];
    if (this.config.playground) {
      const url = `${this.config.playground}?query=${encodeURIComponent(documentQuery(r.documentId))}`;
      links.push(h('a', { href: url, 'data-link': 'playground' }, 'See its stances in the playground'));
    }
    this.result.replaceChildren(
      h(
        'p',
        { class: 'ok', 'data-document-id': r.documentId },
        `Loaded “${r.documentId}”: ${r.status.toLowerCase()} — ${r.sentences} sentences, ${r.entities} entities, ` +
          `${r.claims} claims, ${r.facts} facts (${r.nodesCreated} nodes and ${r.relationshipsCreated} ` +
          `relationships created) in ${r.ms} ms.`,
      ),
      h('p', { class: 'links' }, ...links.flatMap((a, i) => (i ? [' · ', a] : [a]))),
    );
  }

  showError(error: unknown): void {
    this.result.dataset.state = 'error';
    this.result.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, ...errorParts(error)));
  }
}
