import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where src/ touches neo4j-driver's sessions and transactions, read from the source. Every read must run as
 * READ and every write through the driver's retried executeWrite (docs/deployment.md); src/db/database.ts
 * is the one place that opens sessions, so that its rules hold for all. A new call site elsewhere — a store
 * opening its own session, an executeQuery without routing, an explicit transaction — fails here before it
 * can route a read to a cluster's leader or leave a write unretried. tests/integration/cluster-ready.test.ts
 * checks the modes the driver actually gives each transaction.
 */
const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // The browser pages never reach the database (layering).
    if (entry.isDirectory()) return entry.name === 'web' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Site {
  file: string;
  line: number;
  call: string;
  /** The call's text up to its closing parenthesis (arguments included), for its options. */
  text: string;
}

/** Calls of `name(` in src/, with their argument text (balanced parentheses). */
function callSites(name: RegExp): Site[] {
  return sources(SRC).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const sites: Site[] = [];
    for (const match of source.matchAll(new RegExp(`${name.source}\\(`, 'g'))) {
      let depth = 0;
      let end = match.index + match[0].length - 1;
      for (; end < source.length; end++) {
        if (source[end] === '(') depth++;
        else if (source[end] === ')' && --depth === 0) break;
      }
      sites.push({
        file: path.relative(SRC, file),
        line: source.slice(0, match.index).split('\n').length,
        call: match[0].slice(0, -1),
        text: source.slice(match.index, end + 1),
      });
    }
    return sites;
  });
}

const where = (sites: Site[]) => sites.map((s) => `${s.file}:${s.line} ${s.call}`);

describe('neo4j-driver call sites in src/', () => {
  it('drivers are created only by the Database and by the start-up probe of the local Neo4j', () => {
    expect(where(callSites(/\bneo4j\.driver/)).map((s) => s.replace(/:\d+/, ''))).toEqual([
      'db/database.ts neo4j.driver',
      'runtime/neo4j-server.ts neo4j.driver',
    ]);
  });

  it('sessions are opened only in src/db/database.ts, each with its access mode', () => {
    const sessions = callSites(/\.session/);
    expect([...new Set(sessions.map((s) => s.file))]).toEqual(['db/database.ts']);
    expect(where(sessions.filter((s) => !/defaultAccessMode:/.test(s.text)))).toEqual([]);
  });

  it('no explicit transactions: writes go through executeWrite, which the driver retries', () => {
    expect(where(callSites(/\.beginTransaction/))).toEqual([]);
    expect(where(callSites(/\.executeWrite/)).map((s) => s.replace(/:\d+/, ''))).toEqual([
      'db/database.ts .executeWrite',
    ]);
  });

  it('auto-commit statements run only in src/db (the read path’s READ sessions, and the one batched write)', () => {
    const runs = callSites(/\bsession\.run(?:<\w+>)?/);
    expect([...new Set(runs.map((s) => s.file))].sort()).toEqual(['db/database.ts', 'db/reads.ts']);
    const database = readFileSync(path.join(SRC, 'db/database.ts'), 'utf8');
    const reads = readFileSync(path.join(SRC, 'db/reads.ts'), 'utf8');
    // The read path (src/db/reads.ts) runs in sessions it is given, and the Database gives it READ ones;
    // the one auto-commit write is writeAutoCommit's.
    expect(reads).toMatch(/autoCommitRead<T[^]*?sessions\.openRead\(\)[^]*?runWithoutStack<T>\(session/);
    expect(reads).toMatch(/function runWithoutStack<T[^]*?session\.run<T>/);
    expect(database).toMatch(/openRead: \(\) => this\.openSession\(neo4j\.session\.READ\)/);
    expect(database.match(/openSession\(neo4j\.session\.READ\)/g)).toHaveLength(1);
    expect(database.match(/openSession\(neo4j\.session\.WRITE\)/g)).toHaveLength(2);
  });

  it('every executeQuery says how it is routed', () => {
    const queries = callSites(/\.executeQuery/);
    expect(where(queries.filter((s) => !/routing:\s*neo4j\.routing\.(READ|WRITE)/.test(s.text)))).toEqual([]);
  });

  it('nothing outside src/db reaches for the Database’s driver', () => {
    expect(where(callSites(/\.driver\.\w+/).filter((s) => !s.file.startsWith('db/')))).toEqual([]);
  });
});
