/**
 * A reader for the plain subset of YAML that annotation files are written in — block mappings with simple
 * keys, block sequences, one-line plain and quoted scalars, one-line flow sequences, comments — giving the
 * very value that `parseDocument(text).toJS()` of the `yaml` package gives (YAML 1.2, core schema), in a
 * fraction of its time. It builds no syntax tree and keeps no positions.
 *
 * It answers only when it is sure: on anything outside the subset (anchors, aliases, tags, block scalars,
 * multi-line scalars, flow mappings, tabs, carriage returns, control characters, document markers, quoted or
 * unusual keys, duplicate keys, scalars that might be numbers in a spelling it does not resolve itself, …)
 * it returns undefined and the caller parses the file with the full parser, which also reports every error.
 * A file it reads is therefore one the full parser reads without errors or warnings, to the same value:
 * tests/unit/yaml-fast.test.ts compares both on synthetic corpora, the seed and hostile files.
 */

/** Thrown inside the reader to give up; never escapes readPlainYaml. */
class Unsupported {}

function bail(): never {
  throw new Unsupported();
}

interface Line {
  indent: number;
  /** The line from its first non-space character (never empty, never a comment). */
  text: string;
}

/** Characters the reader leaves to the full parser wherever they appear: tabs, CR, other controls, BOM. */
// eslint-disable-next-line no-control-regex
const REFUSED_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * A key the reader resolves itself: always a string in the core schema (not null, bool, number), and far
 * below the 1,024 characters the parser allows an implicit key.
 */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +|$)/;
const NOT_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const DECIMAL_INT = /^[0-9]+$/;
const DECIMAL_FLOAT = /^[0-9]+\.[0-9]+$/;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/**
 * A character no core-schema number can hold: its spellings (1, -1, 0o7, 0x1F, 1.5, 1e3, .inf, .NaN) use
 * only digits, signs, the dot, x, o, e, the hex letters and the letters of inf and nan.
 */
const NOT_IN_A_NUMBER = /[^0-9a-fA-FxoinIN.+-]/;
const LETTERS = /[a-zA-Z]/g;

/**
 * Whether a scalar that starts with a digit is a string for certain: a number starting with a digit is
 * written 0x…, 0o…, or with at most one letter, the e of an exponent (1e3); a hex digest is a string.
 */
function digitFirstString(s: string): boolean {
  if (s[1] === 'x' || s[1] === 'o') return false;
  const letters = s.match(LETTERS);
  return letters !== null && (letters.length > 1 || (letters[0] !== 'e' && letters[0] !== 'E'));
}

/**
 * A plain scalar's value under the core schema, for the spellings the reader is sure of: null and booleans
 * as the schema spells them, unsigned decimal integers and decimals (parsed as the schema parses them),
 * ISO dates and anything else holding a character no number has (strings: the core schema has no
 * timestamps), digests and other words that start with a digit, and anything that cannot start a number,
 * a null or a boolean. Every other scalar that
 * starts like a number (sign, dot, digit) is left to the parser.
 */
function plainValue(s: string): unknown {
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  const c = s.charCodeAt(0);
  const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b /* + */ || c === 0x2d /* - */ || c === 0x2e; /* . */
  if (!numeric) return s;
  if (DECIMAL_INT.test(s)) return parseInt(s, 10);
  if (DECIMAL_FLOAT.test(s)) return parseFloat(s);
  if (ISO_DATE.test(s) || NOT_IN_A_NUMBER.test(s)) return s;
  if (c >= 0x30 && c <= 0x39 && digitFirstString(s)) return s;
  return bail();
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;

/** A double-quoted scalar opening at s[0]: its value and the index after its closing quote. */
function doubleQuoted(s: string): { value: string; end: number } {
  let value = '';
  let from = 1;
  for (let i = 1; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') return { value: value + s.slice(from, i), end: i + 1 };
    if (ch !== '\\') continue;
    value += s.slice(from, i);
    const next = s[i + 1];
    const simple = next === undefined ? undefined : ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i += 1;
    } else if (next !== undefined && HEX_LENGTH[next] !== undefined) {
      const length = HEX_LENGTH[next];
      const digits = s.slice(i + 2, i + 2 + length);
      if (digits.length !== length || !HEX.test(digits)) bail();
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) bail();
      value += String.fromCodePoint(code);
      i += 1 + length;
    } else bail();
    from = i + 1;
  }
  // No closing quote on this line: a multi-line scalar, or an error.
  return bail();
}

/** A single-quoted scalar opening at s[0] ('' is a quote): its value and the index after it. */
function singleQuoted(s: string): { value: string; end: number } {
  let value = '';
  let from = 1;
  for (let i = 1; i < s.length; i++) {
    if (s[i] !== "'") continue;
    if (s[i + 1] === "'") {
      value += s.slice(from, i + 1);
      i += 1;
      from = i + 1;
      continue;
    }
    return { value: value + s.slice(from, i), end: i + 1 };
  }
  return bail();
}

