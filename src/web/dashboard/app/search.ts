import type { DashboardApi } from './api';
import { clear, h } from './dom';
import { swatch } from './filters';
import { SHAPE_CLIP, kindStyle } from './theme';
import type { SearchHit } from './types';

type SentenceHit = Extract<SearchHit, { __typename: 'Sentence' }>;

export interface SearchEvents {
  /** The entities found, to highlight in the graph (empty when the search is cleared). */
  matches(entityIds: string[]): number;
  entity(id: string): void;
  sentence(hit: SentenceHit): void;
}

/** The search box: `search(text:)` over the public API, entities highlighted, sentences listed. */
export class SearchPanel {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly results: HTMLElement;
  private seq = 0;

  constructor(
    private readonly api: DashboardApi,
    private readonly events: SearchEvents,
  ) {
    this.input = h('input', {
      type: 'search',
      name: 'q',
      placeholder: 'e.g. drone attacks',
      'aria-label': 'Search entities and sentences',
      autocomplete: 'off',
    });
    const form = h(
      'form',
      { class: 'search-form', role: 'search' },
      this.input,
      h('button', { type: 'submit', class: 'button primary' }, 'Search'),
    );
    form.addEventListener('submit', (evt) => {
      evt.preventDefault();
      void this.run(this.input.value);
    });
    // The native clear (×) of a search field fires `search` with an empty value.
    this.input.addEventListener('search', () => {
      if (!this.input.value.trim()) void this.run('');
    });
    this.results = h('div', { class: 'search-results', 'aria-live': 'polite' });
    this.element = h('section', { class: 'filter-group' }, h('h2', {}, 'Search'), form, this.results);
  }

  async run(text: string): Promise<void> {
    const seq = ++this.seq;
    const query = text.trim();
    clear(this.results);
    if (!query) {
      this.events.matches([]);
      return;
    }
    this.results.append(h('p', { class: 'muted' }, 'Searching…'));
    let hits: SearchHit[];
    try {
      hits = await this.api.search(query);
    } catch (err) {
      if (seq !== this.seq) return;
      clear(this.results);
      this.results.append(h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
      return;
    }
    // A slower, older search must not overwrite the answer to the newer one.
    if (seq !== this.seq) return;
    clear(this.results);
    const entities = hits.filter(
      (x): x is Extract<SearchHit, { __typename: 'Entity' }> => x.__typename === 'Entity',
    );
    const sentences = hits.filter((x): x is SentenceHit => x.__typename === 'Sentence');
    const shown = this.events.matches(entities.map((e) => e.id));

    this.results.append(
      h(
        'p',
        { class: 'muted' },
        `${entities.length} entities (${shown} in view), ${sentences.length} sentences`,
        ' · ',
        this.clearButton(),
      ),
    );
    if (entities.length) {
      const list = h('ul', { class: 'hits', 'data-hits': 'entities' });
      for (const e of entities) {
        const style = kindStyle(e.kind);
        const button = h(
          'button',
          { type: 'button', class: 'hit', 'data-entity-id': e.id },
          swatch(style.color, 'shape', SHAPE_CLIP[style.shape]),
          h('span', {}, e.name),
        );
        button.addEventListener('click', () => this.events.entity(e.id));
        list.append(h('li', {}, button));
      }
      this.results.append(list);
    }
    if (sentences.length) {
      const list = h('ul', { class: 'hits', 'data-hits': 'sentences' });
      for (const s of sentences) {
        const button = h(
          'button',
          { type: 'button', class: 'hit sentence-hit', 'data-sentence-id': s.id },
          s.text,
        );
        button.addEventListener('click', () => this.events.sentence(s));
        list.append(h('li', {}, button));
      }
      this.results.append(list);
    }
  }

  private clearButton(): HTMLElement {
    const button = h('button', { type: 'button', class: 'link' }, 'clear');
    button.addEventListener('click', () => {
      this.input.value = '';
      void this.run('');
    });
    return button;
  }
}
