import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { z } from 'zod';
import { EntityKind } from '../domain/vocabulary';
import { entityKind, slug, text } from './annotation';
import { DUPLICATE_THRESHOLD, bestSimilarity, nameKey } from './similarity';
import { Problem, YamlSource } from './source';
import { ProblemList, zodProblems } from './validate-schema';

/**
 * The corpus registry (corpus/entities.yaml, docs/corpus.md): the entities documents share, each listed once
 * with its canonical name, kind, corpus-wide aliases and external ids.
 */

countries.registerLocale(english);

export const REGISTRY_FILE = 'entities.yaml';

export const registryEntitySchema = z.strictObject({
  id: slug,
  kind: entityKind,
  name: text,
  aliases: z.array(text).default([]),
  description: text.optional(),
  iso3166: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code: two capital letters')
    .optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/, 'must be a Wikidata id: Q and digits, e.g. Q159')
    .optional(),
});

export type RegistryEntityAnnotation = z.infer<typeof registryEntitySchema>;

/** A registry entity as documents see it, with where it is written (problems about it point there). */
export interface RegistryEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string | null;
  iso3166: string | null;
  wikidata: string | null;
  /** file:line of its entry, or a description of where it came from (the stored graph). */
  where: string;
}

/** The registry a document is checked against: its entities by id, and by every name and alias. */
export class Registry {
  readonly byId = new Map<string, RegistryEntity>();
  private readonly byKey = new Map<string, RegistryEntity>();

