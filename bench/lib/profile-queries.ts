import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR, cypher } from '../../src/cypher';
import { Database } from '../../src/db/database';
import { QueryProfile, indexedProperties, profile } from './profile';
import { table } from './report';

/** The example parameters a query file gives on its `// :param {…}` line, parsed by Neo4j itself. */
async function exampleParams(db: Database, name: string): Promise<Record<string, unknown>> {
  const source = readFileSync(path.join(CYPHER_DIR, 'queries', `${name}.cypher`), 'utf8');
  const literal = /^\/\/\s*:param\s+(\{.*\})\s*$/m.exec(source)?.[1];
  if (!literal) return {};
  const [row] = await db.read({ name: 'bench/param', text: `RETURN ${literal} AS params` });
  return row.params as Record<string, unknown>;
}

/** Extra cases worth a profile of their own: each anchor of stances.cypher, each group of counts. */
const VARIANTS: Record<string, Record<string, unknown>[]> = {
  stances: [
    { anchor: 'ACTOR', keys: ['putin'], polarities: null },
    {
      anchor: 'CLAIM',
      keys: ['trump-putin-call-energy-ceasefire:putin-rejects-full-ceasefire'],
      polarities: null,
    },
    {
      anchor: 'RESPONSES',
      keys: ['trump-putin-call-energy-ceasefire:putin-rejects-full-ceasefire'],
      polarities: null,
    },
  ],
  // The paged root fields: each anchor, and a later page (the cursor's range in the index).
  'stances-page': [
    { targetId: 'energy-ceasefire' },
    { actorId: 'putin' },
    { after: 'syn-000100' },
    { kinds: ['REJECTS'], after: 'syn-000100' },
  ],
  'cited-as-objections': [
    { byId: 'zelensky' },
    { againstId: 'putin' },
    { afterClaim: 'syn-000100', afterCited: '' },
  ],
  'relations-page': [{ id: 'ukraine', after: ['LEADS', '', '', ''] }],
  // Entity.relationsCount alone (no fact projected), and the conditions asked without `for`/`conditionFor`.
  relations: [{ first: 0 }],
  conditions: [{ forFirst: 0 }],
  timeline: [{ afterDate: '2025-03-18', afterKind: 'EVENT', afterKey: '', lower: '2025-03-18' }],
  'stance-matrix': [{ actorsFirst: 50, targetsFirst: 50 }],
  // The subgraphs asked without edge evidence (Edge.evidenceCount alone): none read, none sent.
  neighborhood: [{ evidenceFirst: 0 }],
  // graph as the scaling bench asks it: evidence by sentenceId, no sentences.
  overview: [{ evidenceFirst: 0 }, { sentences: false }],
  // A later page of documents: the cursor's range in the publishedAt index.
  documents: [{ upTo: '2025-03-18', afterId: 'syn-000100' }],
  counts: [
    { groupBy: 'ENTITY_KIND' },
    { groupBy: 'POLARITY' },
    { groupBy: 'RELATION_TYPE' },
    { groupBy: 'DOCUMENT' },
  ],
};

/** What the stores pass where a file's example line leaves a parameter out. */
const STORE_DEFAULTS: Record<string, unknown> = {
  limit: 5_000,
  first: 20,
  maxNodes: 200,
  after: null,
  // A subgraph's edge evidence selected without `first` (LIMITS.factEvidence.default).
  evidenceFirst: 5,
};

/** Neo4j names the parameters a statement misses; those the stores always pass are filled in. */
async function withDefaults<T>(
  params: Record<string, unknown>,
  run: (p: Record<string, unknown>) => Promise<T>,
) {
  try {
    return await run(params);
  } catch (error) {
    const missing = /Expected parameter\(s\): (.*)/.exec((error as Error).message)?.[1]?.split(', ');
    if (!missing?.every((m) => m in STORE_DEFAULTS)) throw error;
    return run({ ...params, ...Object.fromEntries(missing.map((m) => [m, STORE_DEFAULTS[m]])) });
  }
}

/**
 * PROFILEs every named query. `overrides` replaces parameters by query name (e.g. a representative entity
 * of a large corpus instead of the seed's).
 */
export async function profileNamedQueries(
  db: Database,
  overrides: Record<string, Record<string, unknown>>,
): Promise<QueryProfile[]> {
  const indexes = await indexedProperties(db);
  const names = readdirSync(path.join(CYPHER_DIR, 'queries'))
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => f.replace(/\.cypher$/, ''))
    .sort();
  const out: QueryProfile[] = [];
  for (const name of names) {
    const base = { ...(await exampleParams(db, name)), ...overrides[name] };
    for (const [i, params] of [base, ...(VARIANTS[name] ?? []).map((v) => ({ ...base, ...v }))].entries()) {
      const label = i === 0 ? name : `${name} (${Object.values(VARIANTS[name][i - 1])[0]})`;
      try {
        out.push(
          await withDefaults(params, (p) => profile(db, label, cypher(`queries/${name}`), p, indexes)),
        );
      } catch (error) {
        const message = (error as Error).message.split('\n')[0];
        out.push({
          name: label,
          params,
          dbHits: NaN,
          rows: 0,
          ms: NaN,
          scans: [],
          scansWhereAnIndexFits: [],
          operators: [],
          error: message,
        });
      }
    }
  }
  return out;
}

export function printProfiles(profiles: QueryProfile[]): void {
  const rows = profiles.map((p) => [
    p.name,
    p.dbHits,
    p.rows,
    p.ms,
    p.scans.map((s) => `${s.operator} ${s.details} (${s.rows} rows)`).join('; ') || '',
    p.error ? `FAILED: ${p.error.slice(0, 80)}` : p.scansWhereAnIndexFits.length ? 'CHECK' : '',
  ]);
  process.stdout.write(
    `\n${table(['query', 'db hits', 'rows', 'ms', 'label scans', 'index fits?'], rows)}\n`,
  );
}
