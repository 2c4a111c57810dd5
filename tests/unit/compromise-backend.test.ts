import { CompromiseBackend } from '../../src/draft/nlp/compromise';
import type { NerMention, ParsedText } from '../../src/draft/types';

// Every text in this file was written by the stancegraph team for tests; none is taken from an article.

const backend = new CompromiseBackend();
const DATE = '2025-03-18'; // a Tuesday

function mentions(parsed: ParsedText): Array<Pick<NerMention, 'text' | 'ner' | 'normalized'>> {
  return parsed.sentences.flatMap((sentence) =>
    sentence.mentions.map(({ text, ner, normalized }) =>
      normalized ? { text, ner, normalized } : { text, ner },
    ),
  );
}

function labelOf(parsed: ParsedText, text: string): string | undefined {
  return mentions(parsed).find((mention) => mention.text === text)?.ner;
}

function token(parsed: ParsedText, text: string) {
  const found = parsed.sentences.flatMap((sentence) => sentence.tokens).find((t) => t.text === text);
  if (!found) throw new Error(`no token "${text}"`);
  return found;
}

describe('CompromiseBackend', () => {
  it('gives offsets that slice back to each token, through curly quotes, dashes and non-BMP characters', async () => {
    const text = 'The envoy’s “offer” — rejected 😀 twice — wasn’t 𝔘nusual. She said "no"…\nNext line.';
    const parsed = await backend.parse(text, DATE);
    const tokens = parsed.sentences.flatMap((sentence) => sentence.tokens);
    let previousEnd = 0;
    for (const t of tokens) {
      expect(text.slice(t.begin, t.end)).toBe(t.text);
      expect(t.begin).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = t.end;
    }
    // Nothing but spaces between tokens: every mark is a token of its own.
    const covered = tokens.reduce(
      (rest, t) => rest.slice(0, t.begin) + ' '.repeat(t.end - t.begin) + rest.slice(t.end),
      text,
    );
    expect(covered.trim()).toBe('');
    expect(tokens.map((t) => t.text)).toEqual(
      expect.arrayContaining(['envoy', '’s', '“', '”', '—', '😀', 'was', 'n’t', '𝔘nusual', '"', '…']),
    );
    for (const sentence of parsed.sentences) {
      expect(sentence.begin).toBe(sentence.tokens[0].begin);
      expect(sentence.end).toBe(sentence.tokens[sentence.tokens.length - 1].end);
      sentence.tokens.forEach((t, i) => expect(t.index).toBe(i));
    }
    expect(token(parsed, '’s').pos).toBe('POS');
    expect(token(parsed, 'n’t')).toMatchObject({ pos: 'RB', lemma: 'not' });
  });

  it('makes a line without final punctuation (a heading) a sentence of its own, and joins hard-wrapped lines', async () => {
    const text =
      '\nHarbour Talks Resume\nThe envoys met on the pier. Both sides\nwere calm.\n\nWhat Comes Next\n';
    const parsed = await backend.parse(text, DATE);
    expect(parsed.sentences.map((s) => text.slice(s.begin, s.end))).toEqual([
      'Harbour Talks Resume',
      'The envoys met on the pier.',
      'Both sides\nwere calm.',
      'What Comes Next',
    ]);
    expect(parsed.sentences.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('labels a title and the (unknown) person it precedes, and the person again when named alone', async () => {
    const text = 'Foreign Minister Tirvald Quenby told reporters she was tired. Later, Quenby left.';
    const parsed = await backend.parse(text, DATE);
    expect(mentions(parsed)).toEqual(
      expect.arrayContaining([
        { text: 'Foreign Minister', ner: 'TITLE' },
        { text: 'Tirvald Quenby', ner: 'PERSON' },
        { text: 'Quenby', ner: 'PERSON' },
      ]),
    );
    expect(token(parsed, 'Quenby').pos).toBe('NNP');
  });

  it('tells a country from a nationality adjective, and the country "US" from the pronoun "us"', async () => {
    const text = 'Norwegian officials said Norway and the US would help us.';
    const parsed = await backend.parse(text, DATE);
    expect(labelOf(parsed, 'Norwegian')).toBe('NATIONALITY');
    expect(labelOf(parsed, 'Norway')).toBe('COUNTRY');
    expect(labelOf(parsed, 'US')).toBe('COUNTRY');
    expect(token(parsed, 'us').ner).toBe('O');
  });

  it('labels a city, a country of two words, and an unknown town after "in" as a place', async () => {
    const parsed = await backend.parse('The talks in Lisbon, Saudi Arabia and Vrelnik ended.', DATE);
    expect(labelOf(parsed, 'Lisbon')).toBe('CITY');
    expect(labelOf(parsed, 'Saudi Arabia')).toBe('COUNTRY');
    const parsedTown = await backend.parse('Shells hit a school in Vrelnik on the border.', DATE);
    expect(labelOf(parsedTown, 'Vrelnik')).toBe('LOCATION');
  });

  it('labels organisations: a seat of government, an acronym and a ministry', async () => {
    const text = 'The Kremlin and NATO spoke after the Ministry of Health objected.';
    const parsed = await backend.parse(text, DATE);
    expect(labelOf(parsed, 'Kremlin')).toBe('ORGANIZATION');
    expect(labelOf(parsed, 'NATO')).toBe('ORGANIZATION');
    expect(labelOf(parsed, 'Ministry of Health')).toBe('ORGANIZATION');
  });

  it('resolves dates against the document date: a weekday, yesterday, a month and day, an ISO date', async () => {
    const text = 'They meet on Sunday. Yesterday they spoke. The deal of March 3 ends on 2025-04-02.';
    const parsed = await backend.parse(text, DATE);
    expect(mentions(parsed).filter((m) => m.ner === 'DATE')).toEqual([
      { text: 'Sunday', ner: 'DATE', normalized: '2025-03-23' },
      { text: 'Yesterday', ner: 'DATE', normalized: '2025-03-17' },
      { text: 'March 3', ner: 'DATE', normalized: '2025-03-03' },
      { text: '2025-04-02', ner: 'DATE', normalized: '2025-04-02' },
    ]);
    expect(token(parsed, 'Sunday').normalizedNer).toBe('2025-03-23');
    // A month and day without a year falls in the year nearest the document date, before it or after it.
    const past = await backend.parse('Talks on Jan. 5 failed.', DATE);
    expect(labelOf(past, 'Jan. 5')).toBe('DATE');
    expect(token(past, '5').normalizedNer).toBe('2025-01-05');
    const winter = await backend.parse('They met on December 20.', '2025-01-10');
    expect(token(winter, '20').normalizedNer).toBe('2024-12-20');
    // The same weekday from another document date resolves to another day.
    const later = await backend.parse('They meet on Sunday.', '2025-03-25');
    expect(token(later, 'Sunday').normalizedNer).toBe('2025-03-30');
  });

  it('finds quotations in curly and straight marks, with no speaker', async () => {
    const text = 'She called it “a fair start” and "late", then left “quietly';
    const parsed = await backend.parse(text, DATE);
    expect(parsed.quotes).toEqual([
      { begin: 14, end: 28, text: '“a fair start”' },
      { begin: 33, end: 39, text: '"late"' },
    ]);
    for (const quote of parsed.quotes) expect(text.slice(quote.begin, quote.end)).toBe(quote.text);
  });

  it('tags parts of speech the Penn way, with lemmas', async () => {
    const parsed = await backend.parse(
      'The envoys agreed to pause attacks that were destroying bridges.',
      DATE,
    );
    expect(token(parsed, 'agreed')).toMatchObject({ pos: 'VBD', lemma: 'agree' });
    expect(token(parsed, 'to').pos).toBe('TO');
    expect(token(parsed, 'pause')).toMatchObject({ pos: 'VB', lemma: 'pause' });
    expect(token(parsed, 'envoys')).toMatchObject({ pos: 'NNS', lemma: 'envoy' });
    expect(token(parsed, 'were')).toMatchObject({ pos: 'VBD', lemma: 'be' });
    expect(token(parsed, 'destroying')).toMatchObject({ pos: 'VBG', lemma: 'destroy' });
    expect(token(parsed, 'The')).toMatchObject({ pos: 'DT', lemma: 'the' });
  });

  it('has no dependency parse and no coreference, and says so', async () => {
    const parsed = await backend.parse('Envoys met. They left.', DATE);
    expect(parsed.backend).toBe('compromise');
    expect(parsed.sentences.every((sentence) => sentence.dependencies === null)).toBe(true);
    expect(parsed.coref).toEqual([]);
  });

  it('refuses a document date that is not YYYY-MM-DD', async () => {
    await expect(backend.parse('Envoys met.', '18/03/2025')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
