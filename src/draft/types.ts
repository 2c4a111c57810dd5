/**
 * The draft extractor's contracts (docs/draft.md): what an NLP backend gives (a ParsedText, the same shape
 * whichever library made it), how the drafter asks which known entity a name means (EntityLinker), and what
 * a draft is (Draft: the graph.yaml text, the annotation it holds, and its items with their confidence).
 *
 * Offsets are JavaScript string offsets (UTF-16 code units) into the article text exactly as given, so that
 * `text.slice(begin, end)` is the token, the sentence or the quote.
 */
import type { Annotation } from '../ingest/annotation';
import type { EntityKind } from '../domain/vocabulary';

export interface ParsedToken {
  /** 0-based index within its sentence. */
  index: number;
  /** The token as written (text.slice(begin, end)). */
  text: string;
  lemma: string;
  /** Penn Treebank tag (NNP, VBD, …). */
  pos: string;
  /** NER label (PERSON, COUNTRY, NATIONALITY, CITY, LOCATION, ORGANIZATION, TITLE, DATE, …) or 'O'. */
  ner: string;
  /** For DATE/TIME/DURATION tokens: the backend's normalised value resolved against the document date. */
  normalizedNer?: string;
  begin: number;
  end: number;
}

/** A typed dependency between two tokens of one sentence (Universal Dependencies labels). */
export interface Dependency {
  /** e.g. nsubj, obj, xcomp, obl, nmod, amod, compound, conj, advcl, mark, case, det, aux, neg/advmod… */
  rel: string;
  /** Token index of the head; -1 for the root. */
  head: number;
  /** Token index of the dependent. */
  dependent: number;
}

/** A named-entity mention (a run of tokens with one NER label). */
export interface NerMention {
  /** Token range within the sentence, end exclusive. */
  tokenBegin: number;
  tokenEnd: number;
  begin: number;
  end: number;
  text: string;
  ner: string;
  /** Normalised value for dates (YYYY-MM-DD, or a week/relative form the backend gives). */
  normalized?: string;
}

export interface ParsedSentence {
  /** 0-based index in the document. */
  index: number;
  begin: number;
  end: number;
  tokens: ParsedToken[];
  /** Enhanced++ (or basic) dependencies; null when the backend has no parser. */
  dependencies: Dependency[] | null;
  mentions: NerMention[];
}

export interface CorefMention {
  sentence: number;
  tokenBegin: number;
  tokenEnd: number;
  begin: number;
  end: number;
  text: string;
  type: 'PRONOMINAL' | 'NOMINAL' | 'PROPER' | 'LIST';
  isRepresentative: boolean;
}

export interface CorefChain {
  mentions: CorefMention[];
}

/** A direct quotation and, when the backend attributes it, who said it (as written). */
export interface QuoteSpan {
  begin: number;
  end: number;
  text: string;
  speaker?: string;
}

export interface ParsedText {
  /** Which backend parsed it ('corenlp', 'compromise'). */
  backend: string;
  text: string;
  sentences: ParsedSentence[];
  /** Empty when the backend has no coreference. */
  coref: CorefChain[];
  /** Empty when the backend finds no quotations. */
  quotes: QuoteSpan[];
}

/** An NLP library behind the drafter. */
export interface NlpBackend {
  readonly name: string;
  /** `date` (YYYY-MM-DD) is the document date that relative dates ("on Sunday") resolve against. */
  parse(text: string, date: string): Promise<ParsedText>;
}

/** A known entity a name may mean: from the graph, or from the registry when no graph is at hand. */
export interface LinkCandidate {
  id: string;
  kind: EntityKind;
  name: string;
  /** The resolver's score, 0 to 1 (src/graph/name-ranking.ts). */
  score: number;
  /** How the name matched: ID, NAME, ALIAS, DOCUMENT_ALIAS, PARTIAL, FUZZY. */
  matchKind: string;
  /** True for an entity of the corpus registry (corpus/entities.yaml). */
  registered: boolean;
}

/** Which known entity each name means: the API's resolver, asked for many names at once. */
export interface EntityLinker {
  /** For each name, the entity it resolves to unambiguously, or nothing (unknown or ambiguous). */
  link(names: readonly string[]): Promise<Map<string, LinkCandidate | undefined>>;
}

export type DraftItemType = 'entity' | 'claim' | 'fact';
// Item ids: an entity's id, a claim's id, and `fact-<n>` for the n-th fact (1-based) of annotation.facts.

/** One drafted item, as the review page shows it on the text. */
export interface DraftItem {
  type: DraftItemType;
  /** Entity id, claim id, or `from-TYPE-to` for a fact. */
  id: string;
  /** Entity kind, claim kind or fact type. */
  kind: string;
  /** The drafter's confidence, 0 to 1 (calibrated on the seed; docs/draft.md). */
  confidence: number;
  /** Where its (first) quote is in the article. */
  begin: number;
  end: number;
  quote: string;
  /** Every place in the article the item rests on: an entity's mentions, a claim's or fact's quotes. */
  spans: Array<{ begin: number; end: number }>;
  /** Claims: the actor (`by`) and the target (`on`); facts: `from` and `to`. Entity ids. */
  from?: string;
  to?: string;
  /** Claims only: SUPPORT, OPPOSE or CONDITIONAL (from the kind). */
  polarity?: string;
  /** Why the drafter made it, in a few words (the rule and the words that fired it). */
  reason: string;
  /** Entities only: the registry/graph entity it is linked to, when it is one. */
  linkedTo?: string;
}

export interface Draft {
  /** graph.yaml, as `npm run draft` writes it; `npm run validate` accepts it unchanged. */
  yaml: string;
  annotation: Annotation;
  items: DraftItem[];
  /** The NLP backend that parsed the article. */
  backend: string;
  /** Milliseconds spent parsing and extracting. */
  parseMs: number;
  extractMs: number;
}

export interface DraftOptions {
  /** The article exactly as it will be stored in article.txt. */
  article: string;
  /** Publication date, YYYY-MM-DD; relative dates resolve against it. */
  date: string;
  /** Document id; derived from the title when absent. */
  id?: string;
  title?: string;
  source?: string;
}
