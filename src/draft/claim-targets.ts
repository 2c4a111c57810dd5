/**
 * On what one sentence's stance words act, for the claims (claims.ts): the object, through light nouns ("the
 * idea of X"), an action agreed to ("pause attacks on X"), a clause's subject, or a new proposal or condition
 * named by the object's phrase. Who acts: claim-actors.ts, which this builds on.
 */
import type { ClaimKind, EntityKind } from '../domain/vocabulary';
import { SentenceActors } from './claim-actors';
import { DraftEntity } from './entities';
import { kindOfNoun, sameHead } from './lexicon/nouns';
import { ACTOR_KIND_SET, LIGHT_NOUNS, PROPOSAL_ACTIONS, STANCE_NOUNS } from './lexicon/stances';
import { Mention } from './mentions';

export abstract class SentenceTargets extends SentenceActors {
  /** The entity a noun phrase headed at token n stands for, following light nouns ("the idea of X"). */
  protected targetAt(
    n: number,
    depth = 0,
  ): { entity: DraftEntity; via: string; token: number; end: number } | undefined {
    const s = this.s;
    if (LIGHT_NOUNS.has(s.lemma(n)) && depth < 3) {
      const of = s.parsed
        ? s.dependents(n, 'nmod').find((d) => s.preposition(d.dependent, d.rel) === 'of')?.dependent
        : s.lemma(n + 1) === 'of'
          ? this.nextNoun(n + 2)
          : undefined;
      if (of !== undefined) return this.targetAt(of, depth + 1);
    }
    // "rejected calls from shipping firms for a delay": what the call is for.
    if (STANCE_NOUNS[s.lemma(n)] && depth < 3) {
      // "for" on the noun, or on its "from" phrase where the parse hangs it ("calls from firms for a delay").
      const forOf = (h: number) =>
        s.dependents(h, 'nmod').find((d) => s.preposition(d.dependent, d.rel) === 'for')?.dependent;
      const fromPhrase = s
        .dependents(n, 'nmod')
        .find((d) => s.preposition(d.dependent, d.rel) === 'from')?.dependent;
      const forWhat = forOf(n) ?? (fromPhrase !== undefined ? forOf(fromPhrase) : undefined);
      if (forWhat !== undefined) {
        const t =
          this.targetAt(forWhat, depth + 1) ?? this.unnamedTarget(forWhat, STANCE_NOUNS[s.lemma(n)].kind);
        if (t) return t;
      }
    }
    // "would sign it": the thing coreference (or the last thing named) stands for.
    if (s.tokens[n].pos === 'PRP' && ['it', 'them'].includes(s.lemma(n))) {
      const e =
        this.ctx.index.pronoun(s.index, n) ??
        this.ctx.index.resolved
          .filter(
            (r) =>
              !ACTOR_KIND_SET.has(r.entity.kind) &&
              (r.mention.sentence < s.index || r.mention.end <= s.tokens[n].begin),
          )
          .sort((a, b) => a.mention.begin - b.mention.begin)
          .pop()?.entity;
      if (e && !ACTOR_KIND_SET.has(e.kind))
        return { entity: e, via: `“${s.tokens[n].text}” read as ${e.name}`, token: n, end: n };
    }
    const hit = this.mentions.find((r) => r.mention.head === n) ?? this.entityAt(n);
    if (hit)
      return {
        entity: hit.entity,
        via: `“${hit.mention.text}”`,
        token: hit.mention.from,
        end: hit.mention.to - 1,
      };
    return undefined;
  }

  protected nextNoun(from: number): number | undefined {
    for (let k = from; k < Math.min(this.s.tokens.length, from + 6); k++)
      if (this.s.isNoun(k)) {
        let j = k;
        while (j + 1 < this.s.tokens.length && this.s.isNoun(j + 1)) j++;
        return j;
      }
    return undefined;
  }

