import { h, words } from './dom';
import type { FilterState } from './graph-view';
import { ENTITY_KINDS, FACT_COLOR, POLARITIES, SHAPE_CLIP, kindStyle, polarityColor } from './theme';
import type { EntityKind, Polarity, Subgraph } from './types';

/** A coloured legend chip; colours are set through the CSSOM because the page's CSP forbids style="". */
export function swatch(color: string, form: 'shape' | 'line', clip?: string): HTMLElement {
  const el = h('span', { class: `swatch swatch-${form}`, 'aria-hidden': 'true' });
  el.style.setProperty('--swatch', color);
  if (clip) el.style.setProperty('clip-path', clip);
  return el;
}

interface Group<T extends string> {
  values: T[];
  boxes: Map<T, HTMLInputElement>;
}

/**
 * The filter panel, which doubles as the legend: every entity kind and polarity is listed with the colour
 * (and shape) it is drawn in, and the count of each in the loaded graph.
 */
export class FilterPanel {
  readonly element: HTMLElement;
  private kinds!: Group<EntityKind>;
  private polarities!: Group<Polarity>;
  private stanceKinds!: Group<string>;
  private facts!: HTMLInputElement;
  /** Filled by group() while build() runs, then laid out in order. */
  private readonly sections: Record<string, HTMLElement> = {};
  private readonly changed: () => void;

  constructor(graph: Subgraph, onChange: (state: FilterState) => void) {
    this.changed = () => onChange(this.state());
    this.element = h('div', { class: 'filters' });
    this.build(graph);
  }

  /**
   * Redraws the panel for a graph that changed (a document was loaded): the counts follow it, a kind that
   * appeared is listed ticked, and every box the reader had unticked stays unticked. Fires no change.
   */
  update(graph: Subgraph): void {
    const unticked = (g: Group<string>) => new Set(g.values.filter((v) => !g.boxes.get(v)?.checked));
    this.build(graph, {
      kind: unticked(this.kinds),
      polarity: unticked(this.polarities),
      'stance-kind': unticked(this.stanceKinds),
      facts: !this.facts.checked,
    });
  }

  private build(
    graph: Subgraph,
    previous: { kind: Set<string>; polarity: Set<string>; 'stance-kind': Set<string>; facts: boolean } = {
      kind: new Set(),
      polarity: new Set(),
      'stance-kind': new Set(),
      facts: false,
    },
  ): void {
    const count = <T>(values: T[]) => {
      const counts = new Map<T, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return counts;
    };
    const kindCounts = count(graph.nodes.map((n) => n.kind));
    const stances = graph.edges.filter((e) => e.kind === 'STANCE');
    const polarityCounts = count(stances.map((e) => e.polarity));
    const stanceKindCounts = count(stances.map((e) => e.type));
    const factCount = graph.edges.length - stances.length;
    const changed = this.changed;

    // Kinds absent from the graph are left out: an unticked-looking box that filters nothing only confuses.
    const kindValues = [
      ...ENTITY_KINDS.map((k) => k.kind).filter((k) => kindCounts.has(k)),
      ...[...kindCounts.keys()].filter((k) => !ENTITY_KINDS.some((e) => e.kind === k)),
    ];
    this.kinds = this.group('Entity kinds', 'kind', kindValues, previous.kind, changed, (k) => {
      const style = kindStyle(k);
      return [swatch(style.color, 'shape', SHAPE_CLIP[style.shape]), style.label, kindCounts.get(k) ?? 0];
    });
    const polarityValues = POLARITIES.map((p) => p.polarity).filter((p) => polarityCounts.has(p));
    this.polarities = this.group(
      'Stance polarity',
      'polarity',
      polarityValues,
      previous.polarity,
      changed,
      (p) => {
        const style = POLARITIES.find((x) => x.polarity === p);
        return [swatch(style?.color ?? FACT_COLOR, 'line'), style?.label ?? p, polarityCounts.get(p) ?? 0];
      },
    );
    // Each stance kind has one polarity (fixed by the API), so its line is drawn in that colour.
    const kindPolarity = new Map(stances.map((e) => [e.type, e.polarity]));
    const stanceKindValues = [...stanceKindCounts.keys()].sort();
    this.stanceKinds = this.group(
      'Stance kinds',
      'stance-kind',
      stanceKindValues,
      previous['stance-kind'],
      changed,
      (k) => [
        swatch(polarityColor(kindPolarity.get(k) ?? null), 'line'),
        words(k),
        stanceKindCounts.get(k) ?? 0,
      ],
    );

    this.facts = h('input', { type: 'checkbox', checked: !previous.facts, 'data-filter': 'facts' });
    this.facts.addEventListener('change', changed);
    const factsSection = h(
      'section',
      { class: 'filter-group' },
      h('h2', {}, 'Facts'),
      h(
        'label',
        { class: 'check' },
        this.facts,
        swatch(FACT_COLOR, 'line'),
        h('span', { class: 'check-label' }, 'reported facts'),
        h('span', { class: 'count' }, String(factCount)),
      ),
    );

    const reset = h(
      'button',
      { type: 'button', class: 'button wide', 'data-action': 'reset-filters' },
      'Reset filters',
    );
    reset.addEventListener('click', () => {
      this.reset();
      changed();
    });

    this.element.replaceChildren(
      this.sections.kind!,
      this.sections.polarity!,
      this.sections['stance-kind']!,
      factsSection,
      reset,
    );
  }

  private group<T extends string>(
    title: string,
    name: string,
    values: T[],
    unticked: Set<string>,
    changed: () => void,
    describe: (value: T) => [HTMLElement | null, string, number],
  ): Group<T> {
    const boxes = new Map<T, HTMLInputElement>();
    const list = h('div', { class: 'checks' });
    for (const value of values) {
      const [chip, label, n] = describe(value);
      const box = h('input', {
        type: 'checkbox',
        checked: !unticked.has(value),
        'data-filter': name,
        value,
      });
      box.addEventListener('change', changed);
      boxes.set(value, box);
      list.append(
        h(
          'label',
          { class: 'check' },
          box,
          chip,
          h('span', { class: 'check-label' }, label),
          h('span', { class: 'count' }, String(n)),
        ),
      );
    }
    const setAll = (checked: boolean) => () => {
      boxes.forEach((b) => (b.checked = checked));
      changed();
    };
    const all = h('button', { type: 'button', class: 'link', 'data-action': `${name}-all` }, 'all');
    const none = h('button', { type: 'button', class: 'link', 'data-action': `${name}-none` }, 'none');
    all.addEventListener('click', setAll(true));
    none.addEventListener('click', setAll(false));
    this.sections[name] = h(
      'section',
      { class: 'filter-group', 'data-group': name },
      h('h2', {}, title, h('span', { class: 'group-actions' }, all, ' · ', none)),
      list,
    );
    return { values, boxes };
  }

  state(): FilterState {
    const checked = <T extends string>(g: Group<T>) =>
      new Set(g.values.filter((v) => g.boxes.get(v)?.checked));
    return {
      kinds: checked(this.kinds),
      polarities: checked(this.polarities),
      stanceKinds: checked(this.stanceKinds),
      facts: this.facts.checked,
    };
  }

  reset(): void {
    for (const g of [this.kinds, this.polarities, this.stanceKinds] as Group<string>[]) {
      g.boxes.forEach((b) => (b.checked = true));
    }
    this.facts.checked = true;
  }
}
