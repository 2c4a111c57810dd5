import { ZodType } from 'zod';
import {
  Annotation,
  ClaimAnnotation,
  EntityAnnotation,
  EntityReferenceAnnotation,
  REGISTRY_OWNED_FIELDS,
  FactAnnotation,
  annotationSchema,
  claimSchema,
  entityReferenceSchema,
  entitySchema,
  factSchema,
} from './annotation';
import type { Registry } from './registry';
import { Problem, YamlSource } from './source';

/** A field's place in the annotation: keys and list indices, e.g. ['claims', 3, 'quote']. */
export type Path = (string | number)[];

/** A document's problems, each placed at the line of its field so that the annotator can find it. */
export class ProblemList {
  readonly items: Problem[] = [];

  constructor(readonly source: YamlSource) {}

  add(path: Path, code: string, message: string, severity?: Problem['severity']): void {
    const problem = this.source.problem(path, code, message);
    this.items.push(severity ? { ...problem, severity } : problem);
  }
}

/** An item of a list that passed its own schema, with its index there (problems point at it). */
export interface Listed<T> {
  item: T;
  index: number;
}

type Section = 'entities' | 'claims' | 'facts';

/** The annotation as far as the schema accepts it; what it refused is reported and left out. */
export interface CheckedAnnotation {
  /** Undefined when the document block is invalid: no plan can then be built. */
  document?: Annotation['document'];
  entities: Listed<EntityAnnotation>[];
  claims: Listed<ClaimAnnotation>[];
  facts: Listed<FactAnnotation>[];
  /** Ids of items that failed their own checks: references to them are not reported again as unknown. */
  rejectedIds: Record<Section, Set<string>>;
}

/** The value at a path inside value; undefined when any step is absent. */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

export function zodProblems(
  source: YamlSource,
  base: Path,
  schema: ZodType,
  value: unknown,
): { ok: boolean; data?: unknown; problems: Problem[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        source.problem([...path, key], 'UNKNOWN_FIELD', `unknown field "${key}"`),
      );
    }
    // Decided from the input, not from the message: a field with a custom message (kind, type) is as
    // missing as any other when it is absent.
    const missing = valueAt(value, issue.path) === undefined;
    const code = missing
      ? 'MISSING_FIELD'
      : issue.code === 'invalid_value'
        ? 'UNKNOWN_VALUE'
        : 'INVALID_FIELD';
    return [source.problem(path, code, missing ? 'is required' : issue.message)];
  });
  return { ok: false, problems };
}

/**
 * Shape of the top level and the document block first; each list item is then checked on its own so that
 * one bad item does not hide the problems of the others.
 */
export function checkSchema(
  top: Record<string, unknown>,
  problems: ProblemList,
  registry?: Registry,
): CheckedAnnotation {
  const docCheck = zodProblems(problems.source, ['document'], annotationSchema.shape.document, top.document);
  problems.items.push(...docCheck.problems);
  for (const key of Object.keys(top)) {
    if (!['document', 'entities', 'claims', 'facts'].includes(key))
      problems.add([key], 'UNKNOWN_FIELD', `unknown field "${key}"`);
  }
  const rejectedIds = { entities: new Set<string>(), claims: new Set<string>(), facts: new Set<string>() };
  const list = <T>(
    key: Section,
    schema: ZodType,
    required: boolean,
    check = (v: unknown, index: number) => zodProblems(problems.source, [key, index], schema, v),
  ): Listed<T>[] => {
    const value = top[key];
    if (value === undefined || value === null) {
      if (required) problems.add([key], 'MISSING_FIELD', 'is required and must list at least one item');
      return [];
    }
    if (!Array.isArray(value)) {
      problems.add([key], 'INVALID_FIELD', 'must be a list');
      return [];
    }
    const items: Listed<T>[] = [];
    value.forEach((v, index) => {
      const r = check(v, index);
      problems.items.push(...r.problems);
      if (r.ok) items.push({ item: r.data as T, index });
      else if (typeof valueAt(v, ['id']) === 'string') rejectedIds[key].add(valueAt(v, ['id']) as string);
    });
    return items;
  };
  const entities = list<EntityAnnotation>('entities', entitySchema, true, (v, index) => {
    const id = valueAt(v, ['id']);
    const entry = typeof id === 'string' ? registry?.byId.get(id) : undefined;
    return entry
      ? checkReference(problems.source, index, v as Record<string, unknown>, entry)
      : zodProblems(problems.source, ['entities', index], entitySchema, v);
  });
  const claims = list<ClaimAnnotation>('claims', claimSchema, false);
  const facts = list<FactAnnotation>('facts', factSchema, false);
  const document = docCheck.ok ? (docCheck.data as Annotation['document']) : undefined;
  return { document, entities, claims, facts, rejectedIds };
}

/**
 * A document entry whose id is a registry id refers to that entity: the registry gives kind, name and
 * description, the entry only this document's aliases (and its kind, as a check). It stands in the checked
 * annotation as a registered entity.
 */
function checkReference(
  source: YamlSource,
  index: number,
  value: Record<string, unknown>,
  entry: NonNullable<ReturnType<Registry['byId']['get']>>,
): { ok: boolean; data?: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const rest: Record<string, unknown> = { ...value };
  for (const field of REGISTRY_OWNED_FIELDS) {
    if (!(field in value)) continue;
    delete rest[field];
    problems.push(
      source.problem(
        ['entities', index, field],
        'REGISTRY_FIELD',
        `"${entry.id}" is in the corpus registry (${entry.where}), which gives its ${field}: ` +
          'a document gives only its own aliases (and, as a check, the kind)',
      ),
    );
  }
  const r = zodProblems(source, ['entities', index], entityReferenceSchema, rest);
  problems.push(...r.problems);
  const reference = r.data as EntityReferenceAnnotation | undefined;
  if (reference?.kind !== undefined && reference.kind !== entry.kind) {
    problems.push(
      source.problem(
        ['entities', index, 'kind'],
        'KIND_MISMATCH',
        `registry entity "${entry.id}" is a ${entry.kind} (${entry.where}), not a ${reference.kind}`,
      ),
    );
  }
  if (problems.length || !reference) return { ok: false, problems };
  const entity: EntityAnnotation = {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    aliases: reference.aliases,
    registered: true,
    registryAliases: entry.aliases,
    method: reference.method,
    confidence: reference.confidence,
  };
  return { ok: true, data: entity, problems };
}
