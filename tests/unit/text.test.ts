import { createHash } from 'node:crypto';
import { normalizeName } from '../../src/domain/names';
import { CodePoints, isHeadingLine, occurrences, segment } from '../../src/ingest/text';
import { validateDocument } from '../../src/ingest/validate';

const sentencesOf = (text: string) => segment(text).sentences.map((s) => s.text);

describe('segment: headings', () => {
  const text = [
    'Talks Resume in Port Grey',
    'Westmark proposed a truce. Eastvale declined.',
    '',
    'Eastvale’s Answer',
    'The envoy said no.',
    'He left early.',
  ].join('\n');

  it('takes a short line without a closing full stop as a heading and numbers headings from 1', () => {
    const { headings } = segment(text);
    expect(headings.map((h) => [h.index, h.text])).toEqual([
      [1, 'Talks Resume in Port Grey'],
      [2, 'Eastvale’s Answer'],
    ]);
    for (const h of headings) expect(text.slice(h.span.from, h.span.to)).toBe(h.text);
  });

  it('never makes a heading a sentence, and links each sentence to the heading above it', () => {
    const { sentences } = segment(text);
    expect(sentences.map((s) => [s.index, s.text, s.heading])).toEqual([
      [1, 'Westmark proposed a truce.', 1],
      [2, 'Eastvale declined.', 1],
      [3, 'The envoy said no.', 2],
      [4, 'He left early.', 2],
    ]);
  });

  it('counts every line of running text as a paragraph; blank lines and headings open none', () => {
    expect(segment(text).sentences.map((s) => s.paragraph)).toEqual([1, 1, 2, 3]);
  });

  it('gives sentences before the first heading no heading', () => {
    const { sentences } = segment('First line of text.\nA Heading\nSecond line.');
    expect(sentences.map((s) => s.heading)).toEqual([undefined, 1]);
  });

  it('tells headings from running text by the end of the line', () => {
    expect(isHeadingLine('No Full Ceasefire Yet')).toBe(true);
    expect(isHeadingLine('  Trump’s Perspective  ')).toBe(true);
    expect(isHeadingLine('The talks ended.')).toBe(false);
    expect(isHeadingLine('Will the truce hold?')).toBe(false);
    expect(isHeadingLine('He said: “It is over.”')).toBe(false);
    expect(isHeadingLine('')).toBe(false);
    // A line too long to be a headline is running text even without a full stop.
    expect(isHeadingLine(`${'word '.repeat(30)}end`)).toBe(false);
  });
});

describe('segment: sentence ends', () => {
  it('splits at . ! ? followed by a capital', () => {
    expect(sentencesOf('It rained. Did it stop? No! It went on.')).toEqual([
      'It rained.',
      'Did it stop?',
      'No!',
      'It went on.',
    ]);
  });

  it('does not split at a decimal point, an abbreviation or a full stop followed by a lower-case word', () => {
    expect(sentencesOf('It cost 3.5 million, e.g. for fuel. then more. Then it fell.')).toEqual([
      'It cost 3.5 million, e.g. for fuel. then more.',
      'Then it fell.',
    ]);
  });

  it('does not split after titles such as Mr. and Dr.', () => {
    expect(sentencesOf('Mr. Smith met Dr. Jones and Gen. Lee. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones and Gen. Lee.',
      'They talked.',
    ]);
  });

  it('does not split inside U.S. and other dotted acronyms, but does after a sentence ending before one', () => {
    expect(sentencesOf('The U.S. Army stayed. U.S. officials left. The U.K. Government agreed.')).toEqual([
      'The U.S. Army stayed.',
      'U.S. officials left.',
      'The U.K. Government agreed.',
    ]);
  });

  it('does not split after initials', () => {
    expect(sentencesOf('J. R. Hale arrived with Anna B. Berg. They spoke.')).toEqual([
      'J. R. Hale arrived with Anna B. Berg.',
      'They spoke.',
    ]);
  });

  it('keeps quoted speech whole, with typographic and straight quotes', () => {
    expect(sentencesOf('He said: “We will win. We will not stop.” Then he left.')).toEqual([
      'He said: “We will win. We will not stop.”',
      'Then he left.',
    ]);
    expect(sentencesOf('He said: "We will win. We will not stop." Then he left.')).toEqual([
      'He said: "We will win. We will not stop."',
      'Then he left.',
    ]);
  });

  it('does not end a sentence at a question inside a quote that the sentence goes on after', () => {
    expect(sentencesOf('She asked, “Is it over?” and he nodded. Later they left.')).toEqual([
      'She asked, “Is it over?” and he nodded.',
      'Later they left.',
    ]);
  });

  it('ends every sentence at the end of its line, with or without a full stop', () => {
    expect(sentencesOf('First line.\nSecond line has no stop\nThird line.')).toEqual([
      'First line.',
      'Third line.',
    ]);
    // "Second line has no stop" is a heading; without headings the line end still closes the sentence.
    expect(sentencesOf('One, two:\nthree.')).toEqual(['One, two:', 'three.']);
  });
});

