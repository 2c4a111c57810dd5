/**
 * The conditions in one sentence, for the claims (claims.ts): a stance held on one ("would sign it once the
 * tolls were cut"), one a speaker sets ("insisted that X could only happen if Y ended") and one named as such
 * ("a major condition for Russia is the end of X"). Each becomes a Condition entity ("End of Y") that the
 * actor DEMANDS and, when the sentence says what it is a condition for, a DraftCondition: a CONDITION_FOR
 * fact (facts.ts).
 */
import type { ClaimKind } from '../domain/vocabulary';
import { Actor } from './claim-actors';
import { SentenceTargets } from './claim-targets';
import type { ClaimContext, Evidence } from './claims';
import { DraftEntity } from './entities';
import { ACTION_NOMINALS, ACTOR_KIND_SET, CONDITION_MARKERS, StanceWord } from './lexicon/stances';
import { Sentence } from './syntax';

export interface DraftCondition {
  condition: DraftEntity;
  /** What it is a condition for, when the sentence says. */
  forEntity?: DraftEntity;
  evidence: Evidence;
}

export abstract class SentenceConditions extends SentenceTargets {
  constructor(
    ctx: ClaimContext,
    s: Sentence,
    private readonly conditions: DraftCondition[],
  ) {
    super(ctx, s);
  }

  /** Records a claim of each actor on the target (SentenceClaims, claims.ts). */
  protected abstract add(
    actors: Actor[],
    kind: ClaimKind,
    target: { entity: DraftEntity; token: number; end: number; via: string },
    word: StanceWord,
    trigger: number,
    extra?: { cites?: DraftEntity[]; citeEnd?: number; why?: string },
  ): void;

  /** The verb of a condition clause ("if …", "once …", "unless …") attached to token v. */
  protected conditionOf(v: number): number | undefined {
    const s = this.s;
    if (!s.parsed) return undefined;
    // On the stance word, or on the action it governs ("open to joining X if …").
    const heads = [
      v,
      ...s
        .dependents(v, 'xcomp', 'advcl')
        .filter((d) => !d.rel.startsWith('advcl:if'))
        .map((d) => d.dependent),
    ];
    return heads
      .flatMap((h) => s.dependents(h, 'advcl'))
      .find(
        (d) =>
          s.dependents(d.dependent, 'mark').some((m) => CONDITION_MARKERS.has(s.lemma(m.dependent))) ||
          CONDITION_MARKERS.has(d.rel.split(':')[1] ?? ''),
      )?.dependent;
  }

  /** The condition a stance is held on, demanded by its actors, and what it is a condition for. */
  protected conditionalDemand(v: number, condVerb: number, actors: Actor[]): void {
    const s = this.s;
    const condition = this.conditionFrom(condVerb);
    if (!condition) return;
    const end = s.subtreeEnd(condVerb);
    this.add(
      actors,
      'DEMANDS',
      {
        entity: condition,
        token: condVerb,
        end,
        via: `the condition “${condition.aliases[0] ?? condition.name}”`,
      },
      { kind: 'DEMANDS', strength: 0.7 },
      v,
      { why: ' (held on a condition)' },
    );
    const target = this.targetsOf(v, 'OPEN_TO')[0];
    if (target && target.entity !== condition)
      this.conditions.push({
        condition,
        forEntity: target.entity,
        evidence: s.span(Math.min(v, target.token), end + 1),
      });
  }