  /** A new entity from the phrase headed at token i (a proposal an actor agreed to, a condition). */
  protected newEntity(
    from: number,
    to: number,
    head: number,
    kind: EntityKind,
    name: string,
    confidence: number,
    reason: string,
  ): DraftEntity {
    const s = this.s;
    const { begin, end } = s.span(from, to);
    const m: Mention = {
      sentence: s.index,
      from,
      to,
      head,
      begin,
      end,
      text: this.ctx.text.slice(begin, end),
      kind,
      source: 'noun',
      headLemma: s.lemma(head),
    };
    const e = this.ctx.index.add(m, name, confidence, reason);
    this.mentions.push({ mention: m, entity: e });
    return e;
  }

  /** What the stance is about: object, prepositional object, an action, or the subject of a clause. */
  protected targetsOf(
    v: number,
    kind: ClaimKind,
  ): Array<{ entity: DraftEntity; token: number; end: number; via: string }> {
    const s = this.s;
    const out: Array<{ entity: DraftEntity; token: number; end: number; via: string }> = [];
    const push = (n: number) => {
      const t = this.targetAt(n) ?? this.unnamedTarget(n, kind);
      if (t) out.push(t);
    };
    if (!s.parsed) {
      const after = this.mentions
        .filter((r) => r.mention.from > v)
        .sort((a, b) => a.mention.from - b.mention.from)[0];
      if (after && after.mention.from - v <= 8)
        out.push({
          entity: after.entity,
          token: after.mention.head,
          end: after.mention.to - 1,
          via: `next name after the verb, “${after.mention.text}”`,
        });
      return out;
    }
    // Passive: its subject is what the stance is about.
    const objects = s.dependents(v, 'obj', 'nsubj:pass').map((d) => d.dependent);
    const obliques = s
      .dependents(v, 'obl', 'nmod')
      .filter((d) =>
        ['to', 'for', 'on', 'against', 'with', 'toward', 'towards', 'of'].includes(
          s.preposition(d.dependent, d.rel) ?? '',
        ),
      )
      .map((d) => d.dependent);
    for (const n of [...objects, ...obliques]) {
      push(n);
      for (const c of s.dependents(n, 'conj')) push(c.dependent);
      if (out.length) return out;
    }
    // "agreed to pause attacks on X": the action is the proposal.
    // "open to joining the corridor": an infinitive or "to -ing" clause is the action too.
    const actions = [
      ...s.dependents(v, 'xcomp'),
      ...s
        .dependents(v, 'advcl')
        .filter(
          (d) =>
            d.rel === 'advcl:to' ||
            s.dependents(d.dependent, 'mark').some((m) => s.lemma(m.dependent) === 'to'),
        ),
    ];
    for (const x of actions) {
      const action = x.dependent;
      if (
        PROPOSAL_ACTIONS.has(s.lemma(action)) &&
        (kind === 'AGREES_TO' ||
          kind === 'CALLS_FOR' ||
          kind === 'PROPOSES' ||
          kind === 'REJECTS' ||
          kind === 'OPEN_TO' ||
          kind === 'ACCEPTS')
      ) {
        const end = s.subtreeEnd(action);
        const e = this.newEntity(
          action,
          end + 1,
          action,
          'Proposal',
          this.ctx.text.slice(s.tokens[action].begin, s.tokens[end].end),
          0.6,
          `what ${s.tokens[v].text} ${s.tokens[action - 1]?.text ?? ''} names`,
        );
        out.push({ entity: e, token: action, end, via: `the action “${e.aliases[0] ?? e.name}”` });
        return out;
      }
      for (const o of s.dependents(action, 'obj')) push(o.dependent);
      if (out.length) return out;
    }
    // "agreed that further talks would continue", "called for the talks to continue": the clause's subject.
    for (const c of s.dependents(v, 'ccomp', 'advcl')) {
      if (
        c.rel.startsWith('advcl') &&
        !s.dependents(c.dependent, 'mark').some((m) => s.lemma(m.dependent) === 'for')
      )
        continue;
      const subj = s.dependents(c.dependent, 'nsubj', 'nsubj:pass')[0];
      if (subj) push(subj.dependent);
      if (out.length) {
        out[0].end = Math.max(out[0].end, c.dependent);
        return out;
      }
    }
    return out;
  }