describe('segment: stable indices', () => {
  const base = 'A Heading\nFirst sentence. Second sentence.\nThird sentence.\n';

  it('numbers sentences 1, 2, 3 in text order and gives each its exact span', () => {
    const { sentences } = segment(base);
    expect(sentences.map((s) => s.index)).toEqual([1, 2, 3]);
    for (const s of sentences) expect(base.slice(s.span.from, s.span.to)).toBe(s.text);
  });

  it('segments the same text the same way every time', () => {
    expect(segment(base)).toEqual(segment(base));
  });

  it('keeps the numbers and spans of earlier sentences when text is appended', () => {
    const before = segment(base).sentences;
    const after = segment(`${base}Another Heading\nFourth sentence. Fifth.\n`).sentences;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('code-point offsets', () => {
  it('counts an astral character as one code point, as Python does', () => {
    const text = 'a🎣b';
    const cp = new CodePoints(text);
    expect(text.length).toBe(4);
    expect([0, 1, 3, 4].map((i) => cp.at(i))).toEqual([0, 1, 2, 3]);
  });

  const article =
    'Harbour News 🎣\nOn Friday 🐟 Westmark’s envoy said: “The truce is fair.” Eastvale agreed.\n';
  const annotation = (sha: string) => `document:
  id: code-points
  title: Code points
  source: unit test
  publishedAt: 2025-06-16
  language: en
  sha256: ${sha}
entities:
  - id: westmark-envoy
    kind: Person
    name: Westmark’s envoy
    aliases: [Westmark’s envoy]
  - id: eastvale
    kind: Country
    name: Eastvale
    aliases: [Eastvale]
  - id: truce
    kind: Proposal
    name: Harbour truce
claims:
  - id: envoy-supports-truce
    by: westmark-envoy
    kind: SUPPORTS
    on: truce
    quote: "Westmark’s envoy said: “The truce is fair.”"
  - id: eastvale-agrees
    by: eastvale
    kind: AGREES_TO
    on: truce
    quote: "Eastvale agreed"
`;

  const plan = () => {
    const sha = createHash('sha256').update(article).digest('hex');
    const result = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article,
      annotation: annotation(sha),
    });
    expect(result.problems).toEqual([]);
    return result.plan!;
  };

  it('puts start/end of every quote at code-point indices, so text[start:end] == quote in Python', () => {
    const points = Array.from(article);
    const evidence = plan().claims.flatMap((c) => c.evidence);
    expect(evidence).toHaveLength(2);
    for (const e of evidence) {
      expect(points.slice(e.start, e.end).join('')).toBe(e.quote);
      // Two astral characters stand before each quote: UTF-16 indices would be two further on.
      expect(article.indexOf(e.quote)).toBe(e.start + 2);
    }
  });

  it('gives sentences, headings and mentions code-point offsets too', () => {
    const p = plan();
    const points = Array.from(article);
    const slice = (start: number, end: number) => points.slice(start, end).join('');
    expect(p.headings.map((h) => slice(h.start, h.end))).toEqual(['Harbour News 🎣']);
    for (const s of p.sentences) expect(slice(s.start, s.end)).toBe(s.text);
    expect(p.mentions.map((m) => [slice(m.start, m.end), m.surface, m.entityId])).toEqual([
      ['Westmark’s envoy', 'Westmark’s envoy', 'westmark-envoy'],
      ['Eastvale', 'Eastvale', 'eastvale'],
    ]);
  });

  it('keeps the quoted speech in one sentence that the quote lies in', () => {
    const p = plan();
    expect(p.sentences.map((s) => s.text)).toEqual([
      'On Friday 🐟 Westmark’s envoy said: “The truce is fair.”',
      'Eastvale agreed.',
    ]);
    expect(p.claims.map((c) => c.evidence[0].sentenceId)).toEqual(['code-points#s1', 'code-points#s2']);
  });
});

describe('occurrences', () => {
  it('finds every occurrence, overlapping ones included, as UTF-16 indices', () => {
    expect(occurrences('the truce, the truce', 'the truce')).toEqual([0, 11]);
    expect(occurrences('aaa', 'aa')).toEqual([0, 1]);
    expect(occurrences('abc', '')).toEqual([]);
  });
});

describe('normalizeName', () => {
  it('ignores case and diacritics', () => {
    expect(normalizeName('Zelénskyy')).toBe('zelenskyy');
    expect(normalizeName('ZELENSKYY')).toBe(normalizeName('Zelénskyy'));
    expect(normalizeName('Zelenskyy')).toBe(normalizeName('Zelénskyy'));
    expect(normalizeName('Zelensky')).not.toBe(normalizeName('Zelenskyy'));
  });

  it('folds typographic apostrophes, punctuation and runs of space', () => {
    expect(normalizeName('  Ukraine’s   European allies ')).toBe("ukraine's european allies");
    expect(normalizeName("Ukraine's European allies")).toBe("ukraine's european allies");
    expect(normalizeName('Trump–Putin call')).toBe('trump putin call');
    expect(normalizeName('U.S.')).toBe('u s');
  });
});
