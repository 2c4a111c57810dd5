/**
 * The synthetic corpus, one generator for tests and benchmarks: documents shaped like the seed, whose
 * entities come from pools with Zipf popularity, whose claims cover every kind and facts every type within
 * the kind rules of src/domain/vocabulary.ts, and whose quotes occur verbatim in the article (occurrence given
 * where a quote repeats). The same seed writes the same bytes: benchmark runs compare like with like.
 * `npx tsx bench/synthetic.ts` writes one from the command line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SHAPE, DocumentShape, generateDocument } from './document';
import { EntityPools } from './entities';
import { Random } from './random';

export { DEFAULT_SHAPE, type DocumentShape } from './document';

export interface CorpusOptions {
  documents: number;
  out: string;
  seed?: number;
  shape?: DocumentShape;
}

/** Writes the corpus, one folder per document; returns the folders in order. */
export function generateCorpus(options: CorpusOptions): string[] {
  const random = new Random(options.seed ?? 1);
  const pools = new EntityPools(options.documents);
  mkdirSync(options.out, { recursive: true });
  const dirs: string[] = [];
  for (let i = 0; i < options.documents; i++) {
    const doc = generateDocument(i, random, pools, options.shape ?? DEFAULT_SHAPE);
    const dir = path.join(options.out, doc.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'article.txt'), doc.article);
    writeFileSync(path.join(dir, 'graph.yaml'), doc.annotation);
    dirs.push(dir);
  }
  return dirs;
}

export interface LargeDocumentOptions {
  id: string;
  /** About this many sentences: seven in ten a claim, one in ten a fact, the rest restatements and filler. */
  sentences: number;
  seed?: number;
}

/**
 * One large document, for tests that need a single load big enough to interrupt. Its entity pools are those
 * of a corpus holding as many claims, so that it names about as many entities as such a corpus would.
 */
export function syntheticDocument(options: LargeDocumentOptions): { article: string; annotation: string } {
  const claims = Math.round(options.sentences * 0.7);
  const shape: DocumentShape = {
    sentences: options.sentences,
    claims,
    facts: Math.round(options.sentences * 0.1),
  };
  const pools = new EntityPools(Math.ceil(claims / DEFAULT_SHAPE.claims));
  const { article, annotation } = generateDocument(
    0,
    new Random(options.seed ?? 1),
    pools,
    shape,
    options.id,
  );
  return { article, annotation };
}
