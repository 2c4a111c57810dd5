import { clear, h, words } from '../../dashboard/app/dom';
import { EDITABLE, type EditField, type Review, type Status } from './review-state';
import type { DraftItem, ItemType, Problem } from './types';
import { confidenceStep } from './theme';

export interface Choice {
  value: string;
  label: string;
  /** `draft` (an entity of this draft) or `graph` (known to the graph only). */
  source: 'draft' | 'graph' | 'vocabulary';
  /** The id the graph knows the entity by (an entity linked to the graph). */
  graphId?: string;
  /** The field's kind rules do not allow it (shown so that the current value stays visible). */
  disallowed?: boolean;
}

/** What the list needs from the page. */
export interface ItemListContext {
  review: Review;
  item(key: string): DraftItem;
  /** What the item says, in words: "Vladimir Putin → rejects → Full ceasefire". */
  label(key: string): string;
  swatch(key: string): string;
  choices(key: string, field: EditField): Choice[];
  problems(key: string): Problem[];
  /** The rejected entity a removed item goes with. */
  removedWith(key: string): string | undefined;
  select(key: string): void;
  hover(key: string | null): void;
  changed(key: string): void;
}

const TYPE_TITLES: Record<ItemType, string> = { CLAIM: 'Claims', FACT: 'Facts', ENTITY: 'Entities' };
const FIELD_LABELS: Record<EditField, string> = {
  by: 'Actor (by)',
  kind: 'Kind',
  on: 'Target (on)',
  from: 'From',
  type: 'Type',
  to: 'To',
  name: 'Name',
};
const STATUS_LABELS: Record<Status, string> = {
  untouched: 'draft',
  accepted: 'accepted',
  edited: 'edited',
  rejected: 'rejected',
  removed: 'removed',
};

/** One item: a header button that selects it, and (when selected) its quote, reason, problems and editors. */
class ItemRow {
  readonly element: HTMLLIElement;
  readonly head: HTMLButtonElement;
  private readonly body: HTMLElement;
  private readonly label = h('span', { class: 'item-label' });
  private readonly swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  private readonly statusChip = h('span', { class: 'status-chip' });
  private readonly problemChip = h('span', { class: 'problem-chip', hidden: true });
  private readonly problemList = h('ul', { class: 'item-problems', 'aria-label': 'Problems' });
  private readonly note = h('p', { class: 'item-note', hidden: true });
  private readonly accept = h(
    'button',
    { type: 'button', class: 'button', 'data-action': 'accept' },
    'Accept',
  );
  private readonly reject = h(
    'button',
    { type: 'button', class: 'button', 'data-action': 'reject' },
    'Reject',
  );
  private readonly reset = h(
    'button',
    { type: 'button', class: 'button', 'data-action': 'reset' },
    'Undo changes',
  );
  private readonly controls = new Map<EditField, HTMLSelectElement | HTMLInputElement>();

