import { Document, LineCounter, isNode, isPair, parseDocument, visit } from 'yaml';
import { readPlainYaml } from './yaml-fast';

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

/**
 * Whether YamlSource reads files in the plain subset with the fast reader (yaml-fast.ts) unless told: on;
 * tests and bench/validate-cpu.ts turn it off in their own thread to compare.
 */
export const yamlReading = { fast: true };

export interface YamlSourceOptions {
  /** Read a file in the plain subset with the fast reader (the same value, no syntax tree built). */
  fast?: boolean;
}

/**
 * A parsed YAML file that can say on which line any field of it stands. A file in the plain subset that
 * annotation files are written in is read by the fast reader, to the value the full parser would give; the
 * full parse (syntax tree and positions) is then made only when a position is asked for, i.e. when a
 * problem is reported. Any other file is parsed in full at once, and its errors are the parser's.
 */
export class YamlSource {
  private parsed?: Document;
  private readonly lines = new LineCounter();
  readonly syntaxProblems: Problem[];
  /** The fast reader's value, until toJS hands it out; undefined when the file needs the full parser. */
  private fastValue: Record<string, unknown> | undefined;
  private readonly fastRead: boolean;

  constructor(
    readonly file: string,
    private readonly source: string,
    options: YamlSourceOptions = {},
  ) {
    this.fastValue = (options.fast ?? yamlReading.fast) ? readPlainYaml(source) : undefined;
    this.fastRead = this.fastValue !== undefined;
    if (this.fastRead) {
      // The fast reader answers only for files the full parser reads without an error or a warning.
      this.syntaxProblems = [];
      return;
    }
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

  /** The full parse (syntax tree with positions): made on first use. */
  get doc(): Document {
    this.parsed ??= parseDocument(this.source, {
      lineCounter: this.lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    return this.parsed;
  }

  /** Whether the fast reader read this file (no syntax tree built unless a position was asked for). */
  get readFast(): boolean {
    return this.fastRead;
  }

  /** The file as plain data; each call gives a value of its own. */
  toJS(): unknown {
    if (this.fastRead) {
      const value = this.fastValue ?? readPlainYaml(this.source);
      this.fastValue = undefined;
      return value;
    }
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
