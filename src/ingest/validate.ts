import { createHash } from 'node:crypto';
import { ZodType } from 'zod';
import {
  ClaimAnnotation,
  EntityAnnotation,
  FactAnnotation,
  annotationSchema,
  claimSchema,
  entitySchema,
  factSchema,
} from './annotation';
import { ACTOR_KINDS, CLAIM_KINDS, ClaimKind, EntityKind, FACT_TYPES, FactType } from '../domain/vocabulary';
import { DocumentPlan, buildPlan } from './plan';
import { Problem, YamlSource } from './source';
import { SegmentedText, occurrences, segment } from './text';
import { normalizeName } from '../domain/names';

export interface DocumentInput {
  /** The document's folder name, which must equal document.id; omitted for documents sent over the API. */
  folderId?: string;
  articleFile: string;
  annotationFile: string;
  article: string;
  /** The article's exact bytes, for the sha256 check (defaults to the UTF-8 encoding of `article`). */
  articleBytes?: Buffer;
  annotation: string;
}

export interface ValidationResult {
  problems: Problem[];
  plan?: DocumentPlan;
}

/** A quote resolved to a place in the text (UTF-16 indices) and the sentence holding it. */
export interface ResolvedQuote {
  quote: string;
  from: number;
  to: number;
  sentence: number;
}

type Path = (string | number)[];

/** The value at a path inside value; undefined when any step is absent. */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function zodProblems(
  source: YamlSource,
  base: Path,
  schema: ZodType,
  value: unknown,
): { ok: boolean; data?: unknown; problems: Problem[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        source.problem([...path, key], 'UNKNOWN_FIELD', `unknown field "${key}"`),
      );
    }
    // Decided from the input, not from the message: a field with a custom message (kind, type) is as
    // missing as any other when it is absent.
    const missing = valueAt(value, issue.path) === undefined;
    const code = missing
      ? 'MISSING_FIELD'
      : issue.code === 'invalid_value'
        ? 'UNKNOWN_VALUE'
        : 'INVALID_FIELD';
    return [source.problem(path, code, missing ? 'is required' : issue.message)];
  });
  return { ok: false, problems };
}

function suggestion(id: string, known: Iterable<string>): string {
  const candidates = [...known].filter(
    (k) => k.includes(id) || id.includes(k) || k.split('-')[0] === id.split('-')[0],
  );
  return candidates.length
    ? ` (did you mean ${candidates
        .slice(0, 3)
        .map((c) => `"${c}"`)
        .join(', ')}?)`
    : '';
}