  constructor(
    readonly key: string,
    private readonly ctx: ItemListContext,
  ) {
    const item = ctx.item(key);
    const row = ctx.review.row(key);
    const slug = `item-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    const confidence = h(
      'span',
      { class: `conf c-${confidenceStep(item.confidence)}`, title: 'The drafter’s confidence, 0 to 1' },
      item.confidence.toFixed(2),
    );
    this.head = h(
      'button',
      {
        type: 'button',
        class: 'item-head',
        id: `${slug}-head`,
        'aria-expanded': 'false',
        'aria-controls': `${slug}-body`,
      },
      this.swatch,
      h('span', { class: 'item-type' }, words(item.type)),
      this.label,
      h('span', { class: 'chips' }, confidence, this.statusChip, this.problemChip),
    );
    const quote = item.quote ? h('blockquote', { class: 'item-quote' }, `“${item.quote}”`) : null;
    const fields = h('div', { class: 'item-fields' });
    for (const field of EDITABLE[row.type]) fields.append(this.control(slug, field));
    if (row.type === 'ENTITY' && row.reference) {
      fields.append(
        h(
          'p',
          { class: 'hint' },
          'A registry entity (corpus/entities.yaml): the registry gives its name and kind; accept or reject it here.',
        ),
      );
    }
    this.body = h(
      'div',
      {
        class: 'item-body',
        id: `${slug}-body`,
        role: 'group',
        'aria-labelledby': this.head.id,
        hidden: true,
      },
      quote,
      item.reason
        ? h('p', { class: 'item-reason' }, h('span', { class: 'muted' }, 'Why: '), item.reason)
        : null,
      this.note,
      this.problemList,
      fields,
      h('div', { class: 'item-actions' }, this.accept, this.reject, this.reset),
    );
    this.element = h(
      'li',
      { class: 'item', 'data-key': key, 'data-type': item.type, 'data-id': item.id },
      this.head,
      this.body,
    );
    this.head.addEventListener('click', () => ctx.select(key));
    this.head.addEventListener('mouseenter', () => ctx.hover(key));
    this.head.addEventListener('mouseleave', () => ctx.hover(null));
    this.accept.addEventListener('click', () => {
      ctx.review.setVerdict(key, ctx.review.verdict(key) === 'accepted' ? 'untouched' : 'accepted');
      ctx.changed(key);
    });
    this.reject.addEventListener('click', () => {
      ctx.review.setVerdict(key, ctx.review.verdict(key) === 'rejected' ? 'untouched' : 'rejected');
      ctx.changed(key);
    });
    this.reset.addEventListener('click', () => {
      ctx.review.reset(key);
      ctx.changed(key);
    });
  }

  private control(slug: string, field: EditField): HTMLElement {
    const id = `${slug}-${field}`;
    const row = this.ctx.review.row(this.key);
    const locked = row.type === 'ENTITY' && row.reference;
    const control =
      field === 'name'
        ? h('input', { id, type: 'text', 'data-field': field, disabled: locked, autocomplete: 'off' })
        : h('select', { id, 'data-field': field, disabled: locked });
    control.addEventListener('change', () => {
      const value = control.value.trim();
      if (!value) return;
      this.ctx.review.edit(this.key, field, value);
      this.ctx.changed(this.key);
    });
    this.controls.set(field, control);
    return h('div', { class: 'field' }, h('label', { for: id }, FIELD_LABELS[field]), control);
  }

  /** Refills the editors from the review; the one being used keeps its options (and the focus). */
  private fill(): void {
    for (const [field, control] of this.controls) {
      const value = this.ctx.review.value(this.key, field) ?? '';
      if (control instanceof HTMLInputElement) {
        if (document.activeElement !== control) control.value = value;
        continue;
      }
      if (document.activeElement === control && control.value === value) continue;
      const groups = new Map<string, HTMLElement>();
      const options: HTMLElement[] = [];
      for (const choice of this.ctx.choices(this.key, field)) {
        const option = h(
          'option',
          {
            value: choice.value,
            'data-source': choice.source,
            'data-graph-id': choice.graphId,
            'data-disallowed': choice.disallowed,
          },
          choice.disallowed ? `${choice.label} (kind not allowed here)` : choice.label,
        );
        if (choice.source === 'vocabulary') {
          options.push(option);
          continue;
        }
        let group = groups.get(choice.source);
        if (!group) {
          group = h('optgroup', {
            label: choice.source === 'draft' ? 'In this draft' : 'Known in the graph',
          });
          groups.set(choice.source, group);
          options.push(group);
        }
        group.append(option);
      }
      control.replaceChildren(...options);
      control.value = value;
    }
  }

  update(): void {
    const { review } = this.ctx;
    const status = review.status(this.key);
    const verdict = review.verdict(this.key);
    this.element.dataset.status = status;
    this.label.textContent = this.ctx.label(this.key);
    this.swatch.style.setProperty('--swatch', this.ctx.swatch(this.key));
    const removedWith = this.ctx.removedWith(this.key);
    this.statusChip.textContent = STATUS_LABELS[status];
    this.statusChip.className = `status-chip st-${status}`;
    this.note.hidden = !removedWith;
    this.note.textContent = removedWith
      ? `Removed from the YAML with the rejected entity “${removedWith}”: restore that entity to keep it.`
      : '';
    this.accept.setAttribute('aria-pressed', String(verdict === 'accepted'));
    this.reject.setAttribute('aria-pressed', String(verdict === 'rejected'));
    this.reset.disabled = verdict === 'untouched' && !review.edited(this.key);
    const problems = this.ctx.problems(this.key);
    this.problemChip.hidden = !problems.length;
    this.problemChip.textContent = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    this.problemChip.className = `problem-chip${problems.some(isError) ? ' is-error' : ''}`;
    clear(this.problemList);
    for (const p of problems) {
      this.problemList.append(
        h(
          'li',
          { class: isError(p) ? 'is-error' : 'is-warning' },
          h('strong', {}, p.code),
          ` ${p.field ? `${p.field}: ` : ''}${p.message}`,
        ),
      );
    }
    if (!this.body.hidden) this.fill();
  }

  expand(open: boolean): void {
    this.body.hidden = !open;
    this.head.setAttribute('aria-expanded', String(open));
    this.element.classList.toggle('is-selected', open);
    if (open) this.fill();
  }
}

export const isError = (p: Problem): boolean => !p.severity || p.severity.toUpperCase() === 'ERROR';

/** The drafted items, grouped by type in text order, each with its decision and editors. */
export class ItemList {
  readonly element = h('div', { class: 'item-list' });
  private rows = new Map<string, ItemRow>();
  private selected: string | null = null;

  constructor(private readonly ctx: ItemListContext) {
    // Arrow keys move between the items' headers, so the list is walked without tabbing through editors.
    this.element.addEventListener('keydown', (event) => {
      const head = (event.target as Element).closest('.item-head');
      if (!head || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
      const heads = [...this.element.querySelectorAll<HTMLButtonElement>('.item-head')];
      const at = heads.indexOf(head as HTMLButtonElement);
      const next =
        event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? heads.length - 1
            : Math.max(0, Math.min(heads.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
      heads[next]?.focus();
      event.preventDefault();
    });
  }

  render(order: string[]): void {
    this.rows = new Map();
    this.selected = null;
    clear(this.element);
    for (const type of ['CLAIM', 'FACT', 'ENTITY'] as const) {
      const keys = order.filter((k) => this.ctx.item(k).type === type);
      const headingId = `items-${type.toLowerCase()}`;
      const list = h('ul', { class: 'items', 'aria-labelledby': headingId });
      for (const key of keys) {
        const row = new ItemRow(key, this.ctx);
        this.rows.set(key, row);
        list.append(row.element);
      }
      this.element.append(
        h(
          'section',
          { class: 'item-group', 'data-group': type },
          h(
            'h3',
            { id: headingId },
            `${TYPE_TITLES[type]} `,
            h('span', { class: 'muted' }, `(${keys.length})`),
          ),
          keys.length ? list : h('p', { class: 'muted small' }, 'None drafted.'),
        ),
      );
    }
    this.update();
  }

  update(): void {
    for (const row of this.rows.values()) row.update();
  }

  select(key: string | null, scroll: boolean): void {
    if (this.selected) this.rows.get(this.selected)?.expand(false);
    this.selected = key;
    const row = key ? this.rows.get(key) : undefined;
    if (!row) return;
    row.expand(true);
    if (scroll) row.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  hover(keys: string[] | null): void {
    for (const el of this.element.querySelectorAll('.item.is-hover')) el.classList.remove('is-hover');
    for (const key of keys ?? []) this.rows.get(key)?.element.classList.add('is-hover');
  }
}
