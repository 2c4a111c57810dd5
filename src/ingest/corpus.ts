import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RegistryResult, readRegistry, registryFileFor } from './registry';
import { Problem, isError } from './source';
import { DocumentInput, ValidationResult, validateDocument } from './validate';

export const ARTICLE_FILE = 'article.txt';
export const ANNOTATION_FILE = 'graph.yaml';

function isDocumentDir(dir: string): boolean {
  return existsSync(path.join(dir, ANNOTATION_FILE)) || existsSync(path.join(dir, ARTICLE_FILE));
}

/**
 * The document folders named by paths: a document folder itself, its graph.yaml or article.txt, or a
 * folder of document folders (such as corpus/). Sorted so that loads and reports are reproducible.
 */
export function findDocumentDirs(paths: string[]): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    const p = path.resolve(given);
    if (!existsSync(p)) throw new Error(`${given}: no such file or folder`);
    if (statSync(p).isFile()) {
      found.add(path.dirname(p));
    } else if (isDocumentDir(p)) {
      found.add(p);
    } else {
      for (const entry of readdirSync(p).sort()) {
        const child = path.join(p, entry);
        if (statSync(child).isDirectory() && isDocumentDir(child)) found.add(child);
      }
    }
  }
  return [...found].sort();
}

/** Reads one document folder; paths in problems are shown relative to the working directory. */
export function readDocument(dir: string): DocumentInput {
  const rel = (f: string) => path.relative(process.cwd(), path.join(dir, f)) || f;
  const articlePath = path.join(dir, ARTICLE_FILE);
  const annotationPath = path.join(dir, ANNOTATION_FILE);
  const articleBytes = existsSync(articlePath) ? readFileSync(articlePath) : undefined;
  return {
    folderId: path.basename(dir),
    articleFile: rel(ARTICLE_FILE),
    annotationFile: rel(ANNOTATION_FILE),
    article: articleBytes?.toString('utf8') ?? '',
    articleBytes,
    annotation: existsSync(annotationPath) ? readFileSync(annotationPath, 'utf8') : '',
  };
}

/**
 * Validates one document folder, reporting a missing article.txt or graph.yaml like any other problem,
 * against the registry of the folder it sits in (read here unless given; a registry with errors is
 * reported instead of the document, which cannot be checked against it).
 */
export function validateFolder(dir: string, registry?: RegistryResult): ValidationResult {
  const reg = registry ?? readRegistry(registryFileFor(dir));
  if (reg.problems.some(isError)) return { problems: reg.problems };
  const input = { ...readDocument(dir), registry: reg.registry };
  const missing = [
    [input.articleBytes === undefined, input.articleFile],
    [!existsSync(path.join(dir, ANNOTATION_FILE)), input.annotationFile],
  ] as const;
  const problems: Problem[] = missing
    .filter(([absent]) => absent)
    .map(([, file]) => ({
      file,
      line: 1,
      column: 1,
      field: '',
      code: 'FILE_MISSING',
      message: 'file not found',
    }));
  return problems.length ? { problems } : validateDocument(input);
}