/** s without the spaces at its end (only U+0020: YAML's white space is space and tab, and tabs are refused). */
function trimSpacesEnd(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** After a value on its line: nothing, or spaces and a comment. */
function expectLineEnd(s: string, at: number): void {
  let i = at;
  while (s.charCodeAt(i) === 0x20) i++;
  if (i === s.length || (i > at && s[i] === '#')) return;
  bail();
}

/** The first character of a plain scalar may not be an indicator (the quotes and [ are handled before). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

/** A one-line plain scalar in block context (not starting with a comment), its comment cut off. */
function blockPlain(s: string): string {
  const comment = s.indexOf(' #');
  const text = trimSpacesEnd(comment === -1 ? s : s.slice(0, comment));
  if (INDICATORS.has(text[0])) bail();
  // "a: b" on one line would be a nested mapping (an error in a value); leave any such line to the parser.
  if (text.includes(': ') || text.endsWith(':')) bail();
  return text;
}

/** A flow sequence of scalars on one line: [a, "b", 'c'] or []. */
function flowSequence(s: string): { value: unknown[]; end: number } {
  const items: unknown[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (s[i] === ' ') i++;
  };
  skipSpaces();
  if (s[i] === ']') return { value: items, end: i + 1 };
  for (;;) {
    skipSpaces();
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      const q = (ch === '"' ? doubleQuoted : singleQuoted)(s.slice(i));
      items.push(q.value);
      i += q.end;
    } else {
      let j = i;
      while (j < s.length && !',[]{}#:'.includes(s[j])) j++;
      const text = trimSpacesEnd(s.slice(i, j));
      if (!text || INDICATORS.has(text[0])) bail();
      items.push(plainValue(text));
      i = j;
    }
    skipSpaces();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === ']') return { value: items, end: i + 1 };
    return bail();
  }
}

/** A value written on the line of its key or dash; undefined when the line holds none (only a comment). */
function inlineValue(s: string): { value: unknown } | undefined {
  const first = s[0];
  if (first === '#') return undefined;
  if (first === '"' || first === "'") {
    const q = (first === '"' ? doubleQuoted : singleQuoted)(s);
    expectLineEnd(s, q.end);
    return { value: q.value };
  }
  if (first === '[') {
    const f = flowSequence(s);
    expectLineEnd(s, f.end);
    return { value: f.value };
  }
  return { value: plainValue(blockPlain(s)) };
}

class Reader {
  private at = 0;

  constructor(private readonly lines: Line[]) {}

  read(): unknown {
    const first = this.lines[0];
    if (!first || first.indent !== 0) bail();
    const value = this.mapping(0);
    if (this.at !== this.lines.length) bail();
    return value;
  }

  private peek(): Line | undefined {
    return this.lines[this.at];
  }

  private static isDash(text: string): boolean {
    return text[0] === '-' && (text.length === 1 || text[1] === ' ');
  }

  /** A block mapping whose keys stand at indent. */
  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) bail();
      const m = KEY_LINE.exec(line.text);
      if (!m) return bail();
      const key = m[1];
      if (NOT_STRING_KEYS.has(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(map, key))
        bail();
      this.at++;
      const rest = line.text.slice(m[0].length);
      const inline = rest ? inlineValue(rest) : undefined;
      map[key] = inline ? inline.value : this.nested(indent);
      if (inline) this.noContinuation(indent);
    }
    return map;
  }

  /** A block sequence whose dashes stand at indent. */
  private sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) bail();
      if (!Reader.isDash(line.text)) return list;
      let spaces = 1;
      while (line.text[spaces] === ' ') spaces++;
      const rest = line.text.slice(spaces);
      if (!rest || rest[0] === '#' || Reader.isDash(rest)) bail();
      if (KEY_LINE.test(rest)) {
        // "- key: value": a mapping whose keys stand where this one does; the line is read as its first.
        const column = indent + spaces;
        this.lines[this.at] = { indent: column, text: rest };
        list.push(this.mapping(column));
        continue;
      }
      this.at++;
      list.push(inlineValue(rest)!.value);
      this.noContinuation(indent);
    }
    return list;
  }

  /**
   * The value of a key with nothing after it on its line: a block one level in, a sequence at the key's own
   * indent (allowed for a mapping's values), or null.
   */
  private nested(indent: number): unknown {
    const next = this.peek();
    if (!next || next.indent < indent) return null;
    if (next.indent === indent) return Reader.isDash(next.text) ? this.sequence(indent) : null;
    return Reader.isDash(next.text) ? this.sequence(next.indent) : this.mapping(next.indent);
  }

  /** A line further in after a one-line value would continue it (a multi-line scalar): not ours. */
  private noContinuation(indent: number): void {
    const next = this.peek();
    if (next && next.indent > indent) bail();
  }
}

/**
 * The file's value as the `yaml` package's parseDocument(text).toJS() gives it, or undefined when the file
 * is not in the subset this reader knows (the caller must then use the full parser).
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (REFUSED_CHARS.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 0x20) indent++;
    if (indent === raw.length || raw[indent] === '#') continue;
    const content = raw.slice(indent);
    // Directives and document markers start at the line's first column.
    if (indent === 0 && (content[0] === '%' || content.startsWith('---') || content.startsWith('...')))
      return undefined;
    lines.push({ indent, text: content });
  }
  try {
    return new Reader(lines).read() as Record<string, unknown>;
  } catch {
    // UNSUPPORTED, or anything else (a stack overflow on absurd nesting): the full parser decides.
    return undefined;
  }
}
