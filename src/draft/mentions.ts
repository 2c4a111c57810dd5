/**
 * Where the article names something: the named-entity mentions the NLP backend found (people with their
 * titles, countries and the adjectives of their people, places, organisations), and the noun phrases whose
 * head the lexicon knows (a ceasefire, talks, attacks, infrastructure, allies…). Each mention carries the
 * kind it suggests; linking and grouping them into entities is entities.ts's work.
 */
import type { EntityKind } from '../domain/vocabulary';
import countries from 'i18n-iso-countries';
import { HONORIFICS, LEADER_TITLES, countryOfDemonym } from './lexicon/names';
import { VAGUE_HEADS, kindOfNoun } from './lexicon/nouns';
import { Sentence } from './syntax';

export type MentionSource =
  | 'person'
  | 'country'
  | 'demonym'
  | 'place'
  | 'organization'
  | 'title'
  | 'noun'
  /** A run of proper nouns the tagger left unlabelled: kept only if it names a known entity. */
  | 'proper';

export interface Mention {
  sentence: number;
  /** Token range in the sentence, end exclusive. */
  from: number;
  to: number;
  /** The head token (the person's last name, the phrase's head noun). */
  head: number;
  begin: number;
  end: number;
  /** As written, without a leading article. */
  text: string;
  kind: EntityKind;
  source: MentionSource;
  /** A person written with an office ("Russian President Vladimir Putin"): the span of name alone. */
  personName?: { begin: number; end: number; text: string };
  /** The office title, lower case ("president"), and the country or demonym written with it. */
  title?: string;
  titleCountry?: string;
  /** A bare, vague head ("the call"): kept only when linked or chained by coreference. */
  vague?: boolean;
  /** The head word's lemma, lower case. */
  headLemma: string;
  /** The determiner written before it, lower case ("the", "these"), if any. */
  determiner?: string;
}

const isCountry = (name: string) => countries.getAlpha2Code(name, 'en') !== undefined;

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'these',
  'that',
  'those',
  'its',
  'their',
  'his',
  'her',
  'any',
  'no',
  'every',
  'some',
]);

function trimmed(s: Sentence, from: number, to: number): [number, number] {
  while (from < to - 1 && DETERMINERS.has(s.lemma(from))) from++;
  return [from, to];
}

function make(
  s: Sentence,
  text: string,
  from: number,
  to: number,
  head: number,
  kind: EntityKind,
  source: MentionSource,
): Mention {
  const written = from;
  [from, to] = trimmed(s, from, to);
  const { begin, end } = s.span(from, to);
  const determiner =
    from > written
      ? s.lemma(written)
      : from > 0 && s.tokens[from - 1].pos === 'DT'
        ? s.lemma(from - 1)
        : undefined;
  return {
    sentence: s.index,
    from,
    to,
    head,
    begin,
    end,
    text: text.slice(begin, end),
    kind,
    source,
    headLemma: s.lemma(head),
    determiner,
  };
}

const NER_KIND: Record<string, [EntityKind, MentionSource]> = {
  PERSON: ['Person', 'person'],
  COUNTRY: ['Country', 'country'],
  NATIONALITY: ['Country', 'demonym'],
  CITY: ['Place', 'place'],
  STATE_OR_PROVINCE: ['Place', 'place'],
  LOCATION: ['Place', 'place'],
  ORGANIZATION: ['Organization', 'organization'],
};

