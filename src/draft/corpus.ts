import path from 'node:path';
import type { Annotation } from '../ingest/annotation';
import { findDocumentDirs, readDocument } from '../ingest/corpus';
import { linkToRegistry } from '../ingest/link-registry';
import { Registry, readRegistry, registryFileFor } from '../ingest/registry';
import { YamlSource, formatProblem, isError } from '../ingest/source';
import type { DocumentInput } from '../ingest/validate';
import { ProblemList, checkSchema } from '../ingest/validate-schema';

/**
 * A corpus's hand annotations as the drafter's tools need them (the linker's known entities, the bench's
 * reference answers): read by the ingest's own steps, so that a registry reference ({id: putin}) stands
 * with the registry's kind and name, and a local entity that the registry names is linked to it, exactly
 * as the loader would store it.
 */

export interface CorpusDocument {
  /** The folder, whose name is the document id. */
  dir: string;
  id: string;
  input: DocumentInput;
  /** The annotation as checked: registry references resolved (registered entities with their names). */
  annotation: Annotation;
}

export interface ReadCorpus {
  registry: Registry;
  documents: CorpusDocument[];
}

/**
 * The annotation of one document, checked against its registry and linked to it. Throws with every
 * error (file:line) when the schema refuses it: a hand annotation used as a reference must be valid.
 */
export function checkedAnnotation(input: DocumentInput, registry: Registry): Annotation {
  const source = new YamlSource(input.annotationFile, input.annotation);
  const read = source.syntaxProblems.length ? undefined : source.toJSOrProblem();
  const fail = (lines: string[]) => {
    throw new Error(`${input.annotationFile} cannot be read:\n${lines.join('\n')}`);
  };
  if (!read) return fail(source.syntaxProblems.map(formatProblem));
  if ('problem' in read) return fail([formatProblem(read.problem)]);
  if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value))
    return fail(['the file must be a mapping with document, entities, claims and facts']);
  const problems = new ProblemList(source);
  const checked = checkSchema(read.value as Record<string, unknown>, problems, registry);
  linkToRegistry(checked, registry, problems);
  const errors = problems.items.filter(isError);
  if (errors.length || !checked.document) return fail(errors.map(formatProblem));
  return {
    document: checked.document!,
    entities: checked.entities.map((e) => e.item),
    claims: checked.claims.map((c) => c.item),
    facts: checked.facts.map((f) => f.item),
  };
}

/**
 * The registry (entities.yaml beside the documents) and every document folder of a corpus directory, but
 * those excluded (by document id). A registry with errors is refused, as the loader refuses it.
 */
export function readCorpus(dir: string, options: { exclude?: readonly string[] } = {}): ReadCorpus {
  const exclude = new Set(options.exclude ?? []);
  const dirs = findDocumentDirs([dir]).filter((d) => !exclude.has(path.basename(d)));
  // The registry a document is checked against is the one beside its own folder (as validate reads it).
  const registryFile = registryFileFor(dirs[0] ?? path.join(dir, 'none'));
  const { registry, problems } = readRegistry(registryFile);
  const errors = problems.filter(isError);
  if (errors.length) throw new Error(`${registryFile} has errors:\n${errors.map(formatProblem).join('\n')}`);
  const documents = dirs.map((d) => {
    const input = readDocument(d);
    return { dir: d, id: path.basename(d), input, annotation: checkedAnnotation(input, registry) };
  });
  return { registry, documents };
}
