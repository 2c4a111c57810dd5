/**
 * Facts the text states in its grammar: "Russian President Vladimir Putin" (LEADS), "Ukraine’s allies"
 * (ALLY_OF), "the US delegation" (PART_OF), "hospitals in Sumy" (LOCATED_IN), "attacks on X" / "strikes
 * targeting X" (TARGETED), "Russian drone attacks" / "X conducted strikes" (CARRIED_OUT), "destroyed by"
 * (DESTROYED), "talks take place in X" (HELD_IN), "a call with X" (PARTICIPATED_IN), "X, who was in Y"
 * (WAS_IN), "talks on X" (ABOUT), "statement following the call" (FOLLOWED), "the Kremlin’s statement"
 * (ISSUED). A fact is kept only when its types fit the vocabulary's table.
 */
import { normalizeName } from '../domain/names';
import { FACT_TYPES, FactType } from '../domain/vocabulary';
import { DraftCondition } from './claim-conditions';
import { Evidence } from './claims';
import { DraftEntity, EntityIndex } from './entities';
import { countryOfDemonym } from './lexicon/names';
import { Mention, isLeaderTitle } from './mentions';
import { Sentence } from './syntax';

export interface DraftFact {
  from: DraftEntity;
  type: FactType;
  to: DraftEntity;
  evidence: Evidence;
  confidence: number;
  reason: string;
}

