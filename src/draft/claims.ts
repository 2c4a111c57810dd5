/**
 * Claims: who agreed to, rejected, supported, criticised, called for, demanded, was open to what. A stance
 * word (lexicon/stances.ts) fires a claim; its actor is the word's grammatical subject (claim-actors.ts: a
 * pronoun stands for the entity coreference gives it; "we" in reported speech for the speaker); its target is
 * the object (claim-targets.ts), followed through light nouns ("the idea of X") and actions ("agreed to pause
 * X" makes "pause X" the proposal); "citing X" gives what it cites, "only if X" a condition it demands
 * (claim-conditions.ts).
 */
import { CLAIM_KINDS, ClaimKind, EntityKind } from '../domain/vocabulary';
import { DraftEntity, EntityIndex } from './entities';
import {
  ACTOR_KIND_SET,
  BAD_WORDS,
  EVALUATING_VERBS,
  EXPRESSING_VERBS,
  GOOD_WORDS,
  SAYING_VERBS,
  STANCE_ADJECTIVES,
  STANCE_NOUNS,
  STANCE_PHRASAL,
  STANCE_VERBS,
  StanceWord,
  negated,
} from './lexicon/stances';
import { Actor } from './claim-actors';
import { DraftCondition, SentenceConditions } from './claim-conditions';
import { Sentence } from './syntax';

export interface Evidence {
  begin: number;
  end: number;
}

export interface DraftClaim {
  by: DraftEntity;
  kind: ClaimKind;
  on: DraftEntity;
  cites: DraftEntity[];
  evidence: Evidence[];
  confidence: number;
  reason: string;
  sentence: number;
}

export interface ClaimContext {
  text: string;
  sentences: Sentence[];
  index: EntityIndex;
}

const NEGOTIABLE = new Set<EntityKind>(CLAIM_KINDS.AGREES_TO.targets);

/** The claim kind that fits the target: "agreed to" a person is support, "rejected" a person criticism. */
function fitKind(kind: ClaimKind, target: EntityKind): ClaimKind | undefined {
  if ((CLAIM_KINDS[kind].targets as readonly EntityKind[]).includes(target)) return kind;
  const polarity = CLAIM_KINDS[kind].polarity;
  if (polarity === 'OPPOSE') return 'CRITICIZES';
  if (kind === 'DEMANDS' && NEGOTIABLE.has(target)) return 'CALLS_FOR';
  if (polarity === 'SUPPORT') return 'SUPPORTS';
  return undefined;
}

export function extractClaims(ctx: ClaimContext): { claims: DraftClaim[]; conditions: DraftCondition[] } {
  const claims: DraftClaim[] = [];
  const conditions: DraftCondition[] = [];
  for (const s of ctx.sentences) {
    const helper = new SentenceClaims(ctx, s, claims, conditions);
    helper.run();
  }
  return { claims: merge(claims), conditions };
}

/** One claim per actor, kind and target; its quotes are the evidence of each sentence that states it. */
export function merge(claims: DraftClaim[]): DraftClaim[] {
  const out = new Map<string, DraftClaim>();
  for (const c of claims) {
    const key = `${c.by.id}|${c.kind}|${c.on.id}`;
    const seen = out.get(key);
    if (!seen) {
      out.set(key, { ...c, evidence: [...c.evidence], cites: [...c.cites] });
      continue;
    }
    for (const e of c.evidence)
      if (!seen.evidence.some((x) => x.begin === e.begin && x.end === e.end)) seen.evidence.push(e);
    for (const x of c.cites) if (!seen.cites.includes(x)) seen.cites.push(x);
    seen.confidence = Math.min(0.99, Math.max(seen.confidence, c.confidence) + 0.03);
  }
  return [...out.values()];
}

class SentenceClaims extends SentenceConditions {
  constructor(
    ctx: ClaimContext,
    s: Sentence,
    private readonly claims: DraftClaim[],
    conditions: DraftCondition[],
  ) {
    super(ctx, s, conditions);
  }

