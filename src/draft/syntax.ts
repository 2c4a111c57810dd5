/**
 * One parsed sentence with the questions the drafter asks of it: a token's head, its dependents by relation,
 * the phrase it heads. With no dependency parse (the in-process backend) every question has an answer from
 * word order alone, less reliable, which the confidence says (Sentence.parsed).
 */
import { NEGATIONS } from './lexicon/stances';
import type { Dependency, ParsedSentence, ParsedToken } from './types';

export class Sentence {
  readonly tokens: ParsedToken[];
  readonly parsed: boolean;
  private readonly heads = new Map<number, Dependency[]>();
  private readonly children = new Map<number, Dependency[]>();

  constructor(readonly source: ParsedSentence) {
    this.tokens = source.tokens;
    this.parsed = source.dependencies !== null;
    for (const d of source.dependencies ?? []) {
      if (!this.heads.has(d.dependent)) this.heads.set(d.dependent, []);
      this.heads.get(d.dependent)!.push(d);
      if (!this.children.has(d.head)) this.children.set(d.head, []);
      this.children.get(d.head)!.push(d);
    }
  }

  get index(): number {
    return this.source.index;
  }

  lemma(i: number): string {
    return this.tokens[i].lemma.toLowerCase();
  }

  /** Dependents of token i whose relation starts with one of the prefixes ("nmod" matches "nmod:of"). */
  dependents(i: number, ...prefixes: string[]): Dependency[] {
    return (this.children.get(i) ?? []).filter(
      (d) => prefixes.length === 0 || prefixes.some((p) => d.rel === p || d.rel.startsWith(`${p}:`)),
    );
  }

  /** The relations that attach token i to its heads. */
  headsOf(i: number): Dependency[] {
    return this.heads.get(i) ?? [];
  }

  /** The preposition (case marker) introducing token i, from the relation's subtype or a case dependent. */
  preposition(i: number, rel?: string): string | undefined {
    const sub = rel?.split(':')[1];
    if (
      sub &&
      /^[a-z_]+$/.test(sub) &&
      !['poss', 'pass', 'xsubj', 'relcl', 'tmod', 'npmod', 'agent'].includes(sub)
    )
      return sub.replace(/_/g, ' ');
    const c = this.dependents(i, 'case')[0];
    return c ? this.lemma(c.dependent) : undefined;
  }

  isVerb(i: number): boolean {
    return this.tokens[i].pos.startsWith('VB');
  }

  isNoun(i: number): boolean {
    return this.tokens[i].pos.startsWith('NN');
  }

  /** Is the word negated ("did not agree", "never accepted")? */
  negated(i: number): boolean {
    if (this.parsed)
      return this.dependents(i, 'advmod', 'neg', 'det').some((d) => NEGATIONS.has(this.lemma(d.dependent)));
    // Word order: a negation other than "no" ("not", "n't", "never") within the three words before it.
    for (let k = Math.max(0, i - 3); k < i; k++) {
      const word = this.lemma(k);
      if (word !== 'no' && NEGATIONS.has(word)) return true;
    }
    return false;
  }

