import { createHash } from 'node:crypto';
import { Annotation } from './annotation';
import { DocumentPlan, buildPlan } from './plan';
import { ResolvedQuotes, resolveQuotes } from './quotes';
import { Problem, YamlSource, isError } from './source';
import { SegmentedText, segment } from './text';
import { linkToRegistry } from './link-registry';
import { EMPTY_REGISTRY, Registry } from './registry';
import { linkReferences } from './validate-references';
import { CheckedAnnotation, ProblemList, checkSchema } from './validate-schema';

export type { ResolvedQuote } from './quotes';
export { resolveQuote } from './quotes';

export interface DocumentInput {
  /** The document's folder name, which must equal document.id; omitted for documents sent over the API. */
  folderId?: string;
  articleFile: string;
  annotationFile: string;
  article: string;
  /** The article's exact bytes, for the sha256 check (defaults to the UTF-8 encoding of `article`). */
  articleBytes?: Buffer;
  annotation: string;
  /** The corpus registry its entities refer to and are linked against (docs/corpus.md); none by default. */
  registry?: Registry;
}

export interface ValidationResult {
  /** Errors, warnings and notices (Problem.severity); a plan is given when none is an error. */
  problems: Problem[];
  plan?: DocumentPlan;
}

/**
 * Checks a document in steps — parse, check the schema, check it against its article, link references,
 * find the quotes — and plans its load only if none of them found a problem. Each step reports every
 * problem it can, so that one run lists all there is to fix, sorted by line.
 */
export function validateDocument(input: DocumentInput): ValidationResult {
  const parsed = parseAnnotation(input);
  if ('problems' in parsed) return parsed;
  const problems = new ProblemList(parsed.source);
  const registry = input.registry ?? EMPTY_REGISTRY;
  const checked = checkSchema(parsed.top, problems, registry);
  if (checked.document) checkArticle(input, checked.document, problems);
  linkToRegistry(checked, registry, problems);
  linkReferences(checked, problems);
  const segmented = segment(input.article);
  const quotes = resolveQuotes(input.article, segmented, checked, problems);
  problems.items.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.items.some(isError) || !checked.document) return { problems: problems.items };
  return {
    problems: problems.items,
    plan: planLoad(input, segmented, checked, checked.document, quotes, registry),
  };
}

/**
 * The annotation as plain data with a mapping at the top. Nothing else can be checked in a file that does
 * not parse, so these problems are reported alone.
 */
function parseAnnotation(
  input: DocumentInput,
): { source: YamlSource; top: Record<string, unknown> } | { problems: Problem[] } {
  const source = new YamlSource(input.annotationFile, input.annotation);
  if (source.syntaxProblems.length) return { problems: source.syntaxProblems };
  const read = source.toJSOrProblem();
  if ('problem' in read) return { problems: [read.problem] };
  const raw = read.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const problem = source.problem(
      [],
      'INVALID_FIELD',
      'the file must be a mapping with document, entities, claims and facts',
    );
    return { problems: [problem] };
  }
  return { source, top: raw as Record<string, unknown> };
}

/** The annotation must describe this very article (its bytes) and, in a corpus, the folder it sits in. */
function checkArticle(input: DocumentInput, document: Annotation['document'], problems: ProblemList): void {
  const bytes = input.articleBytes ?? Buffer.from(input.article, 'utf8');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== document.sha256) {
    problems.add(
      ['document', 'sha256'],
      'SHA256_MISMATCH',
      `does not match ${input.articleFile} (its sha256 is ${actual})`,
    );
  }
  if (input.folderId !== undefined && input.folderId !== document.id) {
    problems.add(
      ['document', 'id'],
      'DOCUMENT_ID_MISMATCH',
      `must equal the folder name "${input.folderId}"`,
    );
  }
}

/** Only a document without errors gets here: the plan may rely on every reference and quote. */
function planLoad(
  input: DocumentInput,
  segmented: SegmentedText,
  checked: CheckedAnnotation,
  document: Annotation['document'],
  quotes: ResolvedQuotes,
  registry: Registry,
): DocumentPlan {
  return buildPlan({
    document,
    text: input.article,
    annotation: input.annotation,
    segmented,
    registry,
    entities: checked.entities.map((e) => e.item),
    claims: checked.claims.map(({ item, index }) => ({ ...item, quotes: quotes.claims.get(index) ?? [] })),
    facts: checked.facts.map(({ item, index }) => ({ ...item, quotes: quotes.facts.get(index) ?? [] })),
  });
}
