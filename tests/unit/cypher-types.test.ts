import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR } from '../../src/cypher';
import { factsStatement } from '../../src/ingest/facts';
import { FACT_TYPE_NAMES } from '../../src/domain/vocabulary';

/**
 * Traversals between entities name the relationship types they follow (so that Neo4j never scans a hub's
 * mentions, claims or documents): every such list must be STANCE plus every fact type of the model.
 */
describe('entity-to-entity relationship types in the Cypher files', () => {
  const expected = ['STANCE', ...FACT_TYPE_NAMES].sort();
  it.each(['queries/neighborhood', 'queries/path', 'queries/overview', 'ingest/13-stance-aggregates'])(
    '%s.cypher names STANCE and every fact type',
    (name) => {
      const text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
      const lists = [...text.matchAll(/\[\w*:(STANCE(?:\|[A-Z_]+)+)\]/g)].map((m) => m[1].split('|').sort());
      expect(lists.length).toBeGreaterThan(0);
      for (const list of lists) expect(list).toEqual(expected);
    },
  );
});

describe('the fact statement (src/ingest/facts.ts factsStatement)', () => {
  const text = factsStatement();
  it('has one branch per fact type, which takes the rows of that type and writes the type into its MERGE', () => {
    for (const type of FACT_TYPE_NAMES) {
      const branch = text.match(new RegExp(`WHERE row\\.type = '${type}'\\n\\s*MERGE \\(a\\)-\\[r:(\\w+) `));
      expect(branch?.[1]).toBe(type);
    }
    expect(text.match(/\bMERGE \(a\)-\[r:/g)).toHaveLength(FACT_TYPE_NAMES.length);
    expect(text.match(/\bUNION ALL\b/g)).toHaveLength(FACT_TYPE_NAMES.length - 1);
    expect(text).not.toContain('$(row.type)');
  });
  it('is one statement whatever the rows: built once from the file', () => {
    expect(factsStatement()).toBe(text);
  });
});

/**
 * minConfidence and methods travel with the scope (src/graph/scope.ts scopeParams): a scoped query that
 * ignored them would answer as if they had not been asked. Every query that takes the scope must use them.
 */
describe('scoped queries apply minConfidence and methods', () => {
  const scoped = readdirSync(path.join(CYPHER_DIR, 'queries'))
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => [f, readFileSync(path.join(CYPHER_DIR, 'queries', f), 'utf8')] as const)
    .filter(([, text]) => text.includes('$scopeDocuments'));

  it('there are scoped queries', () => expect(scoped.length).toBeGreaterThan(8));
  it.each(scoped)('%s uses $scopeMinConfidence and $scopeMethods', (_file, text) => {
    const statement = text.replace(/^\s*\/\/.*$/gm, '');
    expect(statement).toContain('$scopeMinConfidence');
    expect(statement).toContain('$scopeMethods');
  });
});
