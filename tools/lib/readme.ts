import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What README.md promises a newcomer, read from the page itself so that the smoke check, the tests and the
 * page cannot drift apart: the quick start's commands and the example queries with their answers.
 */

export const README = path.resolve(__dirname, '..', '..', 'README.md');

function readme(file: string): string {
  return readFileSync(file, 'utf8');
}

/** The text between a `## <title>` heading and the next `## ` heading. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = text.indexOf('\n## ', start + 4);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Each ```graphql block of "Example queries" with the ```json block that follows it (its answer). */
export function readmeExamples(file = README): { query: string; expected: unknown }[] {
  const blocks = [
    ...section(readme(file), 'Example queries').matchAll(/```(graphql|json)\n([\s\S]*?)```/g),
  ].map((m) => ({ lang: m[1], body: m[2] }));
  const pairs: { query: string; expected: unknown }[] = [];
  blocks.forEach((b, i) => {
    if (b.lang === 'graphql' && blocks[i + 1]?.lang === 'json')
      pairs.push({ query: b.body, expected: JSON.parse(blocks[i + 1].body) });
  });
  return pairs;
}

/**
 * The quick start's commands: every `npm …` command of its ```sh block, comments dropped and `&&` chains
 * split, in order (`npm ci && npm start` gives `npm ci`, `npm start`).
 */
export function readmeQuickStart(file = README): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(section(readme(file), 'Quick start'));
  if (!block) throw new Error('README.md\'s "Quick start" has no ```sh block');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .flatMap((line) => line.split('&&').map((part) => part.trim()))
    .filter((command) => command.startsWith('npm '));
}

/** The quick start command that runs the service (`npm start` or `npm run start …`). */
export function readmeRunCommand(file = README): string {
  const command = readmeQuickStart(file).find((c) => /^npm (run )?start\b/.test(c));
  if (!command) throw new Error('README.md\'s "Quick start" gives no `npm start` command');
  return command;
}

/** A command of the README's other sections, found by its start (e.g. `npm run validate`), as written. */
export function readmeCommand(prefix: string, file = README): string {
  for (const block of readme(file).matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split('\n')) {
      const command = line.replace(/\s#.*$/, '').trim();
      if (command.startsWith(prefix)) return command;
    }
  }
  throw new Error(`README.md gives no \`${prefix}\` command`);
}
