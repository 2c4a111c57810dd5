import { h } from '../../dashboard/app/dom';
import type { ItemType } from './types';
import { CONFIDENCE_STEPS, ENTITY_KINDS, FACT_COLOR, POLARITIES } from './theme';

function sample(cls: string, color: string, text: string): HTMLElement {
  const el = h('mark', { class: `hl ${cls}` }, text);
  // Through the CSSOM, which the page's CSP allows (a style attribute it would block).
  el.style.setProperty('--hl', color);
  el.style.setProperty('--ent', color);
  return el;
}

/**
 * What the colours on the text mean, and which item types are marked on it (a reader may hide entities to
 * see the claims under them). `present` limits the entity kinds to those in the draft.
 */
export function legend(
  present: Set<string>,
  onToggle: (type: ItemType, shown: boolean) => void,
): HTMLElement {
  const toggle = (type: ItemType, label: string) => {
    const input = h('input', { type: 'checkbox', checked: true, 'data-show': type });
    input.addEventListener('change', () => onToggle(type, input.checked));
    return h('label', { class: 'toggle' }, input, ` ${label}`);
  };
  const kinds = ENTITY_KINDS.filter((k) => present.has(k.kind));
  return h(
    'div',
    { class: 'legend', 'aria-label': 'Legend' },
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Claims'),
      ...POLARITIES.map((p) => sample('hl-statement c-high', p.color, p.label.toLowerCase())),
      h('span', { class: 'legend-title' }, 'Facts'),
      sample('hl-statement c-high', FACT_COLOR, 'fact'),
    ),
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Entities (underlined)'),
      ...kinds.map((k) => sample('hl-entity ec-high', k.color, k.label)),
    ),
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Confidence'),
      ...CONFIDENCE_STEPS.map((s) =>
        sample(`hl-statement c-${s.step} hl-entity ec-${s.step}`, POLARITIES[0].color, s.label),
      ),
      h(
        'span',
        { class: 'muted' },
        'stronger colour, surer draft. A dark lower edge: several claims or facts overlap; click again for the next.',
      ),
    ),
    h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Show'),
      toggle('CLAIM', 'claims'),
      toggle('FACT', 'facts'),
      toggle('ENTITY', 'entities'),
    ),
  );
}