  run(): void {
    const s = this.s;
    for (let i = 0; i < s.tokens.length; i++) {
      const lemma = s.lemma(i);
      if (s.isVerb(i) || (STANCE_VERBS[lemma] && !s.isNoun(i))) {
        const word = this.verbStance(i);
        if (word) this.fromVerb(i, word);
        else if (EVALUATING_VERBS.has(lemma)) this.evaluation(i);
        // "X said the plan could only go ahead if Y": a condition the speaker sets.
        if (!word && SAYING_VERBS.has(lemma)) {
          const actors = this.actorOf(i);
          if (actors.length) this.demandClause(i, actors, { kind: 'DEMANDS', strength: 0.7 }, true);
        }
      } else if (s.tokens[i].pos.startsWith('JJ') && STANCE_ADJECTIVES[lemma]) {
        // "he was open to the fee cap", "opposed to the plan": the adjective's subject holds the stance.
        const word = STANCE_ADJECTIVES[lemma];
        if (
          !s.parsed ||
          s
            .dependents(i, 'obl', 'nmod')
            .some((d) => s.preposition(d.dependent, d.rel) === word.preposition) ||
          // "open to joining the corridor": the preposition introduces a clause.
          s
            .dependents(i, 'advcl', 'xcomp')
            .some((d) =>
              s
                .dependents(d.dependent, 'mark', 'case')
                .some((m) => s.lemma(m.dependent) === word.preposition),
            )
        )
          this.fromVerb(i, word);
      } else if (s.isNoun(i) && STANCE_NOUNS[lemma]) {
        this.fromNoun(i, STANCE_NOUNS[lemma]);
      }
      if (lemma === 'condition' || lemma === 'precondition' || lemma === 'demand') this.conditionNoun(i);
      if (lemma === 'table') this.offTheTable(i);
    }
  }

  private verbStance(i: number): StanceWord | undefined {
    const s = this.s;
    const lemma = s.lemma(i);
    const phrasal = STANCE_PHRASAL[lemma];
    if (phrasal) {
      const preps = s.parsed
        ? s.dependents(i, 'obl', 'nmod', 'compound:prt', 'advcl').map((d) =>
            // "called for the talks to continue": "for" marks the clause.
            d.rel.startsWith('advcl')
              ? (s.dependents(d.dependent, 'mark').map((m) => s.lemma(m.dependent))[0] ?? '')
              : (s.preposition(d.dependent, d.rel) ?? s.lemma(d.dependent)),
          )
        : [s.tokens[i + 1] ? s.lemma(i + 1) : ''];
      for (const p of preps) if (phrasal[p]) return phrasal[p];
      if (!STANCE_VERBS[lemma]) return undefined;
    }
    return STANCE_VERBS[lemma];
  }

