import { words } from '../../dashboard/app/dom';
import {
  ACTOR_KINDS,
  CLAIM_KINDS,
  CLAIM_KIND_NAMES,
  ENTITY_KINDS,
  FACT_TYPES,
  FACT_TYPE_NAMES,
} from '../../../domain/vocabulary';
import type { ClaimKind, FactType } from '../../../domain/vocabulary';
import { annotationKind } from './annotation';
import type { Choice } from './item-list';
import { type EditField, itemKey } from './review-state';
import type { Session } from './session';
import { FACT_COLOR, entityColor, polarityColor, polarityOf } from './theme';
import type { ItemType, KnownEntity } from './types';

const TYPE_WORD: Record<ItemType, string> = { ENTITY: 'Entity', CLAIM: 'Claim', FACT: 'Fact' };

/**
 * How the page speaks of the items under review, with the analyst's edits applied: an entity by its name
 * (the edited one, the graph's, or the words of the text), an item in one line for the list and the text's
 * tooltip, its colour on both, and the values an editor offers for each field. Reads the session and the
 * graph's entities as they are when asked; no DOM.
 */
export class ItemLabels {
  constructor(
    private readonly session: () => Session,
    private readonly knownEntities: () => ReadonlyMap<string, KnownEntity>,
  ) {}

  private get s(): Session {
    return this.session();
  }

  private get known(): ReadonlyMap<string, KnownEntity> {
    return this.knownEntities();
  }

  nameOf(id: string): string {
    const s = this.s;
    const key = itemKey('ENTITY', id);
    if (s.review.model.byKey.has(key)) {
      const item = s.items.get(key);
      return (
        s.review.value(key, 'name') ??
        this.known.get(item?.linkedTo ?? id)?.name ??
        this.known.get(id)?.name ??
        (item?.quote || id)
      );
    }
    return this.known.get(id)?.name ?? id;
  }

  /** An entity's kind in the annotation's spelling (Person), from the draft or the graph. */
  private kindOf(id: string): string | undefined {
    const s = this.s;
    const key = itemKey('ENTITY', id);
    if (s.review.model.byKey.has(key))
      return annotationKind(s.review.value(key, 'kind') ?? s.items.get(key)!.kind);
    const known = this.known.get(id);
    return known && annotationKind(known.kind);
  }

  label(key: string): string {
    const s = this.s;
    const row = s.review.row(key);
    const v = (f: EditField) => s.review.value(key, f) ?? '';
    if (row.type === 'ENTITY') return `${this.nameOf(row.id)} · ${this.kindOf(row.id) ?? '?'}`;
    if (row.type === 'CLAIM') return `${this.nameOf(v('by'))} ${words(v('kind'))} ${this.nameOf(v('on'))}`;
    return `${this.nameOf(v('from'))} ${words(v('type'))} ${this.nameOf(v('to'))}`;
  }

  describe(key: string): string {
    const item = this.s.items.get(key)!;
    return `${TYPE_WORD[item.type]}: ${this.label(key)} (confidence ${item.confidence.toFixed(2)})`;
  }

  color(key: string): string {
    const s = this.s;
    const row = s.review.row(key);
    if (row.type === 'CLAIM') return polarityColor(polarityOf(s.review.value(key, 'kind')));
    if (row.type === 'FACT') return FACT_COLOR;
    return entityColor(this.kindOf(row.id));
  }

  /** The values a field may take: entities of the kinds its rule allows, or the vocabulary's kinds. */
  choices(key: string, field: EditField): Choice[] {
    const s = this.s;
    const row = s.review.row(key);
    const current = s.review.value(key, field);
    if (field === 'kind' && row.type === 'CLAIM') {
      return CLAIM_KIND_NAMES.map((k) => ({
        value: k,
        label: `${words(k)} — ${CLAIM_KINDS[k].polarity.toLowerCase()}`,
        source: 'vocabulary',
      }));
    }
    if (field === 'type') {
      return FACT_TYPE_NAMES.map((t) => ({
        value: t,
        label: `${words(t)} — ${FACT_TYPES[t].description}`,
        source: 'vocabulary',
      }));
    }
    if (field === 'kind') return ENTITY_KINDS.map((k) => ({ value: k, label: k, source: 'vocabulary' }));
    if (field === 'name') return [];
    const allowed = this.allowedKinds(key, field);
    const rejected = s.review.rejectedEntities();
    const choices: Choice[] = [];
    const inDraft = new Set<string>();
    for (const r of s.review.model.rows) {
      if (r.type !== 'ENTITY' || (rejected.has(r.id) && r.id !== current)) continue;
      const linked = s.items.get(r.key)?.linkedTo ?? undefined;
      inDraft.add(r.id);
      if (linked) inDraft.add(linked);
      choices.push(
        this.entityChoice(r.id, 'draft', allowed, linked ?? (this.known.has(r.id) ? r.id : undefined)),
      );
    }
    for (const e of this.known.values()) {
      if (!inDraft.has(e.id)) choices.push(this.entityChoice(e.id, 'graph', allowed, e.id));
    }
    const shown = choices.filter((c) => !c.disallowed || c.value === current);
    if (current && !shown.some((c) => c.value === current))
      shown.push(this.entityChoice(current, 'graph', allowed));
    return shown.sort((a, b) => a.source.localeCompare(b.source) || a.label.localeCompare(b.label));
  }

  private entityChoice(
    id: string,
    source: 'draft' | 'graph',
    allowed: readonly string[],
    graphId?: string,
  ): Choice {
    const kind = this.kindOf(id);
    return {
      value: id,
      label: `${this.nameOf(id)} (${kind ?? '?'})`,
      source,
      graphId,
      disallowed: kind !== undefined && !allowed.includes(kind),
    };
  }

  private allowedKinds(key: string, field: EditField): readonly string[] {
    const s = this.s;
    if (field === 'by') return ACTOR_KINDS;
    if (field === 'on') return CLAIM_KINDS[s.review.value(key, 'kind') as ClaimKind]?.targets ?? ENTITY_KINDS;
    const spec = FACT_TYPES[s.review.value(key, 'type') as FactType];
    return (field === 'from' ? spec?.from : spec?.to) ?? ENTITY_KINDS;
  }
}
