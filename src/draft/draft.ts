import { createHash } from 'node:crypto';
import { Document } from 'yaml';
import { BadUserInputError, ServiceError } from '../domain/errors';
import { CLAIM_KINDS } from '../domain/vocabulary';
import type { Annotation } from '../ingest/annotation';
import { EMPTY_REGISTRY, Registry } from '../ingest/registry';
import { isError } from '../ingest/source';
import { isHeadingLine } from '../ingest/text';
import { validateDocument } from '../ingest/validate';
import { DraftClaim, Evidence, extractClaims, merge as mergeClaims } from './claims';
import { resolveDate } from './dates';
import { DraftEntity, buildEntities, mergeSameThings, slugOf } from './entities';
import { DraftFact, extractFacts } from './facts';
import { Mention, sentenceMentions } from './mentions';
import { Sentence } from './syntax';
import type { Draft, DraftItem, DraftOptions, EntityLinker, NlpBackend } from './types';

export interface DraftDependencies {
  nlp: NlpBackend;
  linker: EntityLinker;
  /** The corpus registry the draft's references are checked against (the graph's, or entities.yaml). */
  registry?: Registry;
}

/** The draft could not be made valid: a bug of the drafter, reported as INTERNAL with what went wrong. */
export class DraftInvalidError extends ServiceError {
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

/**
 * Drafts the annotation of one article (docs/draft.md): parse, find the mentions and link them to known
 * entities, find claims and facts, write graph.yaml, and check it with the validator `npm run validate`
 * runs. An item the validator refuses is dropped (with what depends on it) until the draft is valid, so a
 * draft always loads; each drop is said in the YAML's header.
 */
export async function draftArticle(options: DraftOptions, deps: DraftDependencies): Promise<Draft> {
  const { article, date } = options;
  const started = performance.now();
  const parsed = await deps.nlp.parse(article, date);
  const parseMs = performance.now() - started;
  const extractStarted = performance.now();

  const sentences = parsed.sentences
    .filter((s) => !isHeadingText(article, s.begin, s.end))
    .map((s) => new Sentence(s));
  const mentions: Mention[] = sentences.flatMap((s) => sentenceMentions(article, s));
  const index = await buildEntities(mentions, parsed.coref, deps.linker);
  const extracted = extractClaims({ text: article, sentences, index });
  const rawFacts = extractFacts(article, sentences, index, extracted.conditions);
  // One thing written several ways becomes one entity; claims and facts follow it.
  const into = mergeSameThings(index.entities);
  const to = (e: DraftEntity) => into.get(e) ?? e;
  const claims = mergeClaims(
    extracted.claims
      .map((c) => ({ ...c, by: to(c.by), on: to(c.on), cites: c.cites.map(to) }))
      .filter((c) => c.by !== c.on),
  );
  const facts = rawFacts
    .map((f) => ({ ...f, from: to(f.from), to: to(f.to) }))
    .filter(
      (f, i, all) =>
        f.from !== f.to &&
        all.findIndex((g) => g.from === f.from && g.type === f.type && g.to === f.to) === i,
    );
  index.entities.splice(0, index.entities.length, ...index.entities.filter((e) => !into.has(e)));
  // A new noun phrase named once, that no claim or fact uses and that names nothing in particular — a bare
  // head ("ceasefire") or a hypothetical one ("any agreement") — says nothing the graph can answer: left out,
  // so that the reviewer reads what matters. Known entities and named people, places and bodies stay.
  const used = new Set([
    ...claims.flatMap((c) => [c.by, c.on, ...c.cites]),
    ...facts.flatMap((f) => [f.from, f.to]),
  ]);
  const vague = (e: DraftEntity) =>
    e.mentions.every(
      (m) =>
        m.source === 'noun' &&
        (m.to - m.from === 1 || ['any', 'no', 'every', 'some'].includes(m.determiner ?? '')),
    );
  const kept = index.entities.filter((e) => e.linked || used.has(e) || e.mentions.length > 1 || !vague(e));

  if (!kept.length)
    throw new BadUserInputError(
      'The drafter found no person, country, organisation, place or other entity in the article: there is nothing to draft.',
    );
  const title = options.title?.trim() || titleOf(article);
  const id = options.id ?? slugOf(title);
  const registry = deps.registry ?? EMPTY_REGISTRY;
  const built = annotationOf({
    id,
    title,
    date,
    source: options.source,
    article,
    index: kept,
    claims,
    facts,
    sentences,
  });
  const { annotation, dropped } = repair(built, article, registry);
  const yaml = toYaml(annotation, built.notes, dropped, parsed.backend);
  const items = itemsOf(annotation, built.notes, article);
  return {
    yaml,
    annotation,
    items,
    backend: parsed.backend,
    parseMs,
    extractMs: performance.now() - extractStarted,
  };
}

function isHeadingText(text: string, begin: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', begin - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim();
  return line === text.slice(begin, end).trim() && isHeadingLine(line);
}

/** The first line of the article, shortened at a word, when no title is given. */
function titleOf(article: string): string {
  const first = article.trim().split('\n')[0].trim();
  if (first.length <= 120) return first.replace(/[.:]$/, '');
  return `${first.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}

interface Note {
  /** Entities: their kind (a registry reference's is the registry's). */
  kind?: string;
  confidence: number;
  reason: string;
  spans: Evidence[];
  linkedTo?: string;
}

interface Built {
  annotation: Annotation;
  /** Per item (`entity:<id>`, `claim:<id>`, `fact:<from>|<type>|<to>`): confidence, reason, spans. */
  notes: Map<string, Note>;
}

/** The quote for a span, with its occurrence when the same words come earlier in the article. */
function quoteOf(article: string, e: Evidence): { quote: string; occurrence?: number } {
  const quote = article.slice(e.begin, e.end);
  let n = 0;
  let total = 0;
  for (let at = article.indexOf(quote); at >= 0; at = article.indexOf(quote, at + 1)) {
    total++;
    if (at < e.begin) n++;
  }
  return total > 1 ? { quote, occurrence: n + 1 } : { quote };
}

const factKey = (from: string, type: string, to: string) => `fact:${from}|${type}|${to}`;

function annotationOf(input: {
  id: string;
  title: string;
  date: string;
  source?: string;
  article: string;
  index: DraftEntity[];
  claims: DraftClaim[];
  facts: DraftFact[];
  sentences: Sentence[];
}): Built {
  const { article } = input;
  const notes = new Map<string, Note>();
  const entities: Annotation['entities'] = [];
  for (const e of input.index) {
    const spans = e.mentions.map((m) => ({ begin: m.begin, end: m.end }));
    notes.set(`entity:${e.id}`, {
      kind: e.kind,
      confidence: e.confidence,
      reason: e.reason,
      spans,
      linkedTo: e.linked?.id,
    });
    const aliases = e.aliases.filter((a) => a !== e.name);
    const confidence = Number(e.confidence.toFixed(2));
    if (e.linked?.registered) {
      // A reference: the registry owns its name; the document's own names are its aliases.
      entities.push({
        id: e.id,
        aliases,
        method: 'draft',
        confidence,
      } as unknown as Annotation['entities'][number]);
    } else {
      entities.push({ id: e.id, kind: e.kind, name: e.name, aliases, method: 'draft', confidence });
    }
  }
  const claimIds = new Set<string>();
  const claims: Annotation['claims'] = [];
  for (const c of input.claims) {
    const verb = c.kind.toLowerCase().replace(/_/g, '-');
    let id = slugOf(`${c.by.id}-${verb}-${c.on.id}`);
    for (let n = 2; claimIds.has(id); n++) id = `${slugOf(`${c.by.id}-${verb}-${c.on.id}`)}-${n}`;
    claimIds.add(id);
    const quotes = c.evidence.map((e) => quoteOf(article, e));
    const sentence = input.sentences.find((s) => s.index === c.sentence);
    const when = sentence ? resolveDate(sentence, article, input.date) : undefined;
    claims.push({
      id,
      by: c.by.id,
      kind: c.kind,
      on: c.on.id,
      cites: c.cites.map((x) => x.id),
      confidence: c.confidence,
      method: 'draft',
      ...(quotes.length === 1 ? quotes[0] : { evidence: quotes }),
      ...(when ? { date: when.date, dateText: when.text } : {}),
    });
    notes.set(`claim:${id}`, { confidence: c.confidence, reason: c.reason, spans: c.evidence });
  }
  const facts: Annotation['facts'] = input.facts.map((f) => {
    notes.set(factKey(f.from.id, f.type, f.to.id), {
      confidence: f.confidence,
      reason: f.reason,
      spans: [f.evidence],
    });
    return {
      from: f.from.id,
      type: f.type,
      to: f.to.id,
      confidence: f.confidence,
      method: 'draft',
      ...quoteOf(article, f.evidence),
    };
  });
  const annotation: Annotation = {
    document: {
      id: input.id,
      title: input.title,
      source: input.source?.trim() || 'draft (npm run draft)',
      publishedAt: input.date,
      language: 'en',
      sha256: createHash('sha256').update(article, 'utf8').digest('hex'),
    },
    entities,
    claims,
    facts,
  };
  return { annotation, notes };
}

/** Index into entities/claims/facts named by a problem's field ("claims[3].quote" → claims, 3). */
function located(
  field: string,
): { list: 'entities' | 'claims' | 'facts'; index: number; rest: string } | undefined {
  const m = /^(entities|claims|facts)\[(\d+)\](.*)$/.exec(field);
  return m ? { list: m[1] as 'entities' | 'claims' | 'facts', index: Number(m[2]), rest: m[3] } : undefined;
}

/**
 * Validates the draft as `npm run validate` would and drops what it refuses: an alias that clashes, a
 * claim or fact whose quote or kinds do not fit, an entity it cannot take (and the items that use it).
 */
function repair(
  built: Built,
  article: string,
  registry: Registry,
): { annotation: Annotation; dropped: string[] } {
  const annotation: Annotation = structuredClone(built.annotation);
  const dropped: string[] = [];
  for (let round = 0; round < 8; round++) {
    const { problems } = validateDocument({
      articleFile: 'article.txt',
      annotationFile: 'graph.yaml',
      article,
      annotation: new Document(annotation).toString(),
      registry,
    });
    const errors = problems.filter(isError);
    if (!errors.length) return { annotation, dropped };
    const drop = { entities: new Set<number>(), claims: new Set<number>(), facts: new Set<number>() };
    for (const p of errors) {
      const at = located(p.field);
      if (!at)
        throw new DraftInvalidError(
          `the draft has a problem the drafter cannot mend: ${p.field} ${p.message} [${p.code}]`,
        );
      const alias = /^\.aliases\[(\d+)\]$/.exec(at.rest);
      if (at.list === 'entities' && alias) {
        const e = annotation.entities[at.index];
        dropped.push(`alias “${e.aliases[Number(alias[1])]}” of ${e.id}: ${p.message} [${p.code}]`);
        e.aliases.splice(Number(alias[1]), 1, '');
        continue;
      }
      drop[at.list].add(at.index);
      dropped.push(`${p.field}: ${p.message} [${p.code}]`);
    }
    for (const e of annotation.entities) e.aliases = e.aliases.filter((a) => a !== '');
    const goneEntities = new Set([...drop.entities].map((i) => annotation.entities[i].id));
    annotation.entities = annotation.entities.filter((_, i) => !drop.entities.has(i));
    annotation.claims = annotation.claims.filter(
      (c, i) =>
        !drop.claims.has(i) &&
        !goneEntities.has(c.by) &&
        !goneEntities.has(c.on) &&
        !c.cites.some((x) => goneEntities.has(x)),
    );
    annotation.facts = annotation.facts.filter(
      (f, i) => !drop.facts.has(i) && !goneEntities.has(f.from) && !goneEntities.has(f.to),
    );
    if (!annotation.entities.length) break;
  }
  throw new DraftInvalidError('the drafter could not make its draft valid; please report the article');
}

function toYaml(
  annotation: Annotation,
  notes: Map<string, Note>,
  dropped: string[],
  backend: string,
): string {
  const doc = new Document(annotation);
  doc.commentBefore = [
    ` Draft annotation made by \`npm run draft\` (NLP: ${backend}); review it before loading (docs/draft.md).`,
    ' Every item says `method: draft` and the drafter’s confidence; the comment above it says why it was drafted.',
    ...(dropped.length
      ? [' Dropped because the validator refused them:', ...dropped.map((d) => `   - ${d}`)]
      : []),
  ].join('\n');
  const comment = (list: string, key: (i: number) => string) => {
    const seq = doc.get(list, true) as { items?: Array<{ commentBefore?: string }> } | undefined;
    seq?.items?.forEach((node, i) => {
      const note = notes.get(key(i));
      if (note) node.commentBefore = ` ${note.reason}`.replace(/\n/g, ' ');
    });
  };
  comment('entities', (i) => `entity:${annotation.entities[i].id}`);
  comment('claims', (i) => `claim:${annotation.claims[i].id}`);
  comment('facts', (i) =>
    factKey(annotation.facts[i].from, annotation.facts[i].type, annotation.facts[i].to),
  );
  return doc.toString({ lineWidth: 0 });
}