  /** "called the talks “very productive”": an evaluation of its object. */
  private evaluation(v: number): void {
    const s = this.s;
    const obj = s.dependents(v, 'obj')[0]?.dependent;
    if (obj === undefined) return;
    const target = this.targetAt(obj);
    if (!target) return;
    for (let k = target.end + 1; k < Math.min(s.tokens.length, target.end + 9); k++) {
      const w = s.lemma(k);
      const kind: ClaimKind | undefined = GOOD_WORDS.has(w)
        ? 'PRAISES'
        : BAD_WORDS.has(w)
          ? 'CRITICIZES'
          : undefined;
      if (!kind) continue;
      let end = k;
      while (end + 1 < s.tokens.length && /^[”"’,]$/.test(s.tokens[end + 1].text)) end++;
      this.add(this.actorOf(v), kind, { ...target, end }, { kind, strength: 0.8 }, v, {
        why: ` … “${s.tokens[k].text}”`,
      });
      return;
    }
  }

  // --- claims ---

  protected add(
    actors: Actor[],
    kind: ClaimKind,
    target: { entity: DraftEntity; token: number; end: number; via: string },
    word: StanceWord,
    trigger: number,
    extra: { cites?: DraftEntity[]; citeEnd?: number; why?: string } = {},
  ): void {
    for (const actor of actors) {
      if (actor.entity === target.entity) continue;
      const fitted = fitKind(kind, target.entity.kind);
      if (!fitted) continue;
      const tokens = [actor.token, trigger, target.token, target.end, extra.citeEnd ?? trigger];
      const from = Math.min(...tokens.filter((t) => t >= 0));
      const to = Math.max(...tokens);
      const evidence = this.s.span(from, to + 1);
      const parsed = this.s.parsed ? 1 : 0.8;
      const fit = fitted === kind ? 1 : 0.85;
      const confidence = Math.min(
        0.98,
        word.strength * actor.certainty * parsed * fit * (target.entity.confidence >= 0.7 ? 1 : 0.92),
      );
      this.claims.push({
        by: actor.entity,
        kind: fitted,
        on: target.entity,
        cites: extra.cites ?? [],
        evidence: [evidence],
        confidence: Number(confidence.toFixed(2)),
        reason: `“${this.s.tokens[trigger].text}”${extra.why ?? ''}: ${actor.how} → ${target.via}${fitted !== kind ? ` (${kind} read as ${fitted} for a ${target.entity.kind})` : ''}`,
        sentence: this.s.index,
      });
    }
  }

  private fromVerb(v: number, word: StanceWord): void {
    const s = this.s;
    let kind: ClaimKind | undefined = word.kind;
    let strength = word.strength;
    if (s.negated(v)) {
      // "has not yet endorsed": not committed, which is CONDITIONAL, not a rejection.
      const notYet = s.dependents(v, 'advmod').some((d) => s.lemma(d.dependent) === 'yet');
      kind = notYet && CLAIM_KINDS[kind].polarity === 'SUPPORT' ? 'OPEN_TO' : negated(kind);
      strength *= 0.8;
      if (!kind) return;
    }
    // "refused to agree": a rejecting verb governing a stance verb is that verb's rejection; the governed verb fires.
    if (
      s
        .headsOf(v)
        .some((h) => h.rel === 'xcomp' && h.head >= 0 && STANCE_VERBS[s.lemma(h.head)]?.kind === 'REJECTS')
    ) {
      kind = negated(kind);
      if (!kind) return;
    }
    // Participles modifying a noun ("the plan backed by X") are too loose to read.
    if (s.parsed && s.headsOf(v).some((h) => h.rel === 'amod')) return;
    const actors = this.actorOf(v);
    if (!actors.length) return;
    // "Estonian Foreign Minister Kaarel Tamm said Estonia supports X": the official speaking for their
    // country holds its stance too.
    const spokesperson = this.spokesperson(v, actors);
    if (spokesperson) actors.push(spokesperson);
    if (kind === 'DEMANDS' && this.demandClause(v, actors, { ...word, strength })) return;
    // "would sign it once the tolls were cut", "open to joining if its ports were included": support held
    // on a condition is CONDITIONAL, and the condition is demanded.
    const condition = this.conditionOf(v);
    if (condition && CLAIM_KINDS[kind].polarity !== 'OPPOSE') {
      kind = 'OPEN_TO';
      this.conditionalDemand(v, condition, actors);
    }
    const targets = this.targetsOf(v, kind);
    const cites = this.cites(v);
    for (const t of targets) this.add(actors, kind, t, { ...word, strength }, v, cites);
  }

  private fromNoun(n: number, word: StanceWord): void {
    const s = this.s;
    // The noun must be expressed by its actor: "expressed support for", "reiterated the need for".
    let verb: number | undefined;
    if (s.parsed) {
      const h = s.headsOf(n).find((d) => d.rel === 'obj' || d.rel === 'nsubj:pass');
      if (h && h.head >= 0 && EXPRESSING_VERBS.has(s.lemma(h.head))) verb = h.head;
      const mod = s.dependents(n, 'amod').find((d) => EXPRESSING_VERBS.has(s.lemma(d.dependent)));
      if (verb === undefined && mod) verb = mod.dependent;
    }
    if (verb === undefined)
      for (let k = n - 1; k >= Math.max(0, n - 3); k--)
        if (EXPRESSING_VERBS.has(s.lemma(k)) && s.isVerb(k)) verb = k;
    // "calls from shipping firms for a delay": the noun names its own actor.
    const from = s.parsed
      ? s.dependents(n, 'nmod').find((d) => s.preposition(d.dependent, d.rel) === 'from')
      : undefined;
    const fromActor = from ? this.entityAt(from.dependent) : undefined;
    if (fromActor && ACTOR_KIND_SET.has(fromActor.entity.kind)) {
      const t = this.targetAt(n);
      if (t && t.entity !== fromActor.entity)
        this.add(
          [
            {
              entity: fromActor.entity,
              token: n,
              certainty: 0.85,
              how: `“${s.tokens[n].text} from ${fromActor.mention.text}”`,
            },
          ],
          word.kind,
          { ...t, end: Math.max(t.end, fromActor.mention.to - 1) },
          word,
          n,
        );
      return;
    }
    if (verb === undefined) return;
    const actors = s.parsed ? this.actorOf(verb).concat() : this.actorByOrder(verb);
    const fallback = actors.length ? actors : this.actorByOrder(verb);
    // "the UK’s commitment to X": the possessor holds the stance too.
    for (const d of s.dependents(n, 'nmod:poss')) {
      const hit = this.entityAt(d.dependent);
      if (hit && ACTOR_KIND_SET.has(hit.entity.kind) && !fallback.some((a) => a.entity === hit.entity))
        fallback.push({
          entity: hit.entity,
          token: hit.mention.from,
          certainty: 0.85,
          how: `“${hit.mention.text}’s ${s.tokens[n].text}”`,
        });
    }
    if (!fallback.length) return;
    const targets: Array<{ entity: DraftEntity; token: number; end: number; via: string }> = [];
    const preps = s.parsed
      ? s
          .dependents(n, 'nmod', 'acl')
          .filter(
            (d) =>
              d.rel !== 'nmod:poss' &&
              ['to', 'for', 'of', 'toward', 'towards', 'on', 'with', undefined].includes(
                s.preposition(d.dependent, d.rel),
              ),
          )
          .map((d) => d.dependent)
      : [this.nextNoun(n + 1)].filter((x): x is number => x !== undefined);
    for (const p of preps) {
      // "commitment to supporting Ukraine": the verb's object.
      const head = s.isVerb(p) ? (s.dependents(p, 'obj')[0]?.dependent ?? p) : p;
      const t = this.targetAt(head) ?? this.unnamedTarget(head, word.kind);
      if (t) targets.push(t);
      if (targets.length) break;
    }
    for (const t of targets.slice(0, 1))
      this.add(fallback, word.kind, t, word, n, { why: ` expressed by “${s.tokens[verb].text}”` });
  }

  private cites(v: number): { cites?: DraftEntity[]; citeEnd?: number } {
    const s = this.s;
    const cite = s.tokens.findIndex((t, k) => k > v && t.lemma.toLowerCase() === 'cite');
    if (cite < 0) return {};
    const after = this.mentions
      .filter(
        (r) => r.mention.from > cite && r.mention.from - cite <= 4 && !ACTOR_KIND_SET.has(r.entity.kind),
      )
      .sort((a, b) => a.mention.from - b.mention.from)[0];
    if (!after) return {};
    return { cites: [after.entity], citeEnd: after.mention.to - 1 };
  }

  /** "X made it clear that Y was not on the table" / "Y is off the table": X rejects Y. */
  private offTheTable(t: number): void {
    const s = this.s;
    if (!s.parsed) return;
    const prep = s.preposition(t);
    const off = prep === 'off' || (prep === 'on' && s.negated(t));
    if (!off) return;
    const subj = s.dependents(t, 'nsubj')[0];
    if (!subj) return;
    const target = this.targetAt(subj.dependent);
    if (!target) return;
    // The speaker: the subject of the verb governing the clause ("he made it clear that…").
    let head = s.headsOf(t).find((h) => h.rel === 'ccomp' && h.head >= 0)?.head;
    while (head !== undefined && !s.dependents(head, 'nsubj').some((d) => s.lemma(d.dependent) !== 'it'))
      head = s.headsOf(head).find((h) => /^(xcomp|ccomp)/.test(h.rel) && h.head >= 0)?.head;
    if (head === undefined) return;
    const actors = this.actorOf(head);
    this.add(
      actors,
      'REJECTS',
      { entity: target.entity, token: subj.dependent, end: t, via: target.via },
      { kind: 'REJECTS', strength: 0.75 },
      head,
      { why: ' (not on the table)' },
    );
  }
}