export function validateDocument(input: DocumentInput): ValidationResult {
  const source = new YamlSource(input.annotationFile, input.annotation);
  if (source.syntaxProblems.length) return { problems: source.syntaxProblems };
  const read = source.toJSOrProblem();
  if ('problem' in read) return { problems: [read.problem] };
  const raw = read.value;
  const problems: Problem[] = [];
  const p = (path: Path, code: string, message: string) => problems.push(source.problem(path, code, message));

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    p([], 'INVALID_FIELD', 'the file must be a mapping with document, entities, claims and facts');
    return { problems };
  }
  const top = raw as Record<string, unknown>;
  // Shape of the top level and the document block first; each list item is then checked on its own so
  // that one bad item does not hide the problems of the others.
  const docCheck = zodProblems(source, ['document'], annotationSchema.shape.document, top.document);
  problems.push(...docCheck.problems);
  for (const key of Object.keys(top)) {
    if (!['document', 'entities', 'claims', 'facts'].includes(key))
      p([key], 'UNKNOWN_FIELD', `unknown field "${key}"`);
  }
  // Ids of items that failed their own checks: references to them are not reported again as unknown.
  const rejectedIds = { entities: new Set<string>(), claims: new Set<string>(), facts: new Set<string>() };
  const list = <T>(
    key: 'entities' | 'claims' | 'facts',
    schema: ZodType,
    required: boolean,
  ): { item: T; index: number }[] => {
    const value = top[key];
    if (value === undefined || value === null) {
      if (required) p([key], 'MISSING_FIELD', 'is required and must list at least one item');
      return [];
    }
    if (!Array.isArray(value)) {
      p([key], 'INVALID_FIELD', 'must be a list');
      return [];
    }
    const items: { item: T; index: number }[] = [];
    value.forEach((v, index) => {
      const r = zodProblems(source, [key, index], schema, v);
      problems.push(...r.problems);
      if (r.ok) items.push({ item: r.data as T, index });
      else if (typeof valueAt(v, ['id']) === 'string') rejectedIds[key].add(valueAt(v, ['id']) as string);
    });
    return items;
  };
  const entities = list<EntityAnnotation>('entities', entitySchema, true);
  const claims = list<ClaimAnnotation>('claims', claimSchema, false);
  const facts = list<FactAnnotation>('facts', factSchema, false);

  const text = input.article;
  const doc = docCheck.ok
    ? (docCheck.data as ReturnType<typeof annotationSchema.parse>['document'])
    : undefined;
  if (doc) {
    const bytes = input.articleBytes ?? Buffer.from(text, 'utf8');
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== doc.sha256) {
      p(
        ['document', 'sha256'],
        'SHA256_MISMATCH',
        `does not match ${input.articleFile} (its sha256 is ${actual})`,
      );
    }
    if (input.folderId !== undefined && input.folderId !== doc.id) {
      p(['document', 'id'], 'DOCUMENT_ID_MISMATCH', `must equal the folder name "${input.folderId}"`);
    }
  }

  // Ids and references.
  const kinds = new Map<string, EntityKind>();
  for (const { item, index } of entities) {
    if (kinds.has(item.id))
      p(['entities', index, 'id'], 'DUPLICATE_ID', `entity id "${item.id}" is used more than once`);
    else kinds.set(item.id, item.kind);
  }
  const aliasOwner = new Map<string, string>();
  for (const { item, index } of entities) {
    for (const [a, alias] of [item.name, ...item.aliases].entries()) {
      const key = normalizeName(alias);
      const owner = aliasOwner.get(key);
      if (owner && owner !== item.id) {
        p(
          a === 0 ? ['entities', index, 'name'] : ['entities', index, 'aliases', a - 1],
          'AMBIGUOUS_ALIAS',
          `"${alias}" also names entity "${owner}"; a name may point at one entity only`,
        );
      } else aliasOwner.set(key, item.id);
    }
  }
  const datePairs = [
    ...entities.map(({ item, index }) => ({ item, base: ['entities', index] as Path })),
    ...claims.map(({ item, index }) => ({ item, base: ['claims', index] as Path })),
    ...facts.map(({ item, index }) => ({ item, base: ['facts', index] as Path })),
  ];
  for (const { item, base } of datePairs) {
    if ((item.date === undefined) !== (item.dateText === undefined)) {
      p(
        [...base, item.date ? 'dateText' : 'date'],
        'DATE_TEXT_MISSING',
        "date and dateText go together: the resolved date and the text's own words",
      );
    }
  }
  const claimIds = new Map<string, number>();
  for (const { item, index } of claims) {
    if (claimIds.has(item.id))
      p(['claims', index, 'id'], 'DUPLICATE_ID', `claim id "${item.id}" is used more than once`);
    else claimIds.set(item.id, index);
  }
  const ref = (path: Path, id: string, expect: readonly EntityKind[] | undefined, role: string) => {
    const kind = kinds.get(id);
    if (!kind) {
      if (rejectedIds.entities.has(id)) return;
      p(path, 'UNKNOWN_REFERENCE', `no entity has id "${id}"${suggestion(id, kinds.keys())}`);
    } else if (expect && !expect.includes(kind)) {
      p(
        path,
        'KIND_MISMATCH',
        `${role} must be ${expect.join(' or ')}, but "${id}" is ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`,
      );
    }
  };
  for (const { item, index } of claims) {
    const spec = CLAIM_KINDS[item.kind as ClaimKind];
    ref(['claims', index, 'by'], item.by, ACTOR_KINDS, 'the actor (by)');
    ref(['claims', index, 'on'], item.on, spec.targets, `the target (on) of ${item.kind}`);
    item.cites.forEach((c, i) => ref(['claims', index, 'cites', i], c, undefined, 'a cited entity'));
    if (item.respondsTo !== undefined && !rejectedIds.claims.has(item.respondsTo)) {
      if (!claimIds.has(item.respondsTo)) {
        p(
          ['claims', index, 'respondsTo'],
          'UNKNOWN_REFERENCE',
          `no claim has id "${item.respondsTo}"${suggestion(item.respondsTo, claimIds.keys())}`,
        );
      } else if (item.respondsTo === item.id) {
        p(['claims', index, 'respondsTo'], 'INVALID_FIELD', 'a claim cannot respond to itself');
      }
    }
  }
  for (const { item, index } of facts) {
    const spec = FACT_TYPES[item.type as FactType];
    ref(['facts', index, 'from'], item.from, spec.from, `the start (from) of ${item.type}`);
    ref(['facts', index, 'to'], item.to, spec.to, `the end (to) of ${item.type}`);
    if (item.about !== undefined) ref(['facts', index, 'about'], item.about, undefined, 'about');
  }

  // Quotes against the text.
  const segmented = segment(text);
  const quotes = new Map<string, ResolvedQuote[]>();
  const resolveAll = (section: 'claims' | 'facts', index: number, item: ClaimAnnotation | FactAnnotation) => {
    const base: Path = [section, index];
    if (item.quote !== undefined && item.evidence !== undefined) {
      p([...base, 'evidence'], 'INVALID_FIELD', 'give either quote (with occurrence) or evidence, not both');
      return;
    }
    if (item.quote === undefined && item.evidence === undefined) {
      p([...base, 'quote'], 'MISSING_QUOTE', 'every claim and fact needs a verbatim quote from the article');
      return;
    }
    if (item.quote === undefined && item.occurrence !== undefined) {
      p(
        [...base, 'occurrence'],
        'INVALID_FIELD',
        'occurrence goes with quote; inside evidence give it per quote',
      );
    }
    const refs = item.evidence
      ? item.evidence.map((e, i) => ({ ...e, path: [...base, 'evidence', i, 'quote'] as Path }))
      : [{ quote: item.quote as string, occurrence: item.occurrence, path: [...base, 'quote'] as Path }];
    const resolved: ResolvedQuote[] = [];
    for (const r of refs) {
      const found = resolveQuote(text, segmented, r.quote, r.occurrence);
      if ('error' in found)
        p(
          found.field === 'occurrence' ? [...r.path.slice(0, -1), 'occurrence'] : r.path,
          found.code,
          found.error,
        );
      else resolved.push(found);
    }
    quotes.set(`${section}:${index}`, resolved);
  };
  claims.forEach(({ item, index }) => resolveAll('claims', index, item));
  facts.forEach(({ item, index }) => resolveAll('facts', index, item));

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length || !doc) return { problems };
  return {
    problems,
    plan: buildPlan({
      document: doc,
      text,
      segmented,
      entities: entities.map((e) => e.item),
      claims: claims.map(({ item, index }) => ({ ...item, quotes: quotes.get(`claims:${index}`) ?? [] })),
      facts: facts.map(({ item, index }) => ({ ...item, quotes: quotes.get(`facts:${index}`) ?? [] })),
    }),
  };
}

