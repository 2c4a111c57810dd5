import { h } from '../../dashboard/app/dom';
import { type Placed, segments } from './spans';
import { type Confidence } from './theme';

/** How one item looks on the text. */
export interface MarkStyle {
  /** Claims and facts colour the background; entities underline, so both show where they overlap. */
  layer: 'statement' | 'entity';
  color: string;
  confidence: Confidence;
}

export interface TextViewHandlers {
  select(key: string): void;
  hover(keys: string[] | null): void;
  /** One line for the tooltip, e.g. "Claim: Putin rejects Full ceasefire (0.82)". */
  describe(key: string): string;
}

/**
 * The article with every shown item marked on its spans. A piece of text covered by several items lists
 * them all (data-keys, most specific first); clicking it selects the first, clicking again the next, so an
 * item hidden under another is still reachable. The item list is the keyboard's way to the same items.
 */
export class TextView {
  readonly element = h('div', { class: 'article-text', id: 'article-text' });
  private marks = new Map<string, HTMLElement[]>();
  private selected: string | null = null;
  private hovered: HTMLElement | null = null;

  constructor(private readonly handlers: TextViewHandlers) {
    this.element.addEventListener('click', (event) => {
      const mark = (event.target as Element).closest<HTMLElement>('mark[data-keys]');
      if (!mark) return;
      const keys = mark.dataset.keys!.split(' ');
      const at = this.selected ? keys.indexOf(this.selected) : -1;
      handlers.select(keys[(at + 1) % keys.length]);
    });
    this.element.addEventListener('mouseover', (event) => {
      const mark = (event.target as Element).closest<HTMLElement>('mark[data-keys]');
      if (mark === this.hovered) return;
      this.hovered = mark;
      handlers.hover(mark ? mark.dataset.keys!.split(' ') : null);
    });
    this.element.addEventListener('mouseleave', () => {
      this.hovered = null;
      handlers.hover(null);
    });
  }

  render(text: string, items: readonly Placed[], style: (key: string) => MarkStyle): void {
    this.marks = new Map();
    this.hovered = null;
    const fragment = document.createDocumentFragment();
    for (const seg of segments(text.length, items)) {
      const piece = text.slice(seg.begin, seg.end);
      if (!seg.keys.length) {
        fragment.append(piece);
        continue;
      }
      fragment.append(this.mark(piece, seg.keys, style));
    }
    this.element.replaceChildren(fragment);
    this.highlight(this.selected, 'is-selected');
  }

  private mark(piece: string, keys: string[], style: (key: string) => MarkStyle): HTMLElement {
    const el = h('mark', { class: 'hl', 'data-keys': keys.join(' ') }, piece);
    const styles = keys.map((k) => ({ key: k, ...style(k) }));
    const statements = styles.filter((s) => s.layer === 'statement');
    const entity = styles.find((s) => s.layer === 'entity');
    if (statements[0]) {
      el.classList.add('hl-statement', `c-${statements[0].confidence}`);
      // Through the CSSOM, which the page's CSP allows (a style attribute it would block).
      el.style.setProperty('--hl', statements[0].color);
      if (statements.length > 1) el.classList.add('stacked');
    }
    if (entity) {
      el.classList.add('hl-entity', `ec-${entity.confidence}`);
      el.style.setProperty('--ent', entity.color);
    }
    const lines = keys.map((k) => this.handlers.describe(k));
    if (keys.length > 1) lines.push('Click again to select the next one.');
    el.title = lines.join('\n');
    for (const k of keys) {
      const list = this.marks.get(k);
      if (list) list.push(el);
      else this.marks.set(k, [el]);
    }
    return el;
  }

  private highlight(key: string | null, cls: string, on = true): HTMLElement[] {
    const marks = key ? (this.marks.get(key) ?? []) : [];
    for (const m of marks) m.classList.toggle(cls, on);
    return marks;
  }

  select(key: string | null, scroll: boolean): void {
    this.highlight(this.selected, 'is-selected', false);
    this.selected = key;
    const marks = this.highlight(key, 'is-selected');
    if (scroll && marks[0]) marks[0].scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  hover(key: string | null): void {
    for (const m of this.element.querySelectorAll('mark.is-hover')) m.classList.remove('is-hover');
    this.highlight(key, 'is-hover');
  }
}
