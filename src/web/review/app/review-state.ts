import { parseDocument } from 'yaml';
import type { ItemType } from './types';

/**
 * What the analyst decided about each drafted item, and what follows from it. No DOM: the page renders it,
 * tests/unit checks it. The draft's graph.yaml is the source of the drafted values (the API's items carry
 * positions and confidence); annotation.ts writes the decisions back into that YAML.
 */

export type Verdict = 'untouched' | 'accepted' | 'rejected';
/**
 * `removed`: not rejected itself, but a claim or fact whose actor, target, start or end is a rejected entity;
 * the loader would refuse it (an unknown reference), so it leaves the YAML with the entity.
 */
export type Status = 'untouched' | 'accepted' | 'edited' | 'rejected' | 'removed';
export type EditField = 'by' | 'kind' | 'on' | 'from' | 'type' | 'to' | 'name';

/** The fields the page lets the analyst edit, per item type. */
export const EDITABLE: Record<ItemType, readonly EditField[]> = {
  ENTITY: ['kind', 'name'],
  CLAIM: ['by', 'kind', 'on'],
  FACT: ['from', 'type', 'to'],
};

/** Item ids are unique per type only (an entity and a claim may share one), so the page keys by both. */
export const itemKey = (type: ItemType, id: string): string => `${type}:${id}`;

export interface Row {
  key: string;
  type: ItemType;
  /** Entity id, claim id, or `fact-<n>` (n from 1, the entry's place in `facts`). */
  id: string;
  /** Index in its list of the draft YAML. */
  index: number;
  /** The editable fields as drafted (an entity given as a registry reference has no name, maybe no kind). */
  values: Partial<Record<EditField, string>>;
  /** Entities: a reference to a registry entity (`{id, aliases}`): the registry owns its name and kind. */
  reference: boolean;
  /** Entities: their aliases as drafted. Claims: the entities they cite. */
  aliases: string[];
  cites: string[];
  about?: string;
  respondsTo?: string;
  confidence?: number;
}

export interface DraftModel {
  yaml: string;
  rows: Row[];
  byKey: Map<string, Row>;
  /** The ids of the draft's own entities. */
  entityIds: Set<string>;
}

type Plain = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const list = (top: Plain, key: string): Plain[] =>
  Array.isArray(top[key])
    ? (top[key] as unknown[]).map((v) => (v && typeof v === 'object' ? (v as Plain) : {}))
    : [];

function pick(item: Plain, fields: readonly EditField[]): Partial<Record<EditField, string>> {
  const values: Partial<Record<EditField, string>> = {};
  for (const f of fields) {
    const v = str(item[f]);
    if (v !== undefined) values[f] = v;
  }
  return values;
}

/** The draft's YAML as rows, in list order. Throws with the parser's message on a YAML that does not parse. */
export function readDraft(yaml: string): DraftModel {
  const doc = parseDocument(yaml);
  if (doc.errors.length) throw new Error(`the draft's YAML does not parse: ${doc.errors[0].message}`);
  const top = (doc.toJS() ?? {}) as Plain;
  const rows: Row[] = [];
  const base = (item: Plain) => ({
    aliases: strings(item.aliases),
    cites: strings(item.cites),
    about: str(item.about),
    respondsTo: str(item.respondsTo),
    confidence: typeof item.confidence === 'number' ? item.confidence : undefined,
  });
  list(top, 'entities').forEach((item, index) => {
    const id = str(item.id) ?? `entity-${index + 1}`;
    rows.push({
      key: itemKey('ENTITY', id),
      type: 'ENTITY',
      id,
      index,
      values: pick(item, EDITABLE.ENTITY),
      reference: item.name === undefined,
      ...base(item),
    });
  });
  list(top, 'claims').forEach((item, index) => {
    const id = str(item.id) ?? `claim-${index + 1}`;
    rows.push({
      key: itemKey('CLAIM', id),
      type: 'CLAIM',
      id,
      index,
      values: pick(item, EDITABLE.CLAIM),
      reference: false,
      ...base(item),
    });
  });
  list(top, 'facts').forEach((item, index) => {
    const id = `fact-${index + 1}`;
    rows.push({
      key: itemKey('FACT', id),
      type: 'FACT',
      id,
      index,
      values: pick(item, EDITABLE.FACT),
      reference: false,
      ...base(item),
    });
  });
  return {
    yaml,
    rows,
    byKey: new Map(rows.map((r) => [r.key, r])),
    entityIds: new Set(rows.filter((r) => r.type === 'ENTITY').map((r) => r.id)),
  };
}

