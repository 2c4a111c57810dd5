import { Problem } from '../../src/ingest/source';
import { validateDocument } from '../../src/ingest/validate';
import { CASES, SEED, article, mutate, original, prng, validateMutation } from '../support/annotation-fuzz';

/**
 * Random mutations of the seed annotation through the validator: it must never throw, must locate every
 * problem it reports, and must never hand out a plan for a file with problems — so nothing invalid could
 * be written (tests/integration/fuzz-loader.test.ts sends some through the loader to a database). A seeded
 * generator makes every run the same cases (FUZZ_SEED, FUZZ_CASES to explore; see
 * tests/support/annotation-fuzz.ts).
 */

/** What is wrong with a problem as reported, or undefined when it is well-formed. */
function malformed(p: Problem): string | undefined {
  if (p.file !== 'graph.yaml' && p.file !== 'article.txt') return `file ${JSON.stringify(p.file)}`;
  if (!Number.isInteger(p.line) || p.line < 1) return `line ${p.line}`;
  if (!Number.isInteger(p.column) || p.column < 1) return `column ${p.column}`;
  if (typeof p.field !== 'string') return `field ${JSON.stringify(p.field)}`;
  if (!/^[A-Z][A-Z0-9_]+$/.test(p.code)) return `code ${JSON.stringify(p.code)}`;
  if (!p.message) return 'no message';
  return undefined;
}

const invalid: { label: string; annotation: string; codes: string[] }[] = [];

describe(`the validator under ${CASES} random mutations of the seed annotation (seed ${SEED})`, () => {
  it('never throws, locates every problem, and gives no plan when there is any problem', () => {
    const random = prng(SEED);
    const failures: string[] = [];
    const started = performance.now();
    let valid = 0;
    for (let n = 0; n < CASES && failures.length < 10; n++) {
      const { label, annotation } = mutate(random);
      let result: ReturnType<typeof validateMutation>;
      try {
        result = validateMutation(annotation);
      } catch (error) {
        failures.push(`case ${n} (${label}) threw ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      for (const p of result.problems) {
        const wrong = malformed(p);
        if (wrong) failures.push(`case ${n} (${label}): ${wrong} in ${JSON.stringify(p)}`);
      }
      if (result.problems.length > 0 && result.plan)
        failures.push(`case ${n} (${label}): a plan despite problems`);
      if (result.problems.length === 0 && !result.plan)
        failures.push(`case ${n} (${label}): neither problems nor plan`);
      if (result.problems.length)
        invalid.push({ label, annotation, codes: [...new Set(result.problems.map((p) => p.code))] });
      else valid++;
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `[fuzz] ${CASES} cases in ${seconds.toFixed(1)} s: ${invalid.length} invalid, ${valid} still valid ` +
        `(mutations that left the data valid, e.g. in a comment); codes seen: ${[...new Set(invalid.flatMap((c) => c.codes))].sort().join(' ')}\n`,
    );
    expect(failures).toEqual([]);
    // The mutations must mostly break the file, or the test would prove little.
    expect(invalid.length).toBeGreaterThan(CASES / 2);
  }, 600_000);
});

describe('cases the fuzz pass found', () => {
  const laughs = (depth: number) =>
    [
      'a: &a [x, x]',
      ...Array.from(
        { length: depth },
        (_, i) =>
          `l${i}: &l${i} [${Array(10)
            .fill(i ? `*l${i - 1}` : '*a')
            .join(', ')}]`,
      ),
    ].join('\n');
  it.each([
    ['an alias whose anchor is missing', `${original}\nextra: *nowhere\n`, /Unresolved alias/],
    ['aliases expanding a billion times ("billion laughs")', laughs(9), /resource exhaustion/],
  ])('%s: a YAML_SYNTAX problem, not an exception', (_case, annotation, message) => {
    const started = performance.now();
    const { problems, plan } = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article,
      annotation,
    });
    expect(plan).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'YAML_SYNTAX', message: expect.stringMatching(message) }),
    ]);
    expect(problems[0].line).toBeGreaterThanOrEqual(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
