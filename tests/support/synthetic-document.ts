import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SyntheticOptions {
  id: string;
  /** One claim per sentence, so this is also the number of claims. */
  sentences: number;
  speakers?: number;
  plans?: number;
}

/**
 * A large valid document (article.txt + graph.yaml) for load and fault tests: `sentences` sentences of the
 * form "Speaker 3 backs plan 7 in statement 42.", ten to a paragraph, each the quote of one claim, and a
 * LEADS fact per speaker. Every quote is unique because the statement number ends it.
 */
export function syntheticDocument(options: SyntheticOptions): { article: string; annotation: string } {
  const { id, sentences } = options;
  const speakers = options.speakers ?? 40;
  const plans = options.plans ?? 25;
  const lines: string[] = [];
  const claims: string[] = [];
  let paragraph: string[] = [];
  for (let i = 1; i <= sentences; i++) {
    const speaker = ((i * 7) % speakers) + 1;
    const plan = ((i * 3) % plans) + 1;
    const verb = i % 3 === 0 ? 'rejects' : 'backs';
    const sentence = `Speaker ${speaker} ${verb} plan ${plan} in statement ${i}.`;
    paragraph.push(sentence);
    claims.push(
      `  - id: claim-${i}\n    by: speaker-${speaker}\n    kind: ${verb === 'rejects' ? 'REJECTS' : 'SUPPORTS'}\n` +
        `    on: plan-${plan}\n    quote: "${sentence}"`,
    );
    if (paragraph.length === 10 || i === sentences) {
      lines.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  // Each speaker leads its council, stated in a closing paragraph of its own.
  const leads = Array.from({ length: speakers }, (_, k) => `Speaker ${k + 1} leads council ${k + 1}.`);
  lines.push(leads.join(' '));
  const article = `${lines.join('\n')}\n`;
  const sha256 = createHash('sha256').update(article, 'utf8').digest('hex');
  const entities = [
    ...Array.from(
      { length: speakers },
      (_, k) => `  - id: speaker-${k + 1}\n    kind: Person\n    name: Speaker ${k + 1}`,
    ),
    ...Array.from(
      { length: speakers },
      (_, k) => `  - id: council-${k + 1}\n    kind: Organization\n    name: Council ${k + 1}`,
    ),
    ...Array.from(
      { length: plans },
      (_, k) => `  - id: plan-${k + 1}\n    kind: Proposal\n    name: Plan ${k + 1}`,
    ),
  ];
  const facts = leads.map(
    (quote, k) =>
      `  - from: speaker-${k + 1}\n    type: LEADS\n    to: council-${k + 1}\n    quote: "${quote}"`,
  );
  const annotation = [
    '# Synthetic document for load and fault tests (tests/support/synthetic-document.ts).',
    'document:',
    `  id: ${id}`,
    `  title: Synthetic statements (${sentences} claims)`,
    '  source: stancegraph synthetic test document',
    '  publishedAt: 2025-01-01',
    '  language: en',
    `  sha256: ${sha256}`,
    'entities:',
    ...entities,
    'claims:',
    ...claims,
    'facts:',
    ...facts,
    '',
  ].join('\n');
  return { article, annotation };
}

/** Writes it as a document folder (named after its id, as the CLI requires) under dir; returns the folder. */
export function writeSyntheticDocument(dir: string, options: SyntheticOptions): string {
  const folder = path.join(dir, options.id);
  mkdirSync(folder, { recursive: true });
  const { article, annotation } = syntheticDocument(options);
  writeFileSync(path.join(folder, 'article.txt'), article);
  writeFileSync(path.join(folder, 'graph.yaml'), annotation);
  return folder;
}
