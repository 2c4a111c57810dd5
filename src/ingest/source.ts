import { Document, LineCounter, isNode, isPair, parseDocument, visit } from 'yaml';

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. claims[3].quote. */
  field: string;
  code: string;
  message: string;
  /**
   * Absent on errors, which reject the document; a warning (PROBABLE_DUPLICATE) or a notice
   * (LINKED_TO_REGISTRY) is reported and the document still loads.
   */
  severity?: 'warning' | 'notice';
}

export type Severity = 'error' | 'warning' | 'notice';

export const severityOf = (p: Problem): Severity => p.severity ?? 'error';

/** Only errors stop a document. */
export const isError = (p: Problem): boolean => p.severity === undefined;

export function formatProblem(p: Problem): string {
  const severity = p.severity ? `${p.severity}: ` : '';
  return `${p.file}:${p.line}:${p.column} ${severity}${p.field ? `${p.field}: ` : ''}${p.message} [${p.code}]`;
}

export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
    '',
  );
}

/** A parsed YAML file that can say on which line any field of it stands. */
export class YamlSource {
  readonly doc: Document;
  private readonly lines = new LineCounter();
  readonly syntaxProblems: Problem[];

  constructor(
    readonly file: string,
    source: string,
  ) {
    this.doc = parseDocument(source, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.syntaxProblems = [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const pos = this.lines.linePos(e.pos[0]);
      return {
        file,
        line: pos.line,
        column: pos.col,
        field: '',
        code: 'YAML_SYNTAX',
        message: e.message.split('\n')[0],
      };
    });
  }

  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * The file as plain data, or the problem that stops it being read: an alias whose anchor is missing, or
   * aliases expanding past maxAliasCount (a "billion laughs" file), are only found here, not by the parser.
   */
  toJSOrProblem(): { value: unknown } | { problem: Problem } {
    try {
      return { value: this.toJS() };
    } catch (error) {
      let at: { line: number; column: number } = { line: 1, column: 1 };
      visit(this.doc, {
        Alias: (_key, node) => {
          if (node.resolve(this.doc) !== undefined || !node.range) return undefined;
          at = this.pos(node.range[0]);
          return visit.BREAK;
        },
      });
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      return { problem: { file: this.file, ...at, field: '', code: 'YAML_SYNTAX', message } };
    }
  }

  /** The position of a field: its key when it has one, else its value, else the nearest parent that exists. */
  locate(path: ReadonlyArray<PropertyKey>): { line: number; column: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const parentPath = path.slice(0, Math.max(0, depth - 1)) as unknown[];
      const parent = depth === 0 ? this.doc.contents : this.doc.getIn(parentPath, true);
      const last = path[depth - 1];
      if (depth > 0 && isNode(parent) && 'items' in parent && typeof last === 'string') {
        const pair = (parent.items as unknown[]).find(
          (item) =>
            isPair(item) && isNode(item.key) && String((item.key as { value?: unknown }).value) === last,
        );
        if (isPair(pair) && isNode(pair.key) && pair.key.range) return this.pos(pair.key.range[0]);
      }
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return this.pos(node.range[0]);
    }
    return { line: 1, column: 1 };
  }

  problem(path: ReadonlyArray<PropertyKey>, code: string, message: string): Problem {
    const { line, column } = this.locate(path);
    return { file: this.file, line, column, field: fieldName(path), code, message };
  }

  private pos(offset: number): { line: number; column: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }
}
