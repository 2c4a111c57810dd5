import { ServiceError } from '../../src/domain/errors';
import { CoreNlpBackend } from '../../src/draft/nlp/corenlp';
import { freePort } from '../../src/runtime/processes';
import type { ParsedText } from '../../src/draft/types';
import { coreNlpUrl } from '../support/harness';

/**
 * The CoreNLP backend against the harness's real CoreNLP (tests/support/global-setup.ts). The text is written
 * by the stancegraph team for tests: a heading without a full stop, curly quotes, an em dash and an emoji
 * (outside the Basic Multilingual Plane: two UTF-16 units).
 */
const TEXT = [
  'Harbour Talks in Oslo',
  'Prime Minister Elin Dahl welcomed the envoys to Norway on Monday. She called the talks “open — if long” 🤝.',
  'Next Steps',
  'Dahl said the delegations will meet again on Sunday.',
  '',
].join('\n');

describe('CoreNlpBackend on the harness CoreNLP', () => {
  let parsed: ParsedText;

  beforeAll(async () => {
    // The server's first parse loads its models: 30 s on a quiet machine, more on a busy one.
    parsed = await new CoreNlpBackend({ url: coreNlpUrl(), timeoutMs: 300_000 }).parse(TEXT, '2025-03-18');
  }, 320_000);

  const mentions = () => parsed.sentences.flatMap((s) => s.mentions);

  it('gives offsets that slice the text exactly, non-ASCII characters included', () => {
    const tokens = parsed.sentences.flatMap((s) => s.tokens);
    for (const t of tokens) expect(TEXT.slice(t.begin, t.end)).toBe(t.text);
    for (const m of mentions()) expect(TEXT.slice(m.begin, m.end)).toBe(m.text);
    for (const q of parsed.quotes) expect(TEXT.slice(q.begin, q.end)).toBe(q.text);
    expect(tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['“', '—', '”', '🤝']));
    const last = tokens[tokens.length - 1];
    expect([last.text, last.end]).toEqual(['.', TEXT.length - 1]);
  });

  it('makes the headings sentences of their own', () => {
    expect(parsed.sentences.map((s) => TEXT.slice(s.begin, s.end))).toEqual([
      'Harbour Talks in Oslo',
      'Prime Minister Elin Dahl welcomed the envoys to Norway on Monday.',
      'She called the talks “open — if long” 🤝.',
      'Next Steps',
      'Dahl said the delegations will meet again on Sunday.',
    ]);
  });

  it('finds a PERSON and a COUNTRY', () => {
    const found = mentions().map((m) => [m.text, m.ner]);
    expect(found).toContainEqual(['Elin Dahl', 'PERSON']);
    expect(found).toContainEqual(['Norway', 'COUNTRY']);
  });

  it('parses dependencies, with the subject of "welcomed"', () => {
    const s = parsed.sentences[1];
    const subject = s.dependencies?.find((d) => d.rel === 'nsubj' && s.tokens[d.head].text === 'welcomed');
    expect(subject && s.tokens[subject.dependent].text).toBe('Dahl');
  });

  it('resolves "will meet again on Sunday" against the document date', () => {
    const sunday = mentions().find((m) => m.text === 'Sunday');
    expect(sunday).toMatchObject({ ner: 'DATE', normalized: '2025-03-23' });
    expect(mentions().find((m) => m.text === 'Monday')?.normalized).toBe('2025-03-17');
  });

  it('links the pronoun to the person in a coreference chain', () => {
    const chain = parsed.coref.find((c) => c.mentions.some((m) => m.text === 'She'));
    const texts = chain?.mentions.map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['She', 'Dahl']));
    expect(chain?.mentions.find((m) => m.text === 'She')?.type).toBe('PRONOMINAL');
  });

  it('reports an unreachable CoreNLP as NLP_UNAVAILABLE', async () => {
    const backend = new CoreNlpBackend({ url: `http://127.0.0.1:${await freePort()}` });
    const failure = backend.parse(TEXT, '2025-03-18');
    await expect(failure).rejects.toBeInstanceOf(ServiceError);
    await expect(failure).rejects.toMatchObject({ code: 'NLP_UNAVAILABLE' });
  });
});
