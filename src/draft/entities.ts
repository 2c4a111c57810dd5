/**
 * From mentions to entities: each mention is linked to a known entity when the resolver says which one it is
 * (the same resolver as the API), else grouped with the mentions that name the same new thing; coreference
 * gives vague mentions ("the call", "the Russian leader", "he") the entity they stand for.
 */
import countries from 'i18n-iso-countries';
import { nameKey, normalizeName } from '../domain/names';
import { ACTOR_KINDS, EntityKind } from '../domain/vocabulary';
import { countryOfDemonym } from './lexicon/names';
import { canonicalPhrase, contentWords, sameHead, withoutPossessor } from './lexicon/nouns';
import { Mention, isLeaderTitle } from './mentions';
import type { CorefChain, EntityLinker, LinkCandidate } from './types';

export interface DraftEntity {
  key: string;
  id: string;
  kind: EntityKind;
  name: string;
  /** Surface forms as written, in text order. */
  aliases: string[];
  mentions: Mention[];
  linked?: LinkCandidate;
  confidence: number;
  reason: string;
}

export interface EntityIndex {
  entities: DraftEntity[];
  /** The entity a mention belongs to. */
  of(m: Mention): DraftEntity | undefined;
  /** The entity a pronoun (sentence, token) stands for, by coreference. */
  pronoun(sentence: number, token: number): DraftEntity | undefined;
  /** Every mention with its entity, in text order. */
  resolved: Array<{ mention: Mention; entity: DraftEntity }>;
  /**
   * A new entity for a phrase the claims found (a condition, a proposal agreed to), or the entity already
   * named by that phrase.
   */
  add(m: Mention, name: string, confidence: number, reason: string): DraftEntity;
}

const EXACT = new Set(['ID', 'NAME', 'ALIAS', 'DOCUMENT_ALIAS']);

/**
 * The other ways a noun phrase may be written: without its possessor ("energy infrastructure" for
 * "Ukraine’s energy infrastructure"), with synonymous modifiers made one ("complete" → "full"). The last is
 * the form mentions are grouped by.
 */
function nounForms(m: Mention): string[] {
  if (m.source !== 'noun') return [];
  const bare = withoutPossessor(m.text) ?? m.text;
  return [...new Set([bare, canonicalPhrase(m.text), canonicalPhrase(bare)])].filter((f) => f !== m.text);
}

