import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { cypher } from '../cypher';
import { QueryRunner } from '../db/database';
import { ANNOTATION_FILE, ARTICLE_FILE } from './corpus';
import { REGISTRY_FILE, RegistryEntity } from './registry';
import { storedRegistry } from './registry-store';

/**
 * The logical backup of the stored corpus (docs/documents.md, "Export"): every stored document back as
 * <dir>/<doc-id>/article.txt + graph.yaml, and the registry as <dir>/entities.yaml. Loading that folder
 * into an empty database gives the same graph, so it also covers documents that only ever arrived through
 * the loadDocument mutation.
 */

/** The target folder holds files already and --force was not given: a usage error, nothing written. */
export class ExportTargetError extends Error {
  override name = 'ExportTargetError';
}

/** The stored corpus cannot be written back faithfully; the message names the documents and why. */
export class ExportIntegrityError extends Error {
  override name = 'ExportIntegrityError';
}

export interface ExportOptions {
  /** Write into a folder that is not empty: files of the same names are replaced, others left alone. */
  force?: boolean;
  /** Progress, one line at a time. */
  log?: (line: string) => void;
  /** Documents read per query: bounds memory on a large corpus. */
  pageSize?: number;
}

export interface ExportSummary {
  dir: string;
  documents: number;
  registered: number;
}

/** Stored ids become folder names: only the validator's slugs may, so that no id can write outside dir. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const checkRow = z.object({ documents: z.number(), withoutAnnotation: z.array(z.string()) });
const documentRow = z.object({
  id: z.string().regex(SLUG, 'is not a document slug'),
  text: z.string(),
  sha256: z.string(),
  annotation: z.string(),
});

/** Counts come back from the driver as Integers or numbers depending on its settings; plain numbers here. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const integer = value as { toNumber?: () => number } | null;
    out[key] = typeof integer?.toNumber === 'function' ? integer.toNumber() : value;
  }
  return out;
}

function parseRows<T>(query: string, schema: z.ZodType<T>, rows: Record<string, unknown>[]): T[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(plain(row));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ExportIntegrityError(
        `${query}: row ${i + 1}: ${issue.path.join('.') || 'row'} ${issue.message}`,
      );
    }
    return parsed.data;
  });
}

/** Throws ExportTargetError unless dir is new, an empty folder, or force is given (the CLI asks before starting Neo4j). */
export function checkExportTarget(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ExportTargetError(`${dir}: exists and is not a folder`);
    const present = readdirSync(dir);
    if (present.length && !force) {
      throw new ExportTargetError(
        `${dir}: not empty (${present.length} entr${present.length === 1 ? 'y' : 'ies'}); ` +
          'choose an empty or new folder, or give --force to write over files of the same names',
      );
    }
  }
}

/** The registry in entities.yaml's own format (docs/corpus.md): empty fields left out, as an annotator writes it. */
export function registryYaml(rows: RegistryEntity[]): string {
  const entities = rows.map((r) => {
    const entry: Record<string, unknown> = { id: r.id, kind: r.kind, name: r.name };
    if (r.aliases.length) entry.aliases = r.aliases;
    if (r.description !== null) entry.description = r.description;
    if (r.iso3166 !== null) entry.iso3166 = r.iso3166;
    if (r.wikidata !== null) entry.wikidata = r.wikidata;
    return entry;
  });
  const header =
    '# The corpus registry (docs/corpus.md), written by `npm run export` from the stored graph.\n';
  // lineWidth 0: a long description stays on one line, as the annotators write them.
  return header + stringify({ entities }, { lineWidth: 0 });
}

/**
 * Writes the stored corpus to dir. Checks first that every stored document can be written back (it kept
 * its annotation) and refuses a non-empty dir without force; each article's bytes are checked against the
 * sha256 stored with it before anything of that document is written.
 */
export async function exportCorpus(
  db: QueryRunner,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const log = options.log ?? (() => {});
  const pageSize = options.pageSize ?? 100;
  const read = async <T>(name: string, schema: z.ZodType<T>, params: Record<string, unknown> = {}) =>
    parseRows(name, schema, await db.read({ name, text: cypher(name), params }));

  const [check] = await read('export/check', checkRow);
  if (check.withoutAnnotation.length) {
    throw new ExportIntegrityError(
      `${check.withoutAnnotation.length} stored document(s) were loaded before documents kept their ` +
        `annotation and cannot be exported: ${check.withoutAnnotation.join(', ')}. Load them again ` +
        '(npm run load, or the loadDocument mutation), then export.',
    );
  }
  checkExportTarget(dir, options.force ?? false);
  mkdirSync(dir, { recursive: true });
  log(`exporting ${check.documents} document(s) to ${dir}`);

  let written = 0;
  let after = '';
  for (;;) {
    const page = await read('export/documents', documentRow, { after, limit: pageSize });
    for (const doc of page) {
      const bytes = Buffer.from(doc.text, 'utf8');
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== doc.sha256) {
        throw new ExportIntegrityError(
          `${doc.id}: the stored text's sha256 is ${actual}, not the ${doc.sha256} stored with it; ` +
            `the article cannot be written back byte for byte (${written} document(s) written so far)`,
        );
      }
      const folder = path.join(dir, doc.id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, ARTICLE_FILE), bytes);
      writeFileSync(path.join(folder, ANNOTATION_FILE), doc.annotation, 'utf8');
      written += 1;
      log(`[${written}/${check.documents}] ${doc.id}`);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].id;
  }

  // The registry as the loadDocument mutation links against it (cypher/ingest/registered-entities.cypher).
  const registry = [...(await storedRegistry(db)).byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(path.join(dir, REGISTRY_FILE), registryYaml(registry), 'utf8');
  log(`wrote ${written} document(s) and ${REGISTRY_FILE} (${registry.length} registered entities) to ${dir}`);
  return { dir, documents: written, registered: registry.length };
}