interface Decision {
  verdict: Verdict;
  edits: Partial<Record<EditField, string>>;
}

export type Counts = Record<Status, number>;

/** The analyst's decisions over one draft. */
export class Review {
  private readonly decisions = new Map<string, Decision>();

  constructor(readonly model: DraftModel) {}

  private decision(key: string): Decision {
    let d = this.decisions.get(key);
    if (!d) this.decisions.set(key, (d = { verdict: 'untouched', edits: {} }));
    return d;
  }

  row(key: string): Row {
    const row = this.model.byKey.get(key);
    if (!row) throw new Error(`no drafted item ${key}`);
    return row;
  }

  verdict(key: string): Verdict {
    return this.decisions.get(key)?.verdict ?? 'untouched';
  }

  setVerdict(key: string, verdict: Verdict): void {
    this.row(key);
    this.decision(key).verdict = verdict;
  }

  /** The field's value with the analyst's edit applied. */
  value(key: string, field: EditField): string | undefined {
    return this.decisions.get(key)?.edits[field] ?? this.row(key).values[field];
  }

  /** Edits a field; setting it back to the drafted value undoes the edit. Editing revives a rejected item. */
  edit(key: string, field: EditField, value: string): void {
    const row = this.row(key);
    if (!EDITABLE[row.type].includes(field)) throw new Error(`${row.type} has no editable field ${field}`);
    if (row.type === 'ENTITY' && row.reference)
      throw new Error(`${row.id} is a registry entity: the registry gives its ${field}`);
    const d = this.decision(key);
    if (value === row.values[field]) delete d.edits[field];
    else d.edits[field] = value;
    if (d.verdict === 'rejected') d.verdict = 'accepted';
  }

  /** Back to the drafted state. */
  reset(key: string): void {
    this.decisions.delete(key);
  }

  edited(key: string): boolean {
    return Object.keys(this.decisions.get(key)?.edits ?? {}).length > 0;
  }

  /** Ids of the entities the analyst rejected. */
  rejectedEntities(): Set<string> {
    return new Set(
      this.model.rows
        .filter((r) => r.type === 'ENTITY' && this.verdict(r.key) === 'rejected')
        .map((r) => r.id),
    );
  }

  /** The rejected entity a claim or fact rests on, when there is one. */
  removedBy(key: string, rejected = this.rejectedEntities()): string | undefined {
    const row = this.row(key);
    const ends: EditField[] = row.type === 'CLAIM' ? ['by', 'on'] : row.type === 'FACT' ? ['from', 'to'] : [];
    return ends.map((f) => this.value(key, f)).find((id) => id !== undefined && rejected.has(id));
  }

  status(key: string, rejected = this.rejectedEntities()): Status {
    const verdict = this.verdict(key);
    if (verdict === 'rejected') return 'rejected';
    if (this.removedBy(key, rejected)) return 'removed';
    if (this.edited(key)) return 'edited';
    return verdict;
  }

  counts(): Counts {
    const counts: Counts = { untouched: 0, accepted: 0, edited: 0, rejected: 0, removed: 0 };
    const rejected = this.rejectedEntities();
    for (const row of this.model.rows) counts[this.status(row.key, rejected)] += 1;
    return counts;
  }

  /** Accepts every item nobody has looked at yet (the analyst read the rest and agrees with it). */
  acceptUntouched(): number {
    let n = 0;
    const rejected = this.rejectedEntities();
    for (const row of this.model.rows) {
      if (this.status(row.key, rejected) !== 'untouched') continue;
      this.setVerdict(row.key, 'accepted');
      n += 1;
    }
    return n;
  }

  /** Every entity id a kept claim or fact names after the edits: those the YAML must list. */
  referencedEntities(): Set<string> {
    const ids = new Set<string>();
    const rejected = this.rejectedEntities();
    for (const row of this.model.rows) {
      if (row.type === 'ENTITY') continue;
      const status = this.status(row.key, rejected);
      if (status === 'rejected' || status === 'removed') continue;
      for (const f of row.type === 'CLAIM' ? (['by', 'on'] as const) : (['from', 'to'] as const)) {
        const id = this.value(row.key, f);
        if (id) ids.add(id);
      }
    }
    return ids;
  }
}
