import { ZodType, z } from 'zod';
import { QueryRunner } from '../db/database';
import { ServiceError } from '../domain/errors';
import { cypher } from '../cypher';
import { MISMATCH, checkerOf } from './fast-parse';

/**
 * Runs cypher/queries/<name>.cypher and checks one column of every row against a schema. A row of the
 * wrong shape is a bug between the query file and the code, reported as INTERNAL with the query's name.
 */
export async function readColumn<S extends ZodType>(
  db: QueryRunner,
  name: string,
  params: Record<string, unknown>,
  column: string,
  schema: S,
): Promise<z.output<S>[]> {
  const rows = await db.read({ name, text: cypher(`queries/${name}`), params });
  return rows.map((row) => parseRow(name, schema, row[column]));
}

/** Like readColumn, for rows keyed by the batch key they were found from (DataLoader queries). */
export async function readKeyed<S extends ZodType>(
  db: QueryRunner,
  name: string,
  params: Record<string, unknown>,
  column: string,
  schema: S,
): Promise<Map<string, z.output<S>[]>> {
  const rows = await db.read({ name, text: cypher(`queries/${name}`), params });
  const grouped = new Map<string, z.output<S>[]>();
  for (const row of rows) {
    const key = String(row.key);
    const list = grouped.get(key) ?? [];
    list.push(parseRow(name, schema, row[column]));
    grouped.set(key, list);
  }
  return grouped;
}

export async function readRows(db: QueryRunner, name: string, params: Record<string, unknown>) {
  return db.read({ name, text: cypher(`queries/${name}`), params });
}

export function parseRow<S extends ZodType>(name: string, schema: S, value: unknown): z.output<S> {
  // The compiled checker first (fast-parse.ts); a row it does not pass is zod's to judge and explain.
  const check = checkerOf(schema);
  if (check) {
    try {
      return check(value) as z.output<S>;
    } catch (error) {
      if (error !== MISMATCH) throw error;
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ServiceError(
      'INTERNAL',
      'Internal error.',
      { query: name },
      new Error(`${name}: ${parsed.error.message}`),
    );
  }
  return parsed.data;
}
