import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';

/** cypher/ holds every statement the service sends, as plain files runnable in cypher-shell with :param. */
export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');

const cache = new Map<string, string>();

/** Comments stay in the files for readers in cypher-shell; the wire gets the statement alone. */
function statementText(source: string): string {
  return source
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .replace(/;\s*$/, '');
}

/** The text of cypher/<name>.cypher, e.g. cypher('queries/supporters'); read once. */
export function cypher(name: string): string {
  return cypherFile(path.join(CYPHER_DIR, `${name}.cypher`));
}

/** The same for a file kept elsewhere: the test kit's checksum queries, which the service never sends. */
export function cypherFile(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = statementText(readFileSync(file, 'utf8'));
    cache.set(file, text);
  }
  return text;
}

/** The statements of every file in a folder, in file-name order; files may hold several `;`-ended ones. */
export function cypherFolder(folder: string): { name: string; text: string }[] {
  const dir = path.join(CYPHER_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((file) =>
      readFileSync(path.join(dir, file), 'utf8')
        .split(/;\s*(?:\n|$)/)
        .map(statementText)
        .filter(Boolean)
        .map((text, i) => ({ name: `${folder}/${file.replace(/\.cypher$/, '')}#${i + 1}`, text })),
    );
}
