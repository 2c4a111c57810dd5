/**
 * npx tsx bench/validate-cpu.ts --dir /tmp/corpus [--rounds 3] [--fast on,off] [--before /tmp/before] [--steps]
 *
 * The CPU validation costs, without Neo4j: every document folder of --dir (a corpus written by
 * bench/synthetic.ts) validated in this thread, round after round (a warm-up round first), for each
 * variant: this checkout with the fast YAML reader on and off (src/ingest/yaml-fast.ts), and --before
 * (another checkout's validateFolder). Variants alternate A B C, C B A, … Reports the process's CPU per
 * document and per plan row, and with --steps this checkout's time by step (parse, schema, registry, references, text,
 * quotes, plan). For a profile: node --cpu-prof --import tsx bench/validate-cpu.ts --dir … --fast on.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findDocumentDirs, readDocument, validateFolder } from '../src/ingest/corpus';
import { linkToRegistry } from '../src/ingest/link-registry';
import { planRows } from '../src/ingest/loader';
import { buildPlan } from '../src/ingest/plan';
import { resolveQuotes } from '../src/ingest/quotes';
import { readRegistry, registryFileFor } from '../src/ingest/registry';
import { YamlSource, yamlReading } from '../src/ingest/source';
import { segment } from '../src/ingest/text';
import { linkReferences } from '../src/ingest/validate-references';
import { ProblemList, checkSchema } from '../src/ingest/validate-schema';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    fast: { type: 'string', default: 'on,off' },
    before: { type: 'string' },
    steps: { type: 'boolean', default: false },
  },
});
if (!values.dir) {
  console.error(
    'usage: tsx bench/validate-cpu.ts --dir DIR [--rounds N] [--fast on,off] [--before CHECKOUT]',
  );
  process.exit(2);
}

const dirs = findDocumentDirs([values.dir]);
const registry = readRegistry(registryFileFor(dirs[0]));

interface Variant {
  name: string;
  validate: (dir: string) => { plan?: unknown };
}

const variants: Variant[] = values.fast.split(',').map((mode) => ({
  name: `this checkout, fast YAML ${mode}`,
  validate: (dir: string) => {
    yamlReading.fast = mode === 'on';
    return validateFolder(dir, registry);
  },
}));
if (values.before) {
  // Another checkout's validator, each document against that checkout's reading of the registry.
  const root = path.resolve(values.before);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const corpus = require(path.join(root, 'src/ingest/corpus')) as {
    validateFolder: (dir: string, registry: unknown) => { plan?: unknown };
  };
  const registries = require(path.join(root, 'src/ingest/registry')) as {
    readRegistry: (file: string) => unknown;
    registryFileFor: (dir: string) => string;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const theirs = registries.readRegistry(registries.registryFileFor(dirs[0]));
  variants.push({ name: `before (${values.before})`, validate: (dir) => corpus.validateFolder(dir, theirs) });
}

let rows = 0;
for (const dir of dirs) {
  const { plan } = validateFolder(dir, registry);
  if (!plan) throw new Error(`${dir} is not valid`);
  rows += planRows(plan as Parameters<typeof planRows>[0]);
}

const results = new Map<string, number[]>();
const order: Variant[] = [];
for (let r = 0; r < Number(values.rounds); r++) order.push(...(r % 2 ? [...variants].reverse() : variants));
for (const [i, variant] of [...variants, ...order].entries()) {
  const before = process.cpuUsage();
  for (const dir of dirs) if (!variant.validate(dir).plan) throw new Error(`${dir} is not valid`);
  const used = process.cpuUsage(before);
  if (i < variants.length) continue; // warm-up
  const ms = (used.user + used.system) / 1000;
  results.set(variant.name, [...(results.get(variant.name) ?? []), ms]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report: Record<string, unknown> = {
  command: `npx tsx bench/validate-cpu.ts ${process.argv.slice(2).join(' ')}`,
  documents: dirs.length,
  planRows: rows,
  variants: [...results].map(([name, ms]) => ({
    name,
    cpuMsByRound: ms.map((m) => Math.round(m)),
    cpuUsPerDocument: Math.round((median(ms) * 1000) / dirs.length),
    cpuUsPerPlanRow: Math.round((median(ms) * 1000 * 10) / rows) / 10,
  })),
};

if (values.steps) {
  // This checkout's steps, as validateDocument takes them (wall time in this thread, fast YAML as set).
  yamlReading.fast = values.fast.split(',')[0] === 'on';
  const steps: Record<string, number> = {};
  const time = <T>(step: string, work: () => T): T => {
    const t0 = performance.now();
    const out = work();
    steps[step] = (steps[step] ?? 0) + performance.now() - t0;
    return out;
  };
  for (let round = 0; round < 2; round++) {
    if (round === 1) for (const key of Object.keys(steps)) steps[key] = 0;
    for (const dir of dirs) {
      const input = time('read files', () => readDocument(dir));
      const source = time('yaml', () => new YamlSource(input.annotationFile, input.annotation));
      const read = time('yaml', () => source.toJSOrProblem());
      if ('problem' in read) throw new Error(dir);
      const problems = new ProblemList(source);
      const checked = time('schema (zod)', () =>
        checkSchema(read.value as Record<string, unknown>, problems, registry.registry),
      );
      time('article sha256', () =>
        createHash('sha256')
          .update(input.articleBytes ?? '')
          .digest('hex'),
      );
      time('registry links', () => linkToRegistry(checked, registry.registry, problems));
      time('references', () => linkReferences(checked, problems));
      const segmented = time('segment text', () => segment(input.article));
      const quotes = time('quotes', () => resolveQuotes(input.article, segmented, checked, problems));
      time('plan (mentions, rows, planSha256)', () =>
        buildPlan({
          document: checked.document!,
          text: input.article,
          annotation: input.annotation,
          segmented,
          registry: registry.registry,
          entities: checked.entities.map((e) => e.item),
          claims: checked.claims.map(({ item, index }) => ({
            ...item,
            quotes: quotes.claims.get(index) ?? [],
          })),
          facts: checked.facts.map(({ item, index }) => ({ ...item, quotes: quotes.facts.get(index) ?? [] })),
        }),
      );
    }
  }
  report.stepsUsPerDocument = Object.fromEntries(
    Object.entries(steps).map(([k, ms]) => [k, Math.round((ms * 1000) / dirs.length)]),
  );
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