  constructor(entities: RegistryEntity[] = []) {
    for (const e of entities) {
      this.byId.set(e.id, e);
      for (const name of [e.name, ...e.aliases])
        if (!this.byKey.has(nameKey(name))) this.byKey.set(nameKey(name), e);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The registry entity one of these names names (nameKey equality), if any is of this kind. */
  named(names: string[], kind: string): RegistryEntity | undefined {
    for (const name of names) {
      const found = this.byKey.get(nameKey(name));
      if (found && found.kind === kind) return found;
    }
    return undefined;
  }

  /** The registry entities of a kind whose names come close to these (PROBABLE_DUPLICATE), best first. */
  similar(names: string[], kind: string): { entity: RegistryEntity; similarity: number }[] {
    return [...this.byId.values()]
      .filter((e) => e.kind === kind)
      .map((entity) => ({ entity, similarity: bestSimilarity(names, [entity.name, ...entity.aliases]) }))
      .filter((m) => m.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity || a.entity.id.localeCompare(b.entity.id));
  }
}

export const EMPTY_REGISTRY = new Registry();

export interface RegistryResult {
  registry: Registry;
  problems: Problem[];
}

/** Checks a registry file: each entry on its own, then ids, names and aliases across entries. */
export function parseRegistry(file: string, source: string): RegistryResult {
  const yaml = new YamlSource(file, source);
  if (yaml.syntaxProblems.length) return { registry: EMPTY_REGISTRY, problems: yaml.syntaxProblems };
  const read = yaml.toJSOrProblem();
  if ('problem' in read) return { registry: EMPTY_REGISTRY, problems: [read.problem] };
  const problems = new ProblemList(yaml);
  const top = read.value as Record<string, unknown> | null;
  if (top === null || typeof top !== 'object' || Array.isArray(top) || !Array.isArray(top.entities)) {
    problems.add(['entities'], 'INVALID_FIELD', 'the registry must be a mapping with an entities list');
    return { registry: EMPTY_REGISTRY, problems: problems.items };
  }
  for (const key of Object.keys(top))
    if (key !== 'entities') problems.add([key], 'UNKNOWN_FIELD', `unknown field "${key}"`);
  const entities: { entity: RegistryEntity; index: number }[] = [];
  (top.entities as unknown[]).forEach((value, index) => {
    const r = zodProblems(yaml, ['entities', index], registryEntitySchema, value);
    problems.items.push(...r.problems);
    if (!r.ok) return;
    const e = r.data as RegistryEntityAnnotation;
    checkCountryCode(e, index, problems);
    const { line } = yaml.locate(['entities', index]);
    entities.push({
      index,
      entity: {
        id: e.id,
        kind: e.kind,
        name: e.name,
        aliases: [...new Set(e.aliases)],
        description: e.description ?? null,
        iso3166: e.iso3166 ?? null,
        wikidata: e.wikidata ?? null,
        where: `${file}:${line}`,
      },
    });
  });
  checkAcrossEntries(entities, problems);
  problems.items.sort((a, b) => a.line - b.line || a.column - b.column);
  return { registry: new Registry(entities.map((e) => e.entity)), problems: problems.items };
}

/** A Country carries a real ISO 3166-1 alpha-2 code (joins to other data sets); nothing else carries one. */
function checkCountryCode(e: RegistryEntityAnnotation, index: number, problems: ProblemList): void {
  const at = ['entities', index, 'iso3166'];
  if (e.kind !== 'Country') {
    if (e.iso3166 !== undefined)
      problems.add(at, 'INVALID_FIELD', `only a Country carries an ISO 3166-1 code; this is a ${e.kind}`);
    return;
  }
  if (e.iso3166 !== undefined && countries.isValid(e.iso3166)) return;
  const guess = [e.name, ...e.aliases].map((n) => countries.getAlpha2Code(n, 'en')).find(Boolean);
  const hint = guess ? ` (for "${e.name}" it is probably ${guess})` : '';
  if (e.iso3166 === undefined)
    problems.add(['entities', index], 'MISSING_FIELD', `iso3166 is required on a Country${hint}`);
  else problems.add(at, 'UNKNOWN_VALUE', `"${e.iso3166}" is not an ISO 3166-1 alpha-2 code${hint}`);
}

/**
 * Ids are unique; a name or alias points at one entity only (a document's names are linked through them);
 * two entities of one kind with close names are probably one entity listed twice (a warning).
 */
function checkAcrossEntries(
  entities: { entity: RegistryEntity; index: number }[],
  problems: ProblemList,
): void {
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  entities.forEach(({ entity: e, index }) => {
    if (ids.has(e.id))
      problems.add(['entities', index, 'id'], 'DUPLICATE_ID', `entity id "${e.id}" is used more than once`);
    ids.add(e.id);
    [e.name, ...e.aliases].forEach((name, n) => {
      const owner = owners.get(nameKey(name));
      if (owner !== undefined && owner !== e.id) {
        problems.add(
          n === 0 ? ['entities', index, 'name'] : ['entities', index, 'aliases', n - 1],
          'AMBIGUOUS_ALIAS',
          `"${name}" also names registry entity "${owner}"; a name may point at one entity only`,
        );
      } else owners.set(nameKey(name), e.id);
    });
  });
  for (let i = 0; i < entities.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [entities[i].entity, entities[j].entity];
      if (a.kind !== b.kind || a.id === b.id) continue;
      const s = bestSimilarity([a.name, ...a.aliases], [b.name, ...b.aliases]);
      if (s >= DUPLICATE_THRESHOLD && nameKey(a.name) !== nameKey(b.name)) {
        problems.add(
          ['entities', entities[i].index, 'name'],
          'PROBABLE_DUPLICATE',
          `"${a.name}" is close to "${b.name}" (${b.id}, ${b.where}), similarity ${s.toFixed(2)}: if they are one ${a.kind}, list it once`,
          'warning',
        );
      }
    }
  }
}

/** The registry a document folder is checked against: entities.yaml of the folder it sits in, if any. */
export function registryFileFor(documentDir: string): string {
  return path.join(path.dirname(path.resolve(documentDir)), REGISTRY_FILE);
}

/** Reads a registry file; a folder without one has an empty registry. Paths in problems are relative. */
export function readRegistry(file: string): RegistryResult {
  if (!existsSync(file)) return { registry: EMPTY_REGISTRY, problems: [] };
  return parseRegistry(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
}
