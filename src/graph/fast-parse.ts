import type { ZodType } from 'zod';

/**
 * The row schemas of records.ts, compiled to plain functions. zod's own parse costs about a tenth of the
 * service's CPU on the larger answers (bench/results/ab5-fast-parse-*): every field of every row goes
 * through its generic machinery, and every nullish-then-transform field is a pipe. The compiled checker
 * accepts exactly what the schema accepts and returns what zod would return (unknown keys dropped, the
 * same transforms applied); when a row does not pass, parseRow asks zod itself, so that the error (and the
 * verdict) is always zod's. A schema using anything not listed in compile() is not compiled: zod parses it.
 */

/** Thrown by a compiled checker when the value does not have the shape; never leaves parseRow. */
export const MISMATCH: unique symbol = Symbol('row shape mismatch');

export type Checker = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, ZodType>;
  catchall?: unknown;
  element?: ZodType;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  entries?: Record<string, unknown>;
  transform?: (value: unknown, ctx: unknown) => unknown;
}

const defOf = (schema: ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const mismatch = (): never => {
  throw MISMATCH;
};

/** What a transform may use of zod's context; reporting an issue sends the row back to zod. */
const transformContext = {
  addIssue: mismatch,
  get issues(): never {
    return mismatch();
  },
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function compile(schema: ZodType): Checker | undefined {
  const def = defOf(schema);
  // Refinements (min, max, regex, …) are not compiled.
  if (def.checks?.length) return undefined;
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : mismatch());
    case 'number':
      // zod 4 refuses NaN and ±Infinity as numbers.
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : mismatch());
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : mismatch());
    case 'unknown':
    case 'any':
      return (v) => v;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (v) => (allowed.has(v) ? v : mismatch());
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return inner && ((v) => (v === undefined ? undefined : inner(v)));
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => (v === null ? null : inner(v)));
    }
    case 'transform': {
      const transform = def.transform!;
      return (v) => {
        const out = transform(v, transformContext);
        // An asynchronous transform cannot be applied here.
        return out instanceof Promise ? mismatch() : out;
      };
    }
    case 'pipe': {
      const first = compile(def.in!);
      const then = compile(def.out!);
      return first && then && ((v) => then(first(v)));
    }
    case 'array': {
      const element = compile(def.element!);
      return (
        element &&
        ((v) => {
          if (!Array.isArray(v)) return mismatch();
          const out = new Array<unknown>(v.length);
          for (let i = 0; i < v.length; i++) out[i] = element(v[i]);
          return out;
        })
      );
    }
    case 'object': {
      // passthrough / strict / catchall objects keep or refuse unknown keys: not compiled.
      if (def.catchall !== undefined) return undefined;
      const fields: [string, Checker][] = [];
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const check = compile(field);
        if (!check) return undefined;
        fields.push([key, check]);
      }
      return (v) => {
        if (!isObject(v)) return mismatch();
        const out: Record<string, unknown> = {};
        for (const [key, check] of fields) {
          const value = check(v[key]);
          // As zod: a key whose value comes out undefined is kept only when the input had it.
          if (value !== undefined || key in v) out[key] = value;
        }
        return out;
      };
    }
    default:
      return undefined;
  }
}

const compiled = new WeakMap<ZodType, Checker | null>();

/** The compiled checker of a schema, or undefined when the schema uses something compile() does not know. */
export function checkerOf(schema: ZodType): Checker | undefined {
  let checker = compiled.get(schema);
  if (checker === undefined) {
    checker = compile(schema) ?? null;
    compiled.set(schema, checker);
  }
  return checker ?? undefined;
}