function itemsOf(annotation: Annotation, notes: Map<string, Note>, article: string): DraftItem[] {
  // What every item shows of its note: its confidence, why, and where it rests (its first span quoted).
  const shown = (note: Note) => {
    const s = note.spans[0] ?? { begin: 0, end: 0 };
    const quote = article.slice(s.begin, s.end);
    return {
      confidence: note.confidence,
      quote,
      begin: s.begin,
      end: s.end,
      spans: note.spans,
      reason: note.reason,
    };
  };
  return [
    ...annotation.entities.map((e): DraftItem => {
      const note = notes.get(`entity:${e.id}`)!;
      return { type: 'entity', id: e.id, kind: note.kind!, ...shown(note), linkedTo: note.linkedTo };
    }),
    ...annotation.claims.map((c): DraftItem => {
      const note = notes.get(`claim:${c.id}`)!;
      const polarity = CLAIM_KINDS[c.kind as keyof typeof CLAIM_KINDS].polarity;
      return { type: 'claim', id: c.id, kind: c.kind, ...shown(note), from: c.by, to: c.on, polarity };
    }),
    ...annotation.facts.map((f, i): DraftItem => {
      const note = notes.get(factKey(f.from, f.type, f.to))!;
      return { type: 'fact', id: `fact-${i + 1}`, kind: f.type, ...shown(note), from: f.from, to: f.to };
    }),
  ];
}