  /**
   * An object with no entity, for a kind that takes proposals or conditions ("called for the easing of
   * sanctions"): a new entity from its phrase. A condition when the text says so ("as part of", "in
   * exchange for", a demand), else a proposal.
   */
  protected unnamedTarget(
    n: number,
    kind: ClaimKind,
  ): { entity: DraftEntity; via: string; token: number; end: number } | undefined {
    const s = this.s;
    if (!s.isNoun(n) || s.tokens[n].ner !== 'O' || LIGHT_NOUNS.has(s.lemma(n))) return undefined;
    // "rejected these conditions": the last entity of that kind named before; "supported the plan": the
    // last one named with the same head word.
    const det = s.dependents(n, 'det').map((d) => s.lemma(d.dependent))[0] ?? (n > 0 ? s.lemma(n - 1) : '');
    const ofKind = kindOfNoun(s.lemma(n));
    const demonstrative = ['this', 'these', 'that', 'those'].includes(det);
    if (ofKind && (demonstrative || det === 'the')) {
      const before = this.ctx.index.resolved
        .filter(
          (r) =>
            r.entity.kind === ofKind &&
            (r.mention.sentence < s.index || r.mention.begin < s.tokens[n].begin) &&
            (demonstrative || ofKind === 'Condition' || sameHead(r.mention.headLemma, s.lemma(n))),
        )
        .sort((a, b) => a.mention.begin - b.mention.begin)
        .pop();
      if (before)
        return {
          entity: before.entity,
          via: `“${det} ${s.tokens[n].text}” read as ${before.entity.name}`,
          token: n - 1,
          end: n,
        };
    }
    // "the corridor" after "the Danube corridor plan": the entity whose name holds the word.
    if (det === 'the' && !ofKind) {
      const word = s.lemma(n);
      const named = this.ctx.index.resolved
        .filter(
          (r) =>
            !ACTOR_KIND_SET.has(r.entity.kind) &&
            (r.mention.sentence < s.index || r.mention.end <= s.tokens[n].begin) &&
            r.entity.name
              .toLowerCase()
              .split(/[^\p{L}]+/u)
              .includes(word),
        )
        .sort((a, b) => a.mention.begin - b.mention.begin)
        .pop();
      if (named)
        return {
          entity: named.entity,
          via: `“the ${s.tokens[n].text}” read as ${named.entity.name}`,
          token: n - 1,
          end: n,
        };
    }
    if (!['CALLS_FOR', 'DEMANDS', 'PROPOSES', 'AGREES_TO', 'ACCEPTS', 'REJECTS', 'OPEN_TO'].includes(kind))
      return undefined;
    const [from, to] = s.phrase(n, { depth: 2 });
    if (to - from < 2) return undefined;
    const sentence = this.ctx.text.slice(s.source.begin, s.source.end);
    // What an actor demands or calls for "as part of" a deal is a condition of it; what it proposes is a proposal.
    const conditional =
      kind === 'DEMANDS' ||
      (kind === 'CALLS_FOR' && /\b(as part of|in exchange for|in return for|condition)\b/i.test(sentence));
    let f = from;
    while (f < to - 1 && ['the', 'a', 'an', 'any'].includes(s.lemma(f))) f++;
    const name = this.ctx.text.slice(s.tokens[f].begin, s.tokens[to - 1].end);
    const e = this.newEntity(
      f,
      to,
      n,
      conditional ? 'Condition' : 'Proposal',
      name,
      0.55,
      `what “${s.tokens[n].text}” names`,
    );
    return { entity: e, via: `“${name}” (new ${e.kind.toLowerCase()})`, token: f, end: to - 1 };
  }
}