  /** A condition from a clause: "Y ended" → "End of Y" (alias Y); else the clause's predicate. */
  private conditionFrom(verb: number): DraftEntity | undefined {
    const s = this.s;
    const nominal = ACTION_NOMINALS[s.lemma(verb)];
    const subj = s.dependents(verb, 'nsubj', 'nsubj:pass')[0];
    if (nominal && subj) {
      const subjects = [subj.dependent, ...s.dependents(verb, 'nsubj').map((d) => d.dependent)];
      const from = Math.min(...subjects.map((t) => s.phrase(t)[0]));
      const to = Math.max(...subjects.map((t) => s.phrase(t)[1]));
      let f = from;
      while (f < to - 1 && ['the', 'a', 'an', 'any', 'all'].includes(s.lemma(f))) f++;
      const phrase = this.ctx.text.slice(s.tokens[f].begin, s.tokens[to - 1].end);
      return this.newEntity(
        f,
        to,
        subj.dependent,
        'Condition',
        `${nominal} of ${phrase}`,
        0.6,
        'condition clause',
      );
    }
    const end = s.subtreeEnd(verb);
    if (end - verb < 2) return undefined;
    return this.newEntity(
      verb,
      end + 1,
      verb,
      'Condition',
      this.ctx.text.slice(s.tokens[verb].begin, s.tokens[end].end),
      0.55,
      'demanded clause',
    );
  }

  /** "insisted that X could only happen if Y": a demand of condition Y for X; "insisted that Z should": Z. */
  protected demandClause(v: number, actors: Actor[], word: StanceWord, onlyConditions = false): boolean {
    const s = this.s;
    if (!s.parsed) return false;
    const clause = s.dependents(v, 'ccomp')[0]?.dependent;
    if (clause === undefined) return false;
    const iff = s
      .dependents(clause, 'advcl')
      .find(
        (d) =>
          s.dependents(d.dependent, 'mark').some((m) => CONDITION_MARKERS.has(s.lemma(m.dependent))) ||
          CONDITION_MARKERS.has(d.rel.split(':')[1] ?? ''),
      );
    if (!iff && onlyConditions) return false;
    const condVerb = iff?.dependent ?? clause;
    const condition = this.conditionFrom(condVerb);
    if (!condition) return false;
    const end = s.subtreeEnd(condVerb);
    const target = {
      entity: condition,
      token: condVerb,
      end,
      via: `the condition “${condition.aliases[0] ?? condition.name}”`,
    };
    this.add(actors, 'DEMANDS', target, word, v);
    if (iff) {
      const subj = s.dependents(clause, 'nsubj')[0];
      const forEntity = subj ? this.targetAt(subj.dependent)?.entity : undefined;
      if (forEntity)
        this.conditions.push({ condition, forEntity, evidence: s.span(subj!.dependent, end + 1) });
    }
    return true;
  }

  /** "A major condition for Russia is the end of X": Russia demands the end of X. */
  protected conditionNoun(n: number): void {
    const s = this.s;
    if (!s.parsed) return;
    const forActor = s.dependents(n, 'nmod').find((d) => s.preposition(d.dependent, d.rel) === 'for');
    const pred = s.headsOf(n).find((h) => h.rel === 'nsubj' && h.head >= 0)?.head;
    if (!forActor || pred === undefined) return;
    const actor = this.entityAt(forActor.dependent);
    if (!actor || !ACTOR_KIND_SET.has(actor.entity.kind)) return;
    const of = s.dependents(pred, 'nmod').filter((d) => s.preposition(d.dependent, d.rel) === 'of');
    const nominal = s.lemma(pred);
    let condition: DraftEntity | undefined;
    if (of.length) {
      const from = Math.min(...of.map((d) => s.phrase(d.dependent)[0]));
      const to = Math.max(...of.map((d) => s.phrase(d.dependent)[1]));
      let f = from;
      while (f < to - 1 && ['the', 'a', 'an', 'of'].includes(s.lemma(f))) f++;
      const phrase = this.ctx.text.slice(s.tokens[f].begin, s.tokens[to - 1].end);
      condition = this.newEntity(
        f,
        to,
        of[0].dependent,
        'Condition',
        `${nominal.charAt(0).toUpperCase()}${nominal.slice(1)} of ${phrase}`,
        0.55,
        'named as a condition',
      );
      const actors: Actor[] = [
        {
          entity: actor.entity,
          token: forActor.dependent,
          certainty: 0.85,
          how: `condition “for ${actor.mention.text}”`,
        },
      ];
      this.add(
        actors,
        'DEMANDS',
        { entity: condition, token: of[0].dependent, end: to - 1, via: `“${phrase}”` },
        { kind: 'DEMANDS', strength: 0.8 },
        n,
      );
    }
  }
}
