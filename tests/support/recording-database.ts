import { RecordShape } from 'neo4j-driver';
import type { QueryResult } from 'neo4j-driver';
import { Query, QueryListener, QueryRunner, WriteStatements } from '../../src/db/database';

export type Params = Record<string, unknown>;

/** The rows a named query answers: always the same, or made from its parameters (one per key asked). */
export type Answer = RecordShape[] | ((params: Params) => RecordShape[]);

/**
 * Canned answers by query name. A key ending in `/*` answers every query of that folder (`schema/*`); an
 * exact name wins over it.
 */
export type Answers = Record<string, Answer>;

export interface SentQuery {
  name: string;
  mode: 'READ' | 'WRITE';
  params: Params;
}

/** What a write statement's summary is read for (the loader's counters): nothing written. */
const NOTHING_UPDATED = {
  counters: {
    updates: () => ({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
      propertiesSet: 0,
    }),
  },
} as unknown as QueryResult['summary'];

/** Cypher parameters a statement refers to, string literals and comments left out. */
export function parametersOf(text: string): string[] {
  const code = text
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))].sort();
}

/**
 * A Database for tests that need no Neo4j, in the manner of @neo4j/graphql's TCK: it records every query
 * the stores send (name, parameters, READ or WRITE) and answers each from canned rows keyed by its name,
 * shaped as the query's RETURN clause gives them, so that the resolvers run to the end and the nested
 * DataLoaders fire as they would over a real database.
 *
 * It is strict where a real database would fail later or never: a query with no canned answer throws
 * (an answer of no rows is written `[]`), and so does a statement whose text and parameters disagree — a
 * `$parameter` the text uses but the call does not pass (Neo4j: ParameterMissing), or one passed but never
 * used (a drift between a store and its .cypher file).
 */
export class RecordingDatabase implements QueryRunner {
  readonly sent: SentQuery[] = [];
  private readonly listeners = new Set<QueryListener>();

  constructor(private readonly answers: Answers) {}

  /** As Database.onQuery: observers see every query sent. */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async read<T extends RecordShape = RecordShape>(query: Query): Promise<T[]> {
    return this.answer(query, 'READ') as T[];
  }

  async write<T>(_name: string, work: (tx: WriteStatements) => Promise<T>): Promise<T> {
    return work({
      run: async <R extends RecordShape = RecordShape>(query: Query) => ({
        rows: this.answer(query, 'WRITE') as R[],
        summary: NOTHING_UPDATED,
      }),
    });
  }

  /** The queries sent since the last call, in order; forgets them. */
  take(): SentQuery[] {
    return this.sent.splice(0);
  }

  private answer(query: Query, mode: 'READ' | 'WRITE'): RecordShape[] {
    const params = query.params ?? {};
    checkParameters(query);
    this.sent.push({ name: query.name, mode, params: structuredClone(params) });
    for (const listener of this.listeners) listener(query, mode);
    const folder = query.name.includes('/') ? `${query.name.slice(0, query.name.lastIndexOf('/'))}/*` : '';
    const answer = this.answers[query.name] ?? this.answers[folder];
    if (!answer) {
      throw new Error(
        `RecordingDatabase: no canned rows for query "${query.name}" (give it an answer, [] for none)`,
      );
    }
    // A copy: the stores and resolvers may keep or change what they are given.
    return structuredClone(typeof answer === 'function' ? answer(params) : answer);
  }
}

function checkParameters(query: Query): void {
  const used = parametersOf(query.text);
  const given = Object.keys(query.params ?? {}).sort();
  const missing = used.filter((p) => !given.includes(p));
  const unused = given.filter((p) => !used.includes(p));
  if (missing.length || unused.length) {
    throw new Error(
      `RecordingDatabase: query "${query.name}" ` +
        [
          missing.length ? `uses $${missing.join(', $')} but is not given them` : '',
          unused.length ? `is given ${unused.join(', ')} but never uses them` : '',
        ]
          .filter(Boolean)
          .join(' and '),
    );
  }
}
