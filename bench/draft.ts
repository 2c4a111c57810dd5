/**
 * npm run bench:draft [-- --backend corenlp,compromise --corpus corpus/ --all --runs 3]
 *
 * Drafts every document of the corpus with each NLP backend and compares the draft with the document's hand
 * annotation (src/draft/score.ts): entities, stances and facts (precision, recall, F1, what was missed and
 * what was extra), whether the validator accepts the draft as written, verbatim quotes, the confidence
 * calibration, time per 1,000 words (the backend's first draft apart, then warm) and the NLP's memory.
 *
 * Two figures per document, by what the linker knows: `leaveOneOut` (the registry and every other document
 * of the corpus, not this one: as for a new article) and `ownEntitiesKnown` (this document's entities too).
 * `--all` adds tests/fixtures/corpus-multi. No database: the linker is memoryLinker over the corpus files.
 * Writes bench/results/draft-<date>.json (BENCH_RESULTS_DIR overrides).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../src/config';
import { readCorpus } from '../src/draft/corpus';
import { knownEntitiesFromCorpus, memoryLinker } from '../src/draft/link';
import { BACKENDS, BackendName, openBackend } from './lib/draft-backends';
import { TARGETS, pooledSpeed, wordCount } from './lib/draft-measure';
import { BenchDocument, DocumentResult, benchDocument, pool } from './lib/draft-run';
import { BackendSummary, backendTable, calibrationTable, documentTable } from './lib/draft-tables';
import { machine, packageVersions, stamp } from './lib/proc';
import { writeResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[draft] ${line}\n`);
const MULTI = path.join(REPO_ROOT, 'tests', 'fixtures', 'corpus-multi');

function options() {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: BACKENDS.join(',') },
      corpus: { type: 'string', default: path.join(REPO_ROOT, 'corpus') },
      all: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
    },
  });
  const backends = values.backend.split(',').map((b) => b.trim());
  const unknown = backends.filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (unknown.length || !backends.length)
    throw new Error(`--backend takes ${BACKENDS.join(', ')} (comma-separated), not "${values.backend}"`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
  const corpora = [path.resolve(values.corpus), ...(values.all ? [MULTI] : [])];
  return { backends: backends as BackendName[], runs, corpora };
}

/** Each document with its hand annotation and the two linkers, built once for every backend. */
function benchDocuments(corpora: string[]): BenchDocument[] {
  return corpora.flatMap((dir) => {
    const { registry, documents } = readCorpus(dir);
    const everything = memoryLinker(knownEntitiesFromCorpus(dir));
    return documents.map((doc) => ({
      corpus: path.relative(REPO_ROOT, dir) || '.',
      doc,
      registry,
      words: wordCount(doc.input.article),
      leaveOneOut: memoryLinker(knownEntitiesFromCorpus(dir, { exclude: [doc.id] })),
      ownEntitiesKnown: everything,
    }));
  });
}

async function main(): Promise<void> {
  const { backends, runs, corpora } = options();
  const when = stamp();
  const documents = benchDocuments(corpora);
  log(`${documents.length} document(s), ${backends.join(' and ')}, ${runs} run(s) each`);
  const results: DocumentResult[] = [];
  const summaries: (BackendSummary & { server: unknown })[] = [];
  for (const name of backends) {
    const backend = await openBackend(name, log);
    try {
      const before = backend.memory();
      const mine: DocumentResult[] = [];
      for (const d of documents) {
        const result = await benchDocument(
          backend.nlp,
          d,
          runs,
          mine.every((r) => !r.runs.length),
        );
        log(
          `${name} ${d.doc.id}: ${result.error ? `FAILED: ${result.error}` : `${result.runs.length} run(s)`}` +
            (result.warm ? `, warm ${Math.round(result.warm.wallMs)} ms` : ''),
        );
        mine.push(result);
      }
      const first = mine.find((r) => r.first);
      summaries.push({
        name,
        server: backend.server ?? null,
        first: first?.first ? { document: first.id, ...first.first } : null,
        warm: pooledSpeed(mine),
        memory: { before, after: backend.memory() },
        leaveOneOut: pool(mine, 'leaveOneOut'),
        ownEntitiesKnown: pool(mine, 'ownEntitiesKnown'),
      });
      results.push(...mine);
    } finally {
      await backend.release();
    }
  }

  process.stdout.write(`\n${documentTable(results)}\n\n${backendTable(summaries)}\n`);
  for (const s of summaries)
    process.stdout.write(
      `\nleave-one-out calibration\n${calibrationTable(s.name, s.leaveOneOut.calibration)}\n`,
    );
  const file = writeResult('draft', when.date, {
    command: `npm run bench:draft -- ${process.argv.slice(2).join(' ')}`.trim(),
    date: when.time,
    machine: machine(),
    versions: packageVersions(['compromise', 'yaml']),
    options: { backends, runs, corpora: corpora.map((c) => path.relative(REPO_ROOT, c) || '.') },
    targets: TARGETS,
    linkers: {
      leaveOneOut: 'the registry and every other document of the corpus, not the one drafted',
      ownEntitiesKnown: 'the registry and every document, the drafted one included',
    },
    backends: summaries,
    documents: results,
  });
  process.stdout.write(`\n${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:draft: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
