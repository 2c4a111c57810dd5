/**
 * Writes the synthetic corpus (testkit/synthetic: documents shaped like the seed, Zipf-popular entities,
 * every claim kind and fact type) to a folder. The same seed writes the same corpus.
 *
 *   npx tsx bench/synthetic.ts --documents 100 --out /tmp/corpus [--seed 1] [--sentences 40 --claims 12 --facts 15]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SHAPE, generateCorpus } from '../testkit/synthetic';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '100' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    sentences: { type: 'string', default: String(DEFAULT_SHAPE.sentences) },
    claims: { type: 'string', default: String(DEFAULT_SHAPE.claims) },
    facts: { type: 'string', default: String(DEFAULT_SHAPE.facts) },
  },
});
if (!values.out) {
  console.error('usage: tsx bench/synthetic.ts --documents N --out DIR [--seed S]');
  process.exit(2);
}
const started = Date.now();
const dirs = generateCorpus({
  documents: Number(values.documents),
  out: values.out,
  seed: Number(values.seed),
  shape: {
    sentences: Number(values.sentences),
    claims: Number(values.claims),
    facts: Number(values.facts),
  },
});
console.log(`wrote ${dirs.length} documents to ${values.out} in ${Date.now() - started} ms`);