/** The form a new noun phrase's mentions are grouped by. */
function groupForm(m: Mention): string {
  return m.source === 'noun' ? canonicalPhrase(withoutPossessor(m.text) ?? m.text) : m.text;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function slugOf(value: string): string {
  return (
    normalizeName(value)
      .replace(/'/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entity'
  );
}

function isCountryName(name: string): boolean {
  return countries.getAlpha2Code(name, 'en') !== undefined;
}

export async function buildEntities(
  mentions: Mention[],
  coref: CorefChain[],
  linker: EntityLinker,
): Promise<EntityIndex> {
  // 1. Ask the resolver about every name at once.
  const asked = new Set<string>();
  for (const m of mentions) {
    asked.add(m.text);
    if (m.personName) asked.add(m.personName.text);
    if (m.source === 'demonym') for (const c of countryOfDemonym(m.text)) asked.add(c);
    for (const form of nounForms(m)) asked.add(form);
  }
  const links = await linker.link([...asked]);

  const byKey = new Map<string, DraftEntity>();
  const mentionKey = new Map<Mention, string>();
  const entityFor = (key: string, kind: EntityKind, name: string, linked?: LinkCandidate): DraftEntity => {
    let e = byKey.get(key);
    if (!e) {
      e = {
        key,
        id: linked?.id ?? '',
        kind: linked?.kind ?? kind,
        name: linked?.name ?? name,
        aliases: [],
        mentions: [],
        linked,
        confidence: 0,
        reason: '',
      };
      byKey.set(key, e);
    }
    return e;
  };
  const usable = (m: Mention, c: LinkCandidate | undefined): LinkCandidate | undefined => {
    if (!c) return undefined;
    if (EXACT.has(c.matchKind)) return c;
    // A partial or spelling match is taken only for a name of the same kind, and only if it is close.
    return c.kind === m.kind && c.score >= 0.8 && m.source !== 'noun' ? c : undefined;
  };

  // 2. Named mentions: linked, else grouped by their name.
  const kindVotes = new Map<string, Map<EntityKind, number>>();
  const titled: Mention[] = [];
  for (const m of mentions) {
    if (m.source === 'title') {
      titled.push(m);
      continue;
    }
    if (m.source === 'demonym') {
      const names = countryOfDemonym(m.text);
      const linked = names.map((n) => links.get(n)).find((c) => c && c.kind === 'Country');
      const known = names.find(isCountryName);
      if (!linked && !known) continue;
      const key = linked ? `id:${linked.id}` : `Country:${nameKey(known!)}`;
      entityFor(key, 'Country', known ?? m.text, linked);
      mentionKey.set(m, key);
      continue;
    }
    const linked =
      usable(m, m.personName ? links.get(m.personName.text) : undefined) ??
      usable(m, links.get(m.text)) ??
      nounForms(m)
        .map((f) => usable(m, links.get(f)))
        .find(Boolean);
    // A proper name the tagger did not label is kept only when it names a known entity.
    if (m.source === 'proper' && !linked) continue;
    let key: string;
    if (linked) key = `id:${linked.id}`;
    else if (m.kind === 'Person')
      key = `named:${nameKey((m.personName?.text ?? m.text).split(/\s+/).pop()!)}`;
    else if (m.vague) continue;
    // A name the tagger labelled two ways ("Eastland" a country here, a place there) is one entity; a noun
    // phrase is one thing per kind.
    else key = m.source === 'noun' ? `${m.kind}:${nameKey(groupForm(m))}` : `named:${nameKey(m.text)}`;
    const name = m.personName?.text ?? m.text;
    const e = entityFor(key, m.kind, cap(name), linked);
    // A person's full name is the better name than a surname seen first.
    if (!linked && m.kind === 'Person' && name.length > e.name.length) e.name = name;
    mentionKey.set(m, key);
    if (!linked) {
      const votes = kindVotes.get(key) ?? new Map<EntityKind, number>();
      votes.set(m.kind, (votes.get(m.kind) ?? 0) + 1);
      kindVotes.set(key, votes);
    }
  }
  // A name the tagger labelled two ways takes the kind it was given most often (the first on a tie).
  for (const [key, votes] of kindVotes) {
    const e = byKey.get(key);
    if (e) e.kind = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }

  // 3. Coreference: vague and titled mentions, and pronouns, take the entity of their chain.
  const pronouns = new Map<string, string>();
  // The mention that heads a chain mention: the longest one ending where it ends ("the call with Trump" is
  // the call, not Trump).
  const mentionAt = (sentence: number, begin: number, end: number) =>
    mentions
      .filter((m) => m.sentence === sentence && m.begin >= begin && m.end === end && mentionKey.has(m))
      .sort((a, b) => a.begin - b.begin)[0];
  for (const chain of coref) {
    const keys = new Map<string, number>();
    for (const cm of chain.mentions) {
      if (cm.type === 'PRONOMINAL') continue;
      const m = mentionAt(cm.sentence, cm.begin, cm.end);
      // Only a mention that is the chain mention's head counts: "the Trump–Putin call" is not Putin.
      if (m && m.end === cm.end) keys.set(mentionKey.get(m)!, (keys.get(mentionKey.get(m)!) ?? 0) + 1);
    }
    // Two new entities of one kind with the same head in one chain are one: "a recent call with X" and
    // "the X–Y call". A known (linked) entity is never merged into another.
    const chained = [...keys.keys()].map((k) => byKey.get(k)!);
    for (const a of chained) {
      for (const b of chained) {
        if (a === b || a.linked || a.kind !== b.kind || !byKey.has(a.key) || !byKey.has(b.key)) continue;
        const headA = [...mentionKey.entries()].find(([, k]) => k === a.key)?.[0].headLemma ?? '';
        const headB = [...mentionKey.entries()].find(([, k]) => k === b.key)?.[0].headLemma ?? '';
        if (!sameHead(headA, headB)) continue;
        for (const [m, k] of mentionKey) if (k === a.key) mentionKey.set(m, b.key);
        keys.set(b.key, (keys.get(b.key) ?? 0) + (keys.get(a.key) ?? 0));
        keys.delete(a.key);
        byKey.delete(a.key);
      }
    }
    const best = [...keys.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!best || keys.size > 2) continue;
    const entity = byKey.get(best)!;
    for (const cm of chain.mentions) {
      if (cm.type === 'PRONOMINAL') {
        pronouns.set(`${cm.sentence}:${cm.tokenBegin}`, best);
        continue;
      }
      for (const m of mentions) {
        if (m.sentence !== cm.sentence || mentionKey.has(m) || m.end !== cm.end) continue;
        if (!(m.vague || m.source === 'title')) continue;
        if (m.kind !== entity.kind && !(m.source === 'title' && entity.kind === 'Person')) continue;
        mentionKey.set(m, best);
      }
    }
  }

  // 3b. "these conditions", "the conversation": a vague mention with a determiner is the last entity of its
  // kind named before (for "the", only one with the same or a synonymous head word), a few sentences back.
  for (const m of mentions) {
    if (!m.vague || mentionKey.has(m) || !m.determiner) continue;
    const demonstrative = ['this', 'these', 'that', 'those'].includes(m.determiner);
    if (!demonstrative && m.determiner !== 'the') continue;
    const earlier = [...mentionKey.keys()]
      .filter((p) => p.begin < m.begin && p.kind === m.kind && !p.vague)
      .filter((p) => (demonstrative ? p.sentence >= m.sentence - 4 : sameHead(p.headLemma, m.headLemma)))
      .sort((a, b) => a.begin - b.begin)
      .pop();
    if (earlier) mentionKey.set(m, mentionKey.get(earlier)!);
  }

  // 4. "The Russian leader" with no chain: the last person named with a leader's title of that country.
  for (const m of titled) {
    if (mentionKey.has(m)) continue;
    const country = countryOfDemonym(m.titleCountry ?? '').concat(m.titleCountry ?? '');
    const earlier = mentions
      .filter(
        (p) =>
          p.source === 'person' &&
          p.begin < m.begin &&
          isLeaderTitle(p.title) &&
          p.titleCountry !== undefined &&
          (p.titleCountry === m.titleCountry || country.includes(p.titleCountry)) &&
          mentionKey.has(p),
      )
      .pop();
    if (earlier) mentionKey.set(m, mentionKey.get(earlier)!);
  }

  // 5. Entities with their mentions, aliases, ids and confidence.
  const owner = new Map<string, DraftEntity>();
  const resolved: EntityIndex['resolved'] = [];
  for (const m of [...mentionKey.keys()].sort((a, b) => a.begin - b.begin)) {
    const e = byKey.get(mentionKey.get(m)!)!;
    e.mentions.push(m);
    resolved.push({ mention: m, entity: e });
    for (const surface of [
      m.text,
      m.personName?.text,
      m.source === 'noun' ? withoutPossessor(m.text) : undefined,
    ]) {
      if (!surface) continue;
      const k = normalizeName(surface);
      if (owner.has(k)) continue;
      owner.set(k, e);
      e.aliases.push(surface);
    }
  }
  const entities = [...byKey.values()].filter((e) => e.mentions.length > 0);
  const ids = new Set(entities.filter((e) => e.linked).map((e) => e.id));
  const fresh = entities.filter((e) => !e.linked);
  // A new entity's id must not be a known entity's: the graph would take them for one.
  const idLinks = await linker.link(fresh.map((e) => slugOf(e.name)));
  for (const e of fresh) {
    const base = slugOf(e.name);
    let id = base;
    for (let n = 2; ids.has(id) || (idLinks.get(id)?.matchKind === 'ID' && id === base); n++)
      id = `${base}-${n}`;
    e.id = id;
    ids.add(id);
  }
  for (const e of entities) scoreEntity(e);
  const index = new Map<Mention, DraftEntity>();
  for (const { mention, entity } of resolved) index.set(mention, entity);
  const add = (m: Mention, name: string, confidence: number, reason: string): DraftEntity => {
    const existing = owner.get(normalizeName(m.text));
    if (existing && existing.kind === m.kind) {
      index.set(m, existing);
      return existing;
    }
    // The words already name another entity ("its ports at X", a facility, in "Inclusion of its ports at
    // X", a condition): the new one is named but takes no alias, which would point at two entities.
    const alias = existing ? [] : [m.text];
    let id = slugOf(name);
    for (let n = 2; ids.has(id); n++) id = `${slugOf(name)}-${n}`;
    ids.add(id);
    const e: DraftEntity = {
      key: `new:${id}`,
      id,
      kind: m.kind,
      name: cap(name),
      aliases: alias,
      mentions: [m],
      confidence,
      reason,
    };
    if (!existing) owner.set(normalizeName(m.text), e);
    entities.push(e);
    index.set(m, e);
    resolved.push({ mention: m, entity: e });
    return e;
  };
  return {
    entities,
    resolved,
    add,
    of: (m) => index.get(m),
    pronoun: (sentence, token) => {
      const key = pronouns.get(`${sentence}:${token}`);
      return key ? byKey.get(key) : undefined;
    },
  };
}

/** How sure the drafter is of an entity: linked exactly, named by the tagger, or built from a noun phrase. */
function scoreEntity(e: DraftEntity): void {
  const sources = new Set(e.mentions.map((m) => m.source));
  if (e.linked && EXACT.has(e.linked.matchKind)) {
    e.confidence = 0.95;
    e.reason = `linked to known entity ${e.linked.id} (${e.linked.matchKind.toLowerCase()} match)`;
  } else if (e.linked) {
    e.confidence = 0.75;
    e.reason = `linked to known entity ${e.linked.id} (${e.linked.matchKind.toLowerCase()} match, score ${e.linked.score.toFixed(2)})`;
  } else if (sources.has('person') || sources.has('country') || sources.has('demonym')) {
    e.confidence = 0.85;
    e.reason = `named by the tagger as ${e.kind === 'Country' ? 'a country' : 'a person'}; new`;
  } else if (sources.has('place') || sources.has('organization')) {
    e.confidence = 0.75;
    e.reason = `named by the tagger as ${e.kind === 'Place' ? 'a place' : 'an organisation'}; new`;
  } else {
    const words = e.name.split(/\s+/).length;
    e.confidence = words > 1 ? 0.6 : 0.45;
    e.reason = `noun phrase headed by a ${e.kind.toLowerCase()} word; new`;
  }
  if (!ACTOR_KINDS.includes(e.kind) && e.mentions.length > 1)
    e.confidence = Math.min(0.95, e.confidence + 0.1);
}

/**
 * New entities of one kind that one article names in words of which one set holds the other ("a full
 * ceasefire" and "a full, immediate ceasefire"; "pause attacks on X’s energy infrastructure" and "halt
 * energy infrastructure attacks") are one: the one with more mentions (then the longer name) stays, the
 * other's aliases and mentions join it. Known entities are never merged. Returns what became what.
 */
export function mergeSameThings(entities: DraftEntity[]): Map<DraftEntity, DraftEntity> {
  const into = new Map<DraftEntity, DraftEntity>();
  const words = new Map(entities.map((e) => [e, contentWords(e.name)]));
  const fresh = entities.filter((e) => !e.linked && !ACTOR_KINDS.includes(e.kind));
  for (const a of fresh) {
    for (const b of fresh) {
      if (a === b || into.has(a) || into.has(b) || a.kind !== b.kind) continue;
      const wa = words.get(a)!;
      const wb = words.get(b)!;
      if (wa.size < 2 || wa.size > wb.size || ![...wa].every((w) => wb.has(w))) continue;
      // a ⊆ b: keep the one named more often, the larger on a tie.
      const [gone, kept] = a.mentions.length > b.mentions.length ? [b, a] : [a, b];
      into.set(gone, kept);
      for (const alias of gone.aliases) if (!kept.aliases.includes(alias)) kept.aliases.push(alias);
      if (!kept.aliases.includes(gone.name) && gone.name !== kept.name) kept.aliases.push(gone.name);
      kept.mentions.push(...gone.mentions);
      kept.confidence = Math.max(kept.confidence, gone.confidence);
    }
  }
  return into;
}
