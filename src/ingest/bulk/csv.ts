import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BulkFile, BulkInput, Column, GraphCounts, GraphSink, Value, buildGraph } from './graph-rows';

/**
 * The graph of graph.ts as `neo4j-admin database import full` CSV: one file per node label combination and
 * per relationship type, typed headers (`start:long`, `aliases:string[]`), ids in one id space per label.
 * Every string is quoted (RFC 4180, quotes doubled), so commas, quotes and line breaks in text survive;
 * array elements are joined by a character that no element contains.
 */

/** A property the CSV cannot hold, set after the import on every row that lacks it (finish.ts). */
export interface Fixup {
  /** Nodes with these labels, or relationships of this type between nodes of these labels. */
  target: { labels: string[] } | { type: string; from: string; to: string };
  property: string;
  /** [] or [''], which the import tool reads as "no value". */
  value: string[];
}

export interface CsvFile {
  file: BulkFile;
  path: string;
  rows: number;
  /** Some value holds a line break: the import tool must be told (--multiline-fields). */
  multiline: boolean;
}

export interface WrittenCsv {
  dir: string;
  files: CsvFile[];
  arrayDelimiter: string;
  fixups: Fixup[];
  counts: GraphCounts;
  bytes: number;
}

/** Tried in order until one occurs in no array element: control characters that text rarely holds. */
const DELIMITERS = ['\u001f', '\u001e', '\u001d', '\u001c', '\ue000', '\ue001'];

class DelimiterInData extends Error {}

const FLUSH_AT = 1 << 20;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function header(file: BulkFile): string {
  const columns = (columns: Column[]) => columns.map((c) => `${c.name}:${c.type}`);
  if (file.kind === 'nodes') {
    const [id, ...rest] = file.columns;
    // An id the nodes do not keep as a property (StancePair's) has no name in the header.
    return [`${file.idIsProperty === false ? '' : id.name}:ID(${file.space})`, ...columns(rest)].join(',');
  }
  return [`:START_ID(${file.from})`, `:END_ID(${file.to})`, ...columns(file.columns)].join(',');
}

class CsvSink implements GraphSink {
  readonly files = new Map<BulkFile, CsvFile & { fd: number; chunks: string[]; size: number }>();
  readonly fixups = new Map<string, Fixup>();
  bytes = 0;

  constructor(
    private readonly dir: string,
    private readonly delimiter: string,
  ) {}

  row(file: BulkFile, values: Value[]): void {
    let out = this.files.get(file);
    if (!out) {
      const filePath = path.join(this.dir, `${file.kind}-${file.name}.csv`);
      out = {
        file,
        path: filePath,
        rows: 0,
        multiline: false,
        fd: openSync(filePath, 'w'),
        chunks: [],
        size: 0,
      };
      this.files.set(file, out);
      this.append(out, header(file));
    }
    const ends = file.kind === 'nodes' ? 0 : 2;
    const fields: string[] = [];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (i < ends) {
        fields.push(quote(value as string));
        continue;
      }
      const column = file.columns[i - ends];
      fields.push(this.field(file, column, value, out));
    }
    out.rows++;
    this.append(out, fields.join(','));
  }

  private field(file: BulkFile, column: Column, value: Value, out: CsvFile): string {
    if (value === null || value === undefined) {
      if (!column.optional) throw new Error(`${file.name}.${column.name}: no value for a required column`);
      return '';
    }
    if (Array.isArray(value)) {
      if (value.length === 0 || (value.length === 1 && value[0] === '')) {
        this.fixup(file, column, value as string[]);
        return '';
      }
      if (column.type !== 'string[]') return value.join(this.delimiter);
      for (const element of value as string[]) {
        if (element.includes(this.delimiter)) throw new DelimiterInData();
        if (!out.multiline && /[\r\n]/.test(element)) out.multiline = true;
      }
      return quote((value as string[]).join(this.delimiter));
    }
    if (typeof value === 'string') {
      if (!out.multiline && /[\r\n]/.test(value)) out.multiline = true;
      return quote(value);
    }
    return String(value);
  }

  /** [] and [''] cannot be written; a required column gets them after the import, where it has no value. */
  private fixup(file: BulkFile, column: Column, value: string[]): void {
    if (column.optional)
      throw new Error(`${file.name}.${column.name}: ${JSON.stringify(value)} in an optional column`);
    const key = `${file.name}.${column.name}`;
    const seen = this.fixups.get(key);
    if (seen && seen.value.length !== value.length)
      throw new Error(`${key}: both [] and [''] occur; the import cannot tell them apart`);
    if (!seen) {
      const target =
        file.kind === 'nodes' ? { labels: file.labels } : { type: file.type, from: file.from, to: file.to };
      this.fixups.set(key, { target, property: column.name, value: [...value] });
    }
  }

  private append(out: { fd: number; chunks: string[]; size: number }, line: string): void {
    out.chunks.push(line, '\n');
    out.size += line.length + 1;
    if (out.size >= FLUSH_AT) this.flush(out);
  }

  private flush(out: { fd: number; chunks: string[]; size: number }): void {
    if (!out.chunks.length) return;
    this.bytes += writeSync(out.fd, out.chunks.join(''));
    out.chunks = [];
    out.size = 0;
  }

  close(): void {
    for (const out of this.files.values()) {
      try {
        this.flush(out);
      } finally {
        closeSync(out.fd);
      }
    }
  }
}

/** Writes the CSV into dir (which must exist and is the caller's to remove). */
export function writeCsv(input: BulkInput, dir: string): WrittenCsv {
  for (const delimiter of DELIMITERS) {
    const sink = new CsvSink(dir, delimiter);
    try {
      const counts = buildGraph(input, sink);
      sink.close();
      return {
        dir,
        files: [...sink.files.values()].map(({ file, path: p, rows, multiline }) => ({
          file,
          path: p,
          rows,
          multiline,
        })),
        arrayDelimiter: delimiter,
        fixups: [...sink.fixups.values()],
        counts,
        bytes: sink.bytes,
      };
    } catch (error) {
      sink.close();
      if (!(error instanceof DelimiterInData)) throw error;
    }
  }
  throw new Error('every array delimiter the bulk import can use occurs in the data');
}

/** The import tool's arguments for these files (after `database import full`), database name last. */
export function importArguments(csv: WrittenCsv, database: string): string[] {
  const delimiter = `U+${csv.arrayDelimiter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  // Format v2 (only the files named) failed on a 55 MB Document file at 10⁶ relationships ("found CR outside
  // a text cell at position 4180181 of buffer of length 4194304"); v1 reads every file that way, ~40 % slower
  // than no multiline fields on that corpus (23.7 s against 33.1 s side by side; docs/performance.md, "Bulk
  // import"), and works.
  const multiline = csv.files.some((f) => f.multiline);
  return [
    ...csv.files.map(({ file, path: p }) =>
      file.kind === 'nodes' ? `--nodes=${file.labels.join(':')}=${p}` : `--relationships=${file.type}=${p}`,
    ),
    `--array-delimiter=${delimiter}`,
    ...(multiline ? ['--multiline-fields=true'] : []),
    database,
  ];
}
