import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../../testkit/synthetic';
import { validateFolder } from '../../src/ingest/corpus';
import { CLAIM_KIND_NAMES, FACT_TYPE_NAMES } from '../../src/domain/vocabulary';

describe('the synthetic benchmark corpus (bench/synthetic.ts)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const corpus = (seed: number, documents: number) => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-synthetic-test-'));
    dirs.push(out);
    return generateCorpus({ documents, out, seed });
  };

  it('passes the real validator, with claims of every kind and facts of every type', () => {
    const plans = corpus(1, 30).map((dir) => {
      const { problems, plan } = validateFolder(dir);
      expect(problems).toEqual([]);
      return plan!;
    });
    expect(new Set(plans.flatMap((p) => p.claims.map((c) => c.kind)))).toEqual(new Set(CLAIM_KIND_NAMES));
    expect(new Set(plans.flatMap((p) => p.facts.map((f) => f.type)))).toEqual(new Set(FACT_TYPE_NAMES));
  });

  it('writes the same bytes for the same seed', () => {
    const [a] = corpus(7, 3).slice(2);
    const [b] = corpus(7, 3).slice(2);
    for (const file of ['article.txt', 'graph.yaml'])
      expect(readFileSync(path.join(a, file), 'utf8')).toBe(readFileSync(path.join(b, file), 'utf8'));
  });
});