/** The mentions of one sentence; `heading` sentences give none (their words are not running text). */
export function sentenceMentions(text: string, s: Sentence): Mention[] {
  const out: Mention[] = [];
  const ner = s.source.mentions;
  const taken = new Set<number>();
  for (const [k, m] of ner.entries()) {
    const spec = NER_KIND[m.ner];
    if (!spec) continue;
    // Taggers label "he" a PERSON; a pronoun is an entity's mention only through coreference.
    if (s.tokens.slice(m.tokenBegin, m.tokenEnd).every((t) => t.pos.startsWith('PRP') || t.pos === 'DT'))
      continue;
    if (m.ner === 'PERSON') {
      // Extend left over the office and the country written with it: "British Prime Minister Sir Keir Starmer".
      let from = m.tokenBegin;
      while (from > 0 && HONORIFICS.has(s.lemma(from - 1).replace(/\.$/, ''))) from--;
      let title: string | undefined;
      let titleCountry: string | undefined;
      let j = k - 1;
      while (j >= 0 && ner[j].tokenEnd === from && ['TITLE', 'NATIONALITY', 'COUNTRY'].includes(ner[j].ner)) {
        if (ner[j].ner === 'TITLE') title ??= ner[j].text.toLowerCase();
        else {
          titleCountry ??= ner[j].text;
          // "German" in "German Chancellor Olaf Scholz" names Germany too.
          out.push(
            make(
              s,
              text,
              ner[j].tokenBegin,
              ner[j].tokenEnd,
              ner[j].tokenEnd - 1,
              'Country',
              ner[j].ner === 'COUNTRY' ? 'country' : 'demonym',
            ),
          );
        }
        from = ner[j].tokenBegin;
        j--;
      }
      // A proper noun the tagger left unlabelled, or a place or body, right before the office is part of it: "Kremlin
      // spokesman Dmitry Peskov", "Northland President Ada Vale".
      if (title)
        while (
          from > 0 &&
          /^NNPS?$/.test(s.tokens[from - 1].pos) &&
          /^(O|LOCATION|STATE_OR_PROVINCE|CITY|ORGANIZATION)$/.test(s.tokens[from - 1].ner)
        )
          from--;
      // "Moldovan Transport Minister …", tagged ORGANIZATION + TITLE: the office's country is its demonym.
      if (title && !titleCountry)
        for (let t = from; t < m.tokenBegin && !titleCountry; t++)
          if (countryOfDemonym(s.tokens[t].text).some(isCountry)) titleCountry = s.tokens[t].text;
      const mention = make(s, text, from, m.tokenEnd, m.tokenEnd - 1, 'Person', 'person');
      if (from !== m.tokenBegin) {
        mention.personName = { begin: m.begin, end: m.end, text: m.text };
        mention.title = title;
        mention.titleCountry = title ? titleCountry : undefined;
      }
      for (let t = from; t < m.tokenEnd; t++) taken.add(t);
      out.push(mention);
      continue;
    }
    if (m.tokenBegin < m.tokenEnd && taken.has(m.tokenBegin)) continue;
    // The name of an office, not a body: "Moldovan Transport" before "Minister".
    const next = ner[k + 1];
    if (
      m.ner === 'ORGANIZATION' &&
      next?.ner === 'TITLE' &&
      next.tokenBegin === m.tokenEnd &&
      countryOfDemonym(s.tokens[m.tokenBegin].text).some(isCountry)
    )
      continue;
    out.push(make(s, text, m.tokenBegin, m.tokenEnd, m.tokenEnd - 1, spec[0], spec[1]));
  }
  // "The Russian leader": a title with a country and no name is a person named elsewhere.
  for (const [k, m] of ner.entries()) {
    if (m.ner !== 'TITLE' || taken.has(m.tokenBegin)) continue;
    if (!LEADER_TITLES.has(m.text.toLowerCase())) continue;
    if (ner[k + 1]?.ner === 'PERSON' && ner[k + 1].tokenBegin === m.tokenEnd) continue;
    const before = ner[k - 1];
    if (!before || before.tokenEnd !== m.tokenBegin || !['NATIONALITY', 'COUNTRY'].includes(before.ner))
      continue;
    let from = before.tokenBegin;
    if (from > 0 && s.lemma(from - 1) === 'the') from--;
    const mention = make(s, text, from, m.tokenEnd, m.tokenEnd - 1, 'Person', 'title');
    mention.title = m.text.toLowerCase();
    mention.titleCountry = before.text;
    out.push(mention);
  }
  // Noun phrases headed by a word of the lexicon.
  for (let i = 0; i < s.tokens.length; i++) {
    if (!s.isNoun(i) || s.tokens[i].ner === 'PERSON') continue;
    const kind = kindOfNoun(s.tokens[i].lemma) ?? kindOfNoun(s.tokens[i].text);
    if (!kind) continue;
    // "calls from firms for a delay", "demands for …": a stance, not an event or a condition of its own.
    if (
      s.parsed &&
      ['call', 'demand'].includes(s.lemma(i)) &&
      s.dependents(i, 'nmod').some((d) => ['for', 'from'].includes(s.preposition(d.dependent, d.rel) ?? ''))
    )
      continue;
    // A modifier of another noun is not a head: "ceasefire" in "ceasefire proposal".
    if (s.parsed && s.headsOf(i).some((d) => d.rel === 'compound' && d.head > i)) continue;
    if (!s.parsed && i + 1 < s.tokens.length && s.isNoun(i + 1)) continue;
    const [from, to] = s.phrase(i, { depth: 1 });
    const m = make(s, text, from, to, i, kind, 'noun');
    if (m.to - m.from === 1 && VAGUE_HEADS.has(s.lemma(i))) m.vague = true;
    // "a major condition", "their demands": words for a condition, not the condition itself.
    if (['condition', 'precondition', 'demand'].includes(kindWord(s.lemma(i)))) m.vague = true;
    // A noun phrase that is all proper names is a named mention already found.
    if (out.some((o) => o.begin === m.begin && o.end === m.end)) continue;
    out.push(m);
  }
  // Proper nouns no label covers ("Sumy" untagged): asked of the resolver, kept only if known.
  for (let i = 0; i < s.tokens.length; i++) {
    if (!/^NNPS?$/.test(s.tokens[i].pos) || s.tokens[i].ner !== 'O' || i === 0) continue;
    let j = i;
    while (j + 1 < s.tokens.length && /^NNPS?$/.test(s.tokens[j + 1].pos) && s.tokens[j + 1].ner === 'O') j++;
    if (!out.some((o) => o.source !== 'noun' && o.from <= i && j < o.to))
      out.push(make(s, text, i, j + 1, j, 'Place', 'proper'));
    i = j;
  }
  return out;
}

const kindWord = (lemma: string) => (lemma.endsWith('s') ? lemma.slice(0, -1) : lemma);

export function isLeaderTitle(title: string | undefined): boolean {
  return title !== undefined && LEADER_TITLES.has(title);
}
