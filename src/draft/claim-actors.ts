/**
 * Who acts in one sentence, for the claims (claims.ts): the subject, a pronoun through coreference, "both
 * leaders", the speaker of "we", the agent of a passive, else without a parse the nearest actor before the
 * word. The base of the sentence's claim roles: its resolved mentions and the entity a token names.
 */
import type { EntityKind } from '../domain/vocabulary';
import type { ClaimContext } from './claims';
import { DraftEntity } from './entities';
import { countryOfDemonym } from './lexicon/names';
import { ACTOR_KIND_SET, SAYING_VERBS } from './lexicon/stances';
import { Mention } from './mentions';
import { Sentence } from './syntax';

export interface Actor {
  entity: DraftEntity;
  /** The token in this sentence that names it (for the quote). */
  token: number;
  /** 1 when named as the subject, less when reached through a pronoun or by word order. */
  certainty: number;
  how: string;
}

export abstract class SentenceActors {
  protected readonly mentions: Array<{ mention: Mention; entity: DraftEntity }>;

  constructor(
    protected readonly ctx: ClaimContext,
    protected readonly s: Sentence,
  ) {
    this.mentions = ctx.index.resolved.filter((r) => r.mention.sentence === s.index);
  }

  protected entityAt(token: number): { mention: Mention; entity: DraftEntity } | undefined {
    const hits = this.mentions.filter((r) => r.mention.from <= token && token < r.mention.to);
    return hits.sort((a, b) => a.mention.to - a.mention.from - (b.mention.to - b.mention.from))[0];
  }

  protected subjectToken(v: number, depth = 0): number | undefined {
    const s = this.s;
    const subj =
      s.dependents(v, 'nsubj').find((d) => d.rel !== 'nsubj:pass') ?? s.dependents(v, 'nsubj:xsubj')[0];
    if (subj) return subj.dependent;
    if (depth > 3) return undefined;
    // "criticized X for rejecting Y": X is who rejected.
    for (const h of s.headsOf(v))
      if (
        h.head >= 0 &&
        (h.rel === 'advcl:for' ||
          (h.rel === 'advcl' && s.dependents(v, 'mark').some((m) => s.lemma(m.dependent) === 'for')))
      ) {
        const obj = s.dependents(h.head, 'obj')[0];
        if (obj) return obj.dependent;
      }
    // Controlled or coordinated verbs share their governor's subject: "… and reiterated the need".
    for (const h of s.headsOf(v))
      if (/^(xcomp|conj|advcl)/.test(h.rel) && h.head >= 0) return this.subjectToken(h.head, depth + 1);
    return undefined;
  }

  protected actorOf(v: number): Actor[] {
    const s = this.s;
    if (!s.parsed) return this.actorByOrder(v);
    // Passive: "the plan was rejected by Italy" — the agent acts.
    const agent = s.dependents(v, 'obl:agent')[0]?.dependent;
    const t = agent ?? this.subjectToken(v);
    if (t === undefined) return this.actorByOrder(v);
    const out = this.actorsAtToken(t, v);
    return out.length ? out : [];
  }

  protected actorsAtToken(t: number, v: number): Actor[] {
    const s = this.s;
    const word = s.lemma(t);
    // "Helsinki’s top diplomat, Aino Varis, proposed": the apposition names the subject.
    const tokens = [t, ...s.dependents(t, 'conj', 'appos').map((d) => d.dependent)];
    const out: Actor[] = [];
    for (const k of tokens) {
      const hit = this.entityAt(k);
      if (hit && ACTOR_KIND_SET.has(hit.entity.kind))
        out.push({
          entity: hit.entity,
          token: Math.min(k, hit.mention.from),
          certainty: 1,
          how: `subject “${hit.mention.text}”`,
        });
    }
    if (out.length) return out;
    if (s.tokens[t].pos.startsWith('PRP')) {
      if (word === 'we' || word === 'i') {
        const speaker = this.speaker(v);
        if (speaker) return [{ ...speaker, token: t }];
      }
      const e = this.ctx.index.pronoun(s.index, t) ?? this.recentActor(word);
      if (e)
        return [{ entity: e, token: t, certainty: 0.85, how: `“${s.tokens[t].text}” read as ${e.name}` }];
      return [];
    }
    // "both leaders", "both sides": the two actors last named before.
    if (s.dependents(t, 'det', 'cc:preconj').some((d) => s.lemma(d.dependent) === 'both')) {
      const two = this.recentActors(
        word === 'leader' || word === 'leaders' ? 'Person' : undefined,
        2,
        undefined,
        10,
      );
      if (two.length === 2)
        return two.map((e) => ({
          entity: e,
          token: t,
          certainty: 0.7,
          how: `“both ${s.tokens[t].text}” read as ${two.map((x) => x.name).join(' and ')}`,
        }));
    }
    return [];
  }

