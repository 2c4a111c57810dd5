import { Document, YAMLMap, YAMLSeq, isMap, isSeq, parseDocument } from 'yaml';
import { ENTITY_KINDS } from '../../../domain/vocabulary';
import { EDITABLE, Review, Row, itemKey } from './review-state';
import type { KnownEntity } from './types';

/**
 * Writes the analyst's decisions into the draft's graph.yaml, in the browser: the draft is parsed with the
 * `yaml` package (its comments and layout kept), each decision applied to its entry, and the document
 * stringified again. The rules:
 * - rejected items leave the YAML; a rejected entity takes with it the claims and facts whose actor, target,
 *   start or end it is (the loader would refuse them), and is dropped from what other claims cite and from
 *   a fact's `about`; a claim that responded to a removed claim loses its `respondsTo`;
 * - accepted and edited items get `method: reviewed`; untouched ones keep the drafter's `method: draft`;
 * - an entity of the graph that the draft lacks, picked as an actor or a target, is added as a reference
 *   `{id, kind}` (right for a registry entity), or with its name when validation said that it needs one
 *   (an entity another document defined; see addedNeedingName).
 */

export interface BuildContext {
  /** The article, verbatim: a renamed entity keeps its drafted name as an alias when the text uses it. */
  article: string;
  /** Entities of the graph, by id: kind and name of an added entity. */
  known: ReadonlyMap<string, KnownEntity>;
  /** Added entities that must carry their name (not registry entities). */
  withName: ReadonlySet<string>;
}

export interface BuiltAnnotation {
  yaml: string;
  /** For each list of the YAML written, the item key of each entry (`added:<id>` for an added entity). */
  rows: { entities: string[]; claims: string[]; facts: string[] };
  /** Ids of the entities added from the graph. */
  added: string[];
}

/** The annotation's kind spelling (Person) for the API's enum value (PERSON). */
export function annotationKind(kind: string): string {
  return ENTITY_KINDS.find((k) => k.toUpperCase() === kind.toUpperCase()) ?? kind;
}

function seqOf(doc: Document, key: string): YAMLSeq | undefined {
  const node = doc.get(key);
  return isSeq(node) ? node : undefined;
}

function mapAt(seq: YAMLSeq | undefined, index: number): YAMLMap | undefined {
  const node = seq?.items[index];
  return isMap(node) ? node : undefined;
}

function setMethod(map: YAMLMap, method: 'reviewed' | 'draft'): void {
  map.set('method', method);
}

/** Drops ids from a list field (cites), the field itself when it ends up empty. */
function dropFromList(map: YAMLMap, field: string, drop: (id: string) => boolean): void {
  const node = map.get(field);
  if (!isSeq(node)) return;
  const kept = node.items.filter((item) => {
    const value = item && typeof item === 'object' && 'value' in item ? item.value : item;
    return !(typeof value === 'string' && drop(value));
  });
  if (kept.length === node.items.length) return;
  if (kept.length) node.items = kept;
  else map.delete(field);
}

function renameEntity(doc: Document, map: YAMLMap, row: Row, name: string, article: string): void {
  const old = row.values.name;
  map.set('name', name);
  // The drafted name is how the text names it: as an alias it keeps those mentions on this entity.
  if (old && old !== name && article.includes(old) && !row.aliases.includes(old)) {
    const aliases = map.get('aliases');
    if (isSeq(aliases)) aliases.add(doc.createNode(old));
    else map.set('aliases', doc.createNode([old], { flow: true }));
  }
}

export function buildAnnotation(review: Review, context: BuildContext): BuiltAnnotation {
  const doc = parseDocument(review.model.yaml);
  const rejected = review.rejectedEntities();
  const lists = { ENTITY: seqOf(doc, 'entities'), CLAIM: seqOf(doc, 'claims'), FACT: seqOf(doc, 'facts') };
  const removed = { ENTITY: new Set<number>(), CLAIM: new Set<number>(), FACT: new Set<number>() };
  const removedClaimIds = new Set<string>();

  for (const row of review.model.rows) {
    const status = review.status(row.key, rejected);
    if (status === 'rejected' || status === 'removed') {
      removed[row.type].add(row.index);
      if (row.type === 'CLAIM') removedClaimIds.add(row.id);
    }
  }

  for (const row of review.model.rows) {
    if (removed[row.type].has(row.index)) continue;
    const map = mapAt(lists[row.type], row.index);
    if (!map) continue;
    const status = review.status(row.key, rejected);
    for (const field of EDITABLE[row.type]) {
      const value = review.value(row.key, field);
      if (value === undefined || value === row.values[field]) continue;
      if (row.type === 'ENTITY' && field === 'name') renameEntity(doc, map, row, value, context.article);
      else map.set(field, row.type === 'ENTITY' && field === 'kind' ? annotationKind(value) : value);
    }
    if (status === 'accepted' || status === 'edited') setMethod(map, 'reviewed');
    if (row.type !== 'ENTITY') {
      dropFromList(map, 'cites', (id) => rejected.has(id));
      const about = map.get('about');
      if (typeof about === 'string' && rejected.has(about)) map.delete('about');
      const respondsTo = map.get('respondsTo');
      if (typeof respondsTo === 'string' && removedClaimIds.has(respondsTo)) map.delete('respondsTo');
    }
  }

  const rows = { entities: [] as string[], claims: [] as string[], facts: [] as string[] };
  const keep = (type: 'ENTITY' | 'CLAIM' | 'FACT', out: string[]) => {
    const seq = lists[type];
    if (!seq) return;
    const byIndex = new Map(review.model.rows.filter((r) => r.type === type).map((r) => [r.index, r.key]));
    seq.items = seq.items.filter((_, index) => {
      if (removed[type].has(index)) return false;
      out.push(byIndex.get(index) ?? '');
      return true;
    });
  };
  keep('ENTITY', rows.entities);
  keep('CLAIM', rows.claims);
  keep('FACT', rows.facts);

  const added: string[] = [];
  const entities = lists.ENTITY;
  for (const id of review.referencedEntities()) {
    if (review.model.entityIds.has(id) || !entities) continue;
    const known = context.known.get(id);
    const entry: Record<string, unknown> = { id };
    if (known) entry.kind = annotationKind(known.kind);
    if (known && context.withName.has(id)) entry.name = known.name;
    entry.method = 'reviewed';
    entities.add(doc.createNode(entry));
    rows.entities.push(`added:${id}`);
    added.push(id);
  }

  // lineWidth 0: quotes stay on one line each, as the drafter wrote them, whatever their length.
  return { yaml: doc.toString({ lineWidth: 0 }), rows, added };
}

/** The item key a problem's field (e.g. `claims[3].on`) points at in a built annotation; undefined if none. */
export function problemKey(built: BuiltAnnotation, field: string): string | undefined {
  const m = /^(entities|claims|facts)\[(\d+)\]/.exec(field);
  if (!m) return undefined;
  return built.rows[m[1] as keyof BuiltAnnotation['rows']][Number(m[2])] || undefined;
}

/** The key of the entity item with this id (for `added:<id>` rows and references). */
export const entityKey = (id: string) => itemKey('ENTITY', id);
