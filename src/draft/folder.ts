/**
 * `npm run draft`'s work after the drafting: the new document's folder (article.txt verbatim, the draft
 * graph.yaml), never over an existing annotation unless asked, and a summary a reviewer can start from.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../domain/errors';
import { readRegistry, registryFileFor } from '../ingest/registry';
import { EMPTY_REGISTRY, Registry } from '../ingest/registry';
import { draftArticle } from './draft';
import { knownEntitiesFromCorpus, memoryLinker } from './link';
import type { Draft, EntityLinker, NlpBackend } from './types';

/** A wrong article path, date or target folder: nothing is written. */
export class DraftTargetError extends ServiceError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

export interface DraftFolderOptions {
  articleFile: string;
  date?: string;
  id?: string;
  title?: string;
  out?: string;
  force?: boolean;
  corpusDir: string;
  nlp: NlpBackend;
  /** The graph's resolver; when absent the corpus files are the known entities. */
  linker?: EntityLinker;
  log: (line: string) => void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registryOf(corpusDir: string): Registry {
  const file = registryFileFor(path.join(corpusDir, 'x'));
  return existsSync(file) ? readRegistry(file).registry : EMPTY_REGISTRY;
}

export async function draftFolder(options: DraftFolderOptions): Promise<{ dir: string; draft: Draft }> {
  const { log } = options;
  if (!existsSync(options.articleFile))
    throw new DraftTargetError(`draft: no such file ${options.articleFile}`);
  const article = readFileSync(options.articleFile, 'utf8');
  if (!article.trim()) throw new DraftTargetError(`draft: ${options.articleFile} is empty`);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const parsed = new Date(`${date}T00:00:00Z`);
  const real =
    ISO_DATE.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
  if (!real) throw new DraftTargetError(`draft: --date must be a date YYYY-MM-DD, got "${date}"`);
  const linker = options.linker ?? memoryLinker(knownEntitiesFromCorpus(options.corpusDir));
  if (!options.linker) log(`linking names against the corpus files in ${options.corpusDir} (no graph asked)`);
  log(
    `drafting ${options.articleFile} (${article.split(/\s+/).filter(Boolean).length} words) with ${options.nlp.name}…`,
  );
  const draft = await draftArticle(
    { article, date, id: options.id, title: options.title },
    { nlp: options.nlp, linker, registry: registryOf(options.corpusDir) },
  );
  const dir = options.out ?? path.join(options.corpusDir, draft.annotation.document.id);
  if (path.basename(dir) !== draft.annotation.document.id)
    throw new DraftTargetError(
      `draft: the folder's name must be the document id "${draft.annotation.document.id}" (validate checks it); use --id ${path.basename(dir)} or --out …/${draft.annotation.document.id}`,
    );
  if (existsSync(path.join(dir, 'graph.yaml')) && !options.force)
    throw new DraftTargetError(`draft: ${dir}/graph.yaml exists; pass --force to replace it`);
  mkdirSync(dir, { recursive: true });
  // Written whole, then renamed into place: an interrupted draft leaves no half file behind.
  for (const [name, body] of [
    ['article.txt', article],
    ['graph.yaml', draft.yaml],
  ] as const) {
    writeFileSync(path.join(dir, `.${name}.tmp`), body);
    renameSync(path.join(dir, `.${name}.tmp`), path.join(dir, name));
  }
  const count = (type: string) => draft.items.filter((i) => i.type === type).length;
  const unsure = draft.items.filter((i) => i.confidence < 0.6).length;
  log(
    `wrote ${dir}/graph.yaml: ${count('entity')} entities, ${count('claim')} claims, ${count('fact')} facts ` +
      `(${unsure} below confidence 0.6); parse ${Math.round(draft.parseMs)} ms, extract ${Math.round(draft.extractMs)} ms`,
  );
  log(`review it (or open /review), then: npm run validate -- ${dir} && npm run load -- ${dir}`);
  return { dir, draft };
}
