import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';

/**
 * operations/ holds the GraphQL operations the project's own clients send (the playground's examples, the
 * dashboard's queries, the loadDocument mutation), one per .graphql file, as cypher/ holds the Cypher.
 * The persisted-query allow-list hashes their exact text, so every reader maps a file to its text the same
 * way: trimmed, since editors differ on the final newline. The dashboard's bundle does it in
 * src/web/dashboard/app/api.ts.
 */
export const OPERATIONS_DIR = path.join(REPO_ROOT, 'operations');

export interface OperationFile {
  /** Relative to the repository, e.g. operations/dashboard/graph.graphql. */
  file: string;
  text: string;
}

const operationText = (source: string) => source.trim();

function read(file: string): OperationFile {
  const text = operationText(readFileSync(file, 'utf8'));
  return { file: path.relative(REPO_ROOT, file).split(path.sep).join('/'), text };
}

/** operations/<name>.graphql, e.g. operationFile('load-document'). */
export const operationFile = (name: string) => read(path.join(OPERATIONS_DIR, `${name}.graphql`));

/** The text of operations/<name>.graphql, e.g. operation('load-document'). */
export const operation = (name: string) => operationFile(name).text;

/** Every .graphql file of operations/<folder>, in file-name order. */
export function operationFolder(folder: string): OperationFile[] {
  const dir = path.join(OPERATIONS_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => read(path.join(dir, f)));
}

/**
 * The playground's example tabs, in tab order (the files' numeric prefixes). Each ends with a newline, as
 * the editor holds it and therefore sends it when run unchanged: the allow-list has to hash that text.
 */
export function playgroundExamples(): OperationFile[] {
  return operationFolder('playground').map(({ file, text }) => ({ file, text: `${text}\n` }));
}