export function resolveQuote(
  text: string,
  segmented: SegmentedText,
  quote: string,
  occurrence: number | undefined,
): ResolvedQuote | { error: string; code: string; field?: 'occurrence' } {
  const at = occurrences(text, quote);
  if (at.length === 0) {
    const loose = text.toLowerCase().includes(quote.toLowerCase());
    const quotesDiffer = text.includes(
      quote.replace(/'/g, '’').replace(/"(\S)/g, '“$1').replace(/(\S)"/g, '$1”'),
    );
    const hint = quotesDiffer
      ? ' (the article uses typographic quotes and apostrophes: ’ “ ”)'
      : loose
        ? ' (it occurs with different capitalisation)'
        : '';
    return { code: 'QUOTE_NOT_FOUND', error: `quote not found verbatim in the article${hint}: "${quote}"` };
  }
  if (occurrence === undefined && at.length > 1) {
    return {
      code: 'QUOTE_AMBIGUOUS',
      error: `quote occurs ${at.length} times in the article; add occurrence: 1..${at.length}`,
    };
  }
  if (occurrence !== undefined && occurrence > at.length) {
    return {
      code: 'OCCURRENCE_OUT_OF_RANGE',
      field: 'occurrence',
      error: `occurrence ${occurrence} asked, but the quote occurs ${at.length} time(s)`,
    };
  }
  const from = at[(occurrence ?? 1) - 1];
  const to = from + quote.length;
  const heading = segmented.headings.find((h) => from < h.span.to && to > h.span.from);
  if (heading)
    return {
      code: 'QUOTE_IN_HEADING',
      error: `quote lies in the heading "${heading.text}"; quote the running text`,
    };
  const sentences = segmented.sentences.filter((s) => from < s.span.to && to > s.span.from);
  if (sentences.length !== 1 || from < sentences[0].span.from || to > sentences[0].span.to) {
    return {
      code: 'QUOTE_SPANS_SENTENCES',
      error:
        sentences.length > 1
          ? `quote spans sentences ${sentences.map((s) => s.index).join(', ')}; give one quote per sentence (evidence: [...])`
          : 'quote does not lie within one sentence',
    };
  }
  return { quote, from, to, sentence: sentences[0].index };
}
