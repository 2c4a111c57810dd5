import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../src/domain/errors';
import { toParsedText } from '../../src/draft/nlp/corenlp-json';
import type { ParsedText } from '../../src/draft/types';

/**
 * CoreNLP's JSON → ParsedText, without a JVM. The fixture is CoreNLP 4.5.10's answer (our request
 * properties, document date 2025-03-18) for a short text written by the stancegraph team for tests, cut to
 * the fields the backend reads. The text has a heading, CRLF line ends, curly quotes, an em dash and an emoji.
 */
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'corenlp', 'envoys.json'), 'utf8'),
) as { text: string; json: RawJson };

interface RawToken {
  originalText: string;
  characterOffsetBegin: number;
}
interface RawJson {
  sentences: Array<{
    tokens: RawToken[];
    entitymentions: Array<{ text: string; ner: string; normalizedNER?: string }>;
  }>;
  quotes: Array<Record<string, unknown>>;
}

const fresh = (): RawJson => structuredClone(fixture.json);
const parse = (json: unknown = fixture.json): ParsedText => toParsedText(fixture.text, '2025-03-18', json);
const { text } = fixture;

describe('toParsedText', () => {
  const parsed = parse();
  const tokens = parsed.sentences.flatMap((s) => s.tokens);

  it('places every token, sentence, mention, quote and coreference mention exactly in the text', () => {
    const raw = fixture.json.sentences.flatMap((s) => s.tokens);
    expect(tokens.map((t) => t.text)).toEqual(raw.map((t) => t.originalText));
    for (const t of tokens) expect(text.slice(t.begin, t.end)).toBe(t.text);
    for (const s of parsed.sentences) {
      for (const m of s.mentions) expect(text.slice(m.begin, m.end)).toBe(m.text);
    }
    for (const q of parsed.quotes) expect(text.slice(q.begin, q.end)).toBe(q.text);
    for (const m of parsed.coref.flatMap((c) => c.mentions)) expect(text.slice(m.begin, m.end)).toBe(m.text);
    for (const word of ['“', '—', '”', '🙂', '’s']) expect(tokens.map((t) => t.text)).toContain(word);
  });

  it('takes CoreNLP offsets as they are: UTF-16 units, like JavaScript strings', () => {
    const raw = fixture.json.sentences.flatMap((s) => s.tokens);
    expect(tokens.map((t) => t.begin)).toEqual(raw.map((t) => t.characterOffsetBegin));
  });

  it('still places tokens right when offsets count code points (the emoji as one)', () => {
    const json = fresh();
    const emoji = text.indexOf('🙂');
    for (const t of json.sentences.flatMap((s) => s.tokens)) {
      if (t.characterOffsetBegin > emoji) t.characterOffsetBegin -= 1;
    }
    expect(parse(json)).toEqual(parsed);
  });

  it('makes every line its own sentence, headings included', () => {
    expect(parsed.sentences.map((s) => text.slice(s.begin, s.end))).toEqual([
      'Envoys Meet Again',
      'Maria Lindqvist met Tomas Berg in Canada on Sunday.',
      'She called the talks “useful — and overdue” 🙂.',
      'Berg’s Reply',
      '“We will return on Sunday,” Berg said.',
    ]);
  });

  it('numbers dependencies from 0 with the root at -1 and keeps their labels', () => {
    const s = parsed.sentences[1];
    const word = (i: number) => s.tokens[i].text;
    const deps = s.dependencies ?? [];
    expect(deps.filter((d) => d.head === -1).map((d) => word(d.dependent))).toEqual(['met']);
    const subject = deps.find((d) => d.rel === 'nsubj');
    expect(subject && [word(subject.head), word(subject.dependent)]).toEqual(['met', 'Lindqvist']);
  });

  it('gives named-entity mentions with their token range and label', () => {
    const mentions = parsed.sentences[1].mentions.map((m) => [m.text, m.ner, m.tokenBegin, m.tokenEnd]);
    expect(mentions).toEqual(
      expect.arrayContaining([
        ['Maria Lindqvist', 'PERSON', 0, 2],
        ['Tomas Berg', 'PERSON', 3, 5],
        ['Canada', 'COUNTRY', 6, 7],
      ]),
    );
  });

  it('dates a bare weekday by its tense, whatever SUTime made of it', () => {
    const sundays = (p: ParsedText) =>
      p.sentences.flatMap((s) => s.mentions.filter((m) => m.text === 'Sunday').map((m) => m.normalized));
    // "met … on Sunday" is the Sunday before Tuesday 2025-03-18; "will return on Sunday" the one after.
    expect(sundays(parsed)).toEqual(['2025-03-16', '2025-03-23']);
    // SUTime's answer depends on what the server parsed before: give both mentions its other answer.
    for (const stale of ['2025-03-16', '2025-03-23']) {
      const json = fresh();
      for (const m of json.sentences.flatMap((s) => s.entitymentions)) {
        if (m.text === 'Sunday') m.normalizedNER = stale;
      }
      expect(sundays(parse(json))).toEqual(['2025-03-16', '2025-03-23']);
    }
    const sunday = tokens.filter((t) => t.text === 'Sunday').map((t) => t.normalizedNer);
    expect(sunday).toEqual(['2025-03-16', '2025-03-23']);
  });

  it('links a pronoun to its antecedent in a coreference chain', () => {
    const chain = parsed.coref.find((c) => c.mentions.some((m) => m.text === 'She'));
    expect(chain?.mentions.map((m) => [m.text, m.sentence, m.type, m.isRepresentative])).toEqual([
      ['Maria Lindqvist', 1, 'PROPER', true],
      ['She', 2, 'PRONOMINAL', false],
    ]);
  });

  it('gives each quote its speaker by canonical name, and none for a guess without a speaker mention', () => {
    expect(parsed.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['“useful — and overdue”', 'Maria Lindqvist'],
      ['“We will return on Sunday,”', 'Tomas Berg'],
    ]);
    const json = fresh();
    delete json.quotes[0].mention;
    expect(parse(json).quotes[0].speaker).toBeUndefined();
  });

  it('refuses an answer that is not CoreNLP JSON, or whose tokens are not in the text', () => {
    expect(() => parse({ sentences: 'none' })).toThrow(ServiceError);
    const json = fresh();
    json.sentences[1].tokens[0].originalText = 'Marta';
    expect(() => parse(json)).toThrow(/"Marta" is not in the text/);
  });
});