  /** The speaker of reported speech: the subject of the saying verb above, or "according to X". */
  protected speaker(v: number): Omit<Actor, 'token'> | undefined {
    const s = this.s;
    for (const h of s.headsOf(v)) {
      if (h.head >= 0 && SAYING_VERBS.has(s.lemma(h.head))) {
        const t = this.subjectToken(h.head);
        const hit = t !== undefined ? this.entityAt(t) : undefined;
        if (hit) return { entity: hit.entity, certainty: 0.9, how: `speaker “${hit.mention.text}”` };
      }
    }
    for (const d of s.dependents(v, 'obl')) {
      if (s.preposition(d.dependent, d.rel) === 'according to' || d.rel === 'obl:according_to') {
        const hit = this.entityAt(d.dependent);
        if (hit) return { entity: hit.entity, certainty: 0.9, how: `according to “${hit.mention.text}”` };
      }
    }
    return undefined;
  }

  /** The last actor named before this sentence that a pronoun can stand for. */
  protected recentActor(pronoun: string): DraftEntity | undefined {
    const kinds: EntityKind[] = ['he', 'she', 'him', 'her'].includes(pronoun)
      ? ['Person']
      : ['Country', 'Organization', 'Group'];
    return this.recentActors(undefined, 1, kinds)[0];
  }

  protected recentActors(
    kind: EntityKind | undefined,
    n: number,
    kinds?: EntityKind[],
    back = 4,
  ): DraftEntity[] {
    const out: DraftEntity[] = [];
    const prior = this.ctx.index.resolved.filter(
      (r) => r.mention.sentence < this.s.index && r.mention.sentence >= this.s.index - back,
    );
    for (const r of prior.reverse()) {
      const k = r.entity.kind;
      if (kind ? k !== kind : !(kinds ?? [...ACTOR_KIND_SET]).includes(k)) continue;
      if (!out.includes(r.entity)) out.push(r.entity);
      if (out.length === n) break;
    }
    return out;
  }

  /** Without a parse: the nearest actor before the word that is not inside a prepositional phrase. */
  protected actorByOrder(v: number): Actor[] {
    const s = this.s;
    const before = this.mentions.filter((r) => r.mention.to <= v && ACTOR_KIND_SET.has(r.entity.kind));
    for (const r of before.reverse()) {
      const prev = r.mention.from > 0 ? s.tokens[r.mention.from - 1].pos : '';
      if (prev === 'IN' || prev === 'TO') continue;
      return [
        {
          entity: r.entity,
          token: r.mention.from,
          certainty: 0.7,
          how: `nearest actor before the verb, “${r.mention.text}”`,
        },
      ];
    }
    return [];
  }

  /** Who speaks for a country among the actors: "Estonia’s foreign minister said Estonia supports X". */
  protected spokesperson(v: number, actors: Actor[]): Actor | undefined {
    const s = this.s;
    const country = actors.find((a) => a.entity.kind === 'Country')?.entity;
    if (!country || !s.parsed) return undefined;
    const say = s
      .headsOf(v)
      .find((h) => h.rel === 'ccomp' && h.head >= 0 && SAYING_VERBS.has(s.lemma(h.head)));
    const t = say ? this.subjectToken(say.head) : undefined;
    const hit = t !== undefined ? this.entityAt(t) : undefined;
    if (!hit || hit.entity.kind !== 'Person' || !hit.mention.titleCountry) return undefined;
    const names = [hit.mention.titleCountry, ...countryOfDemonym(hit.mention.titleCountry)].map((n) =>
      n.toLowerCase(),
    );
    if (![country.name, ...country.aliases].some((n) => names.includes(n.toLowerCase()))) return undefined;
    return {
      entity: hit.entity,
      token: hit.mention.from,
      certainty: 0.75,
      how: `“${hit.mention.text}” speaking for ${country.name}`,
    };
  }
}