  /**
   * The token range [from, to) of the noun phrase headed by token i: its left modifiers, and on its right
   * the prepositional phrases and participles that say which one it is ("attacks *on Ukraine’s energy
   * infrastructure*", "a truce *focused on energy*"), never a relative clause, an apposition or a
   * parenthesis; clipped at the first comma, so the range is contiguous text.
   */
  phrase(i: number, opts: { right?: boolean; depth?: number } = {}): [number, number] {
    const right = opts.right ?? true;
    if (!this.parsed) return this.linearPhrase(i, right);
    const take = new Set<number>([i]);
    const visit = (h: number, depth: number) => {
      for (const d of this.children.get(h) ?? []) {
        const t = d.dependent;
        if (take.has(t) || t === h) continue;
        const rel = d.rel;
        const base = rel.split(':')[0];
        if (t < h) {
          // Below the head, a preposition opens its phrase: "on" in "attacks on X", "’s" in "Ukraine’s".
          const allowed =
            h === i
              ? ['det', 'amod', 'compound', 'nummod', 'nmod', 'flat']
              : ['det', 'amod', 'compound', 'nummod', 'nmod', 'flat', 'case', 'cc'];
          if (!allowed.includes(base)) continue;
          if (base === 'nmod' && rel !== 'nmod:poss') continue;
          // A participle or adverb before the head belongs to a clause: "targeting oil facilities".
          if (base !== 'case' && /^(VBG|RB|IN|TO)/.test(this.tokens[t].pos)) continue;
          take.add(t);
          visit(t, depth);
          continue;
        }
        const rightRels = ['nmod', 'acl', 'conj', 'cc', 'case', 'flat', 'compound', 'nummod', 'det'];
        // Under a participle ("focused on energy") its objects belong to the phrase too.
        if (this.isVerb(h)) rightRels.push('obj', 'obl', 'mark');
        // A date says when, not which one: "a cap on fees *on Wednesday*".
        if (/^(DATE|TIME|DURATION|SET)$/.test(this.tokens[t].ner)) continue;
        if (right && depth > 0 && rightRels.includes(base) && rel !== 'acl:relcl') {
          take.add(t);
          visit(t, base === 'nmod' || base === 'acl' || base === 'obl' ? depth - 1 : depth);
        } else if (['flat', 'compound', 'case'].includes(base) && t === h + 1) {
          take.add(t);
          visit(t, depth);
        }
      }
    };
    visit(i, opts.depth ?? 2);
    // Contiguous around the head, stopping at a gap or a comma/parenthesis.
    // Tokens written without a space between them are one word: "30-day", "Trump-Putin".
    const glued = (a: number, b: number) => this.tokens[a].end === this.tokens[b].begin;
    for (const t of [...take]) {
      for (let k = t; k > 0 && glued(k - 1, k); k--) take.add(k - 1);
      for (let k = t; k + 1 < this.tokens.length && glued(k, k + 1) && k + 1 < i; k++) take.add(k + 1);
    }
    // A comma between two adjectives of the head is inside the phrase: "a full, immediate ceasefire".
    const listComma = (k: number) =>
      this.tokens[k].text === ',' &&
      k > 0 &&
      take.has(k - 1) &&
      take.has(k + 1) &&
      k < i &&
      this.tokens[k - 1].pos.startsWith('JJ');
    let from = i;
    while (
      from - 1 >= 0 &&
      (take.has(from - 1) || listComma(from - 1)) &&
      (!this.isBreak(from - 1) || listComma(from - 1))
    )
      from--;
    let to = i + 1;
    while (to < this.tokens.length && take.has(to) && !this.isBreak(to)) to++;
    // A conjunct that ends on a modifier of a word outside the phrase is the start of another phrase:
    // "hospitals in Sumy and power [supplies in …]" ends at "Sumy".
    const dangling = (k: number) =>
      this.headsOf(k).some((d) => (d.rel === 'compound' || d.rel === 'amod') && d.head >= to) ||
      // or split a compound the parse did not see: "… and power | supplies in …"
      (k + 1 < this.tokens.length && this.isNoun(k) && this.isNoun(k + 1) && !this.isBreak(k + 1));
    if (to - 1 > i && dangling(to - 1)) {
      let cut = to - 1;
      while (cut > i && this.tokens[cut].pos !== 'CC') cut--;
      if (cut > i) to = cut;
    }
    // No phrase ends on a joining word or a dangling conjunction.
    while (to - 1 > i && ['IN', 'CC', 'DT', 'TO', 'POS', ','].includes(this.tokens[to - 1].pos)) to--;
    while (from < i && /^(CC|IN|TO|RB|VBG|,)/.test(this.tokens[from].pos)) from++;
    // A base-form "verb" between an adjective and the head noun is a noun the tagger misread: a verb cannot
    // stand there ("Russian drone attacks", "drone" tagged VBP).
    if (
      from === i &&
      i >= 2 &&
      /^VBP?$/.test(this.tokens[i - 1].pos) &&
      (/^(JJ|DT|PRP\$|CD)/.test(this.tokens[i - 2].pos) || this.tokens[i - 2].ner === 'NATIONALITY')
    )
      from =
        this.tokens[i - 2].pos.startsWith('JJ') || this.tokens[i - 2].ner === 'NATIONALITY' ? i - 2 : i - 1;
    // A common noun right before the head with no role in the phrase is a compound the parse split: "power
    // supplies".
    if (from === i && i >= 1 && /^NNS?$/.test(this.tokens[i - 1].pos)) from = i - 1;
    return [from, to];
  }

  private isBreak(i: number): boolean {
    const t = this.tokens[i].text;
    return [',', ';', ':', '(', ')', '—', '–', '“', '”', '"'].includes(t);
  }

  /** Without a parse: adjectives, nouns, numbers and possessives around the head; "of/on/in" + noun phrase. */
  private linearPhrase(i: number, right: boolean): [number, number] {
    const modifier = (k: number) => /^(JJ|NN|CD|POS|PRP\$|DT|VBN|HYPH)/.test(this.tokens[k].pos);
    let from = i;
    while (from - 1 >= 0 && modifier(from - 1) && !this.isBreak(from - 1)) from--;
    let to = i + 1;
    while (to < this.tokens.length && /^NN/.test(this.tokens[to].pos)) to++;
    if (right && to < this.tokens.length && ['of', 'on', 'in', 'for', 'against'].includes(this.lemma(to))) {
      let k = to + 1;
      while (k < this.tokens.length && modifier(k) && !this.isBreak(k)) k++;
      if (k > to + 1 && /^NN/.test(this.tokens[k - 1].pos)) to = k;
    }
    return [from, to];
  }

  /** The last token of the subtree under token i (relative clauses included), clipped at a semicolon. */
  subtreeEnd(i: number): number {
    let end = i;
    const seen = new Set<number>();
    const walk = (h: number) => {
      if (seen.has(h)) return;
      seen.add(h);
      for (const d of this.children.get(h) ?? []) {
        if (d.dependent <= h && d.dependent < i) continue;
        if (d.rel === 'punct' || d.rel.startsWith('parataxis')) continue;
        end = Math.max(end, d.dependent);
        walk(d.dependent);
      }
      // Enhanced++ writes "the territory it has seized" as obj(seized, territory): follow it to the clause.
      for (const r of this.heads.get(h) ?? [])
        if (r.head > h && r.head - h <= 4 && /^(obj|nsubj)/.test(r.rel) && this.isVerb(r.head)) {
          end = Math.max(end, r.head);
          walk(r.head);
        }
    };
    walk(i);
    while (end > i && this.isBreak(end)) end--;
    return end;
  }

  /** The character span of tokens [from, to). */
  span(from: number, to: number): { begin: number; end: number } {
    return { begin: this.tokens[from].begin, end: this.tokens[to - 1].end };
  }
}