export function extractFacts(
  text: string,
  sentences: Sentence[],
  index: EntityIndex,
  conditions: DraftCondition[],
): DraftFact[] {
  const facts: DraftFact[] = [];
  const add = (
    from: DraftEntity | undefined,
    type: FactType,
    to: DraftEntity | undefined,
    evidence: Evidence,
    confidence: number,
    reason: string,
  ) => {
    if (!from || !to || from === to) return;
    const spec = FACT_TYPES[type];
    if (
      !(spec.from as readonly string[]).includes(from.kind) ||
      !(spec.to as readonly string[]).includes(to.kind)
    )
      return;
    if (facts.some((f) => f.from === from && f.type === type && f.to === to)) return;
    facts.push({ from, type, to, evidence, confidence, reason });
  };
  const countryNamed = (word: string | undefined): DraftEntity | undefined => {
    if (!word) return undefined;
    const names = new Set([word, ...countryOfDemonym(word)].map(normalizeName));
    return index.entities.find(
      (e) => e.kind === 'Country' && [e.name, ...e.aliases].some((a) => names.has(normalizeName(a))),
    );
  };

  for (const { mention, entity } of index.resolved) {
    // LEADS: a leader's title written with a country.
    if (mention.source === 'person' && isLeaderTitle(mention.title))
      add(entity, 'LEADS', countryNamed(mention.titleCountry), mention, 0.9, `title “${mention.text}”`);
    // Any other office of a country ("Finnish Foreign Minister …") makes its holder a member of it.
    else if (mention.source === 'person' && mention.title && mention.titleCountry)
      add(entity, 'MEMBER_OF', countryNamed(mention.titleCountry), mention, 0.8, `office “${mention.text}”`);
  }

  for (const s of sentences) {
    const here = index.resolved.filter((r) => r.mention.sentence === s.index);
    const at = (token: number) =>
      here
        .filter((r) => r.mention.from <= token && token < r.mention.to)
        .sort((a, b) => a.mention.to - a.mention.from - (b.mention.to - b.mention.from))[0];
    const headed = (token: number) => here.find((r) => r.mention.head === token) ?? at(token);
    const span = (a: Mention | number, b: Mention | number): Evidence => {
      const from = Math.min(typeof a === 'number' ? a : a.from, typeof b === 'number' ? b : b.from);
      const to = Math.max(typeof a === 'number' ? a : a.to - 1, typeof b === 'number' ? b : b.to - 1);
      return s.span(from, to + 1);
    };
    if (!s.parsed) {
      // Word order only: "X in Y" for a facility or event and a place.
      for (const r of here) {
        const next = s.tokens[r.mention.to];
        if (!next || next.lemma.toLowerCase() !== 'in') continue;
        const place = here.find((p) => p.mention.from === r.mention.to + 1);
        if (!place) continue;
        add(
          r.entity,
          r.entity.kind === 'Event' ? 'HELD_IN' : 'LOCATED_IN',
          place.entity,
          span(r.mention, place.mention),
          0.6,
          '“in” after it',
        );
      }
      continue;
    }
    for (const r of here) {
      const h = r.mention.head;
      const e = r.entity;
      for (const d of s.dependents(h)) {
        const other = headed(d.dependent);
        if (!other || other.entity === e) continue;
        const prep = s.preposition(d.dependent, d.rel);
        const ev = span(r.mention, other.mention);
        if (d.rel === 'nmod:poss') {
          if (['ally', 'allies', 'partner', 'partners'].includes(s.lemma(h)))
            add(e, 'ALLY_OF', other.entity, ev, 0.85, `“${r.mention.text}”`);
          else if (e.kind === 'Event') add(other.entity, 'ISSUED', e, ev, 0.7, `“${r.mention.text}”`);
          else if (e.kind === 'Facility' || e.kind === 'Place')
            add(
              e,
              e.kind === 'Place' ? 'PART_OF' : 'LOCATED_IN',
              other.entity,
              ev,
              0.75,
              `“${r.mention.text}”`,
            );
        } else if ((d.rel === 'compound' || d.rel === 'amod') && other.entity.kind === 'Country') {
          if (e.kind === 'Attack') add(other.entity, 'CARRIED_OUT', e, ev, 0.8, `“${r.mention.text}”`);
          else if (e.kind === 'Organization' || e.kind === 'Group')
            add(e, 'PART_OF', other.entity, ev, 0.75, `“${r.mention.text}”`);
          else if (e.kind === 'Place') add(e, 'PART_OF', other.entity, ev, 0.7, `“${r.mention.text}”`);
          else if (e.kind === 'Facility') add(e, 'LOCATED_IN', other.entity, ev, 0.7, `“${r.mention.text}”`);
        } else if (prep === 'in' || prep === 'at') {
          if (e.kind === 'Event') add(e, 'HELD_IN', other.entity, ev, 0.75, `“${s.tokens[h].text} in”`);
          else add(e, 'LOCATED_IN', other.entity, ev, 0.75, `“${s.tokens[h].text} in”`);
        } else if (prep === 'on' || prep === 'against') {
          if (e.kind === 'Attack') add(e, 'TARGETED', other.entity, ev, 0.8, `“${s.tokens[h].text} ${prep}”`);
          else add(e, 'ABOUT', other.entity, ev, 0.65, `“${s.tokens[h].text} ${prep}”`);
        } else if (prep === 'about' || prep === 'over' || prep === 'toward' || prep === 'towards') {
          add(e, 'ABOUT', other.entity, ev, 0.65, `“${s.tokens[h].text} ${prep}”`);
        } else if (prep === 'with' && e.kind === 'Event') {
          add(other.entity, 'PARTICIPATED_IN', e, ev, 0.8, `“${s.tokens[h].text} with”`);
        } else if ((prep === 'following' || prep === 'after') && e.kind === 'Event') {
          add(e, 'FOLLOWED', other.entity, ev, 0.75, `“${s.tokens[h].text} ${prep}”`);
        } else if (d.rel === 'acl:relcl' || d.rel === 'acl') {
          const verb = d.dependent;
          for (const o of s.dependents(verb, 'obj')) {
            const target = headed(o.dependent);
            if (target && e.kind === 'Attack' && s.lemma(verb) === 'target')
              add(e, 'TARGETED', target.entity, span(r.mention, target.mention), 0.8, '“targeted”');
          }
          if (other.entity.kind === 'Country' || other.entity.kind === 'Place')
            add(e, 'WAS_IN', other.entity, ev, 0.7, `“${s.tokens[h].text}, who was in”`);
        }
      }
    }
    // Verbs: "X conducted strikes", "destroyed by Y", "talks take place in Z", "In a call with …, X agreed".
    for (let v = 0; v < s.tokens.length; v++) {
      if (!s.isVerb(v)) continue;
      const lemma = s.lemma(v);
      const subj = s.dependents(v, 'nsubj')[0];
      const subjM = subj ? headed(subj.dependent) : undefined;
      const objM = s
        .dependents(v, 'obj')
        .map((d) => headed(d.dependent))
        .find(Boolean);
      if (['conduct', 'launch', 'carry', 'stage', 'mount', 'fire'].includes(lemma) && subjM && objM)
        add(
          subjM.entity,
          'CARRIED_OUT',
          objM.entity,
          span(subjM.mention, objM.mention),
          0.8,
          `“${s.tokens[v].text}”`,
        );
      if (['destroy', 'damage', 'hit'].includes(lemma)) {
        const agent = s
          .dependents(v, 'obl:agent')
          .map((d) => headed(d.dependent))
          .find(Boolean);
        const passive = s.dependents(v, 'nsubj:pass')[0];
        let patient = passive ? headed(passive.dependent) : undefined;
        if (passive && !patient)
          for (const d of s.dependents(passive.dependent, 'nmod')) patient ??= headed(d.dependent);
        const actor = agent ?? subjM;
        const target = patient ?? objM;
        if (actor && target && lemma === 'destroy')
          add(
            actor.entity,
            'DESTROYED',
            target.entity,
            span(actor.mention, target.mention),
            0.75,
            `“${s.tokens[v].text}”`,
          );
        else if (actor && target)
          add(
            actor.entity,
            'TARGETED',
            target.entity,
            span(actor.mention, target.mention),
            0.7,
            `“${s.tokens[v].text}”`,
          );
      }
      const place = s
        .dependents(v, 'obl')
        .filter((d) => s.preposition(d.dependent, d.rel) === 'in')
        .map((d) => headed(d.dependent))
        .find((m) => m && (m.entity.kind === 'Place' || m.entity.kind === 'Country'));
      const eventSubj =
        subjM ??
        (s.dependents(v, 'nsubj:xsubj')[0] ? headed(s.dependents(v, 'nsubj:xsubj')[0].dependent) : undefined);
      if (
        place &&
        eventSubj &&
        eventSubj.entity.kind === 'Event' &&
        ['take', 'hold', 'meet', 'happen', 'resume', 'continue'].includes(lemma)
      )
        add(
          eventSubj.entity,
          'HELD_IN',
          place.entity,
          span(eventSubj.mention, place.mention),
          0.8,
          `“${s.tokens[v].text} … in”`,
        );
      if (
        place &&
        subjM &&
        ['Person', 'Organization', 'Group'].includes(subjM.entity.kind) &&
        ['be', 'arrive', 'visit', 'travel'].includes(lemma)
      )
        add(
          subjM.entity,
          'WAS_IN',
          place.entity,
          span(subjM.mention, place.mention),
          0.7,
          `“${s.tokens[v].text} in”`,
        );
      // "In a call with X, Y agreed": Y took part in the call.
      const inEvent = s
        .dependents(v, 'obl')
        .filter((d) => ['in', 'during', 'at'].includes(s.preposition(d.dependent, d.rel) ?? ''))
        .map((d) => headed(d.dependent))
        .find((m) => m?.entity.kind === 'Event');
      if (inEvent && subjM)
        add(
          subjM.entity,
          'PARTICIPATED_IN',
          inEvent.entity,
          span(inEvent.mention, subjM.mention),
          0.75,
          `subject of “${s.tokens[v].text}” in “${inEvent.mention.text}”`,
        );
      if (
        s.dependents(v, 'obl').some((d) => s.lemma(d.dependent) === 'retaliation') &&
        objM &&
        objM.entity.kind === 'Attack'
      ) {
        const before = index.resolved
          .filter(
            (r) =>
              r.entity.kind === 'Attack' &&
              r.entity !== objM.entity &&
              r.mention.sentence < s.index &&
              r.mention.sentence >= s.index - 2,
          )
          .pop();
        if (before)
          add(
            objM.entity,
            'RETALIATION_FOR',
            before.entity,
            span(0, objM.mention),
            0.6,
            '“in retaliation” after the attack before',
          );
      }
    }
  }
  for (const c of conditions) {
    if (c.forEntity)
      add(c.condition, 'CONDITION_FOR', c.forEntity, c.evidence, 0.75, 'condition clause (“only if”)');
  }
  // A city written with its country: "Jeddah, Saudi Arabia".
  for (const r of index.resolved) {
    if (r.entity.kind !== 'Place') continue;
    const s = sentences.find((x) => x.index === r.mention.sentence);
    if (!s || s.tokens[r.mention.to]?.text !== ',') continue;
    const next = index.resolved.find(
      (o) => o.mention.sentence === s.index && o.mention.from === r.mention.to + 1,
    );
    if (next?.entity.kind === 'Country')
      add(
        r.entity,
        'LOCATED_IN',
        next.entity,
        { begin: r.mention.begin, end: next.mention.end },
        0.85,
        '“City, Country”',
      );
  }
  void text;
  return facts;
}
