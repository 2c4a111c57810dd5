/**
 * Entity.relations and a condition's `for`/`conditionFor` before and after their cap in the Cypher, side by
 * side on one running Neo4j (a bulk-loaded 10⁶ graph, say). relations.cypher: the before text (every fact
 * around the entity, each with all its evidence and sentences) and the after text asked for the default 20
 * and for 0 (relationsCount alone), for the entities with most facts. conditions.cypher: the before text
 * (every CONDITION_FOR fact of each condition of the page) and the after text at the default 5, at 20 and
 * at 0 (neither `for` nor `conditionFor` asked), for the page holding the condition with most of them. For each:
 * PROFILE db hits, answer bytes (the rows as JSON), facts sent, and whether the after answer is the before
 * answer's first facts in the stated order with the before list's length as its count; then, in rounds
 * alternating the order, wall time and Neo4j's CPU (from /proc/NEO4J_PID/stat) per run. Writes
 * bench/results/nested-caps-ab-<date>.json.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/nested-caps-ab.ts --before <dir> [--rounds 4]
 *
 * <dir> holds the before texts: `git show <commit>:cypher/queries/<name>.cypher > <dir>/<name>.cypher` for
 * relations and conditions.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { LIMITS } from '../src/api/argument-limits';
import { cypherFile } from '../src/cypher';
import { REPO_ROOT } from '../src/config';
import { toCypherParams } from '../src/db/query';
import { scopeParams } from '../src/graph/scope';
import { measuredNeo4j } from './lib/neo4j';
import { cpuMs } from './lib/proc';
import { median, round, writeAbResult } from './lib/report';

const log = (line: string) => process.stderr.write(`[nested-caps-ab] ${line}\n`);
const json = (v: unknown) => JSON.stringify(v);
type Fact = {
  type: string;
  about: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The stated order of Entity.relations: type, start name, end name, start id, end id, about. */
const factOrder = (a: Fact, b: Fact) =>
  cmp(a.type, b.type) ||
  cmp(a.from.name, b.from.name) ||
  cmp(a.to.name, b.to.name) ||
  cmp(a.from.id, b.from.id) ||
  cmp(a.to.id, b.to.id) ||
  cmp(a.about ?? '', b.about ?? '');
/** The stated order of a condition's `for`: the end's name, id, about. */
const forOrder = (a: Fact, b: Fact) =>
  cmp(a.to.name, b.to.name) || cmp(a.to.id, b.to.id) || cmp(a.about ?? '', b.about ?? '');

/** The facts each answer holds, as lists: [before's list, after's list, after's count]. */
type Lists = (rows: Record<string, unknown>[]) => { facts: Fact[]; count?: number }[];
const relationLists: Lists = (rows) =>
  rows.some((r) => 'relation' in r)
    ? [{ facts: rows.map((r) => r.relation as Fact) }]
    : rows.map((r) => {
        const page = r.page as { count: number; relations: Fact[] };
        return { facts: page.relations, count: page.count };
      });
const conditionLists: Lists = (rows) =>
  rows.map((r) => {
    const c = r.condition as { conditionFor: Fact[]; forCount?: number };
    return { facts: c.conditionFor, count: c.forCount };
  });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { before: { type: 'string' }, rounds: { type: 'string', default: '4' } },
  });
  if (!values.before) throw new Error('--before <dir> names the folder of the before texts');
  const rounds = Number(values.rounds);
  const { driver, pid } = measuredNeo4j();
  const read = async (text: string, params: Record<string, unknown>) =>
    (
      await driver.executeQuery(text, toCypherParams(params) as Record<string, unknown>, {
        routing: neo4j.routing.READ,
      })
    ).records.map((r) => r.toObject());
  const scope = scopeParams();
  const hubs = await read(
    `MATCH (e:Entity) WITH e, COUNT { (e)-[r]-(:Entity) WHERE type(r) <> 'STANCE' AND r.docIds IS NOT NULL } AS n
     RETURN e.id AS id, n ORDER BY n DESC, id LIMIT 2`,
    {},
  );
  const [cond] = await read(
    `MATCH (c:Condition) WITH c, COUNT { (c)-[:CONDITION_FOR]->() } AS n
     RETURN c.id AS id, c.name AS name, n ORDER BY n DESC, id LIMIT 1`,
    {},
  );
  // The page of conditions that starts with the one with most facts (the cursor just before it).
  const [previous] = await read(
    `MATCH (c:Condition) WHERE c.name < $name OR (c.name = $name AND c.id < $id)
     RETURN c.name AS name, c.id AS id ORDER BY c.name DESC, c.id DESC LIMIT 1`,
    { name: cond.name, id: cond.id },
  );
  const text = (dir: string, name: string) => cypherFile(path.join(dir, `${name}.cypher`));
  const now = path.join(REPO_ROOT, 'cypher/queries');
  const cases = [
    ...hubs.map((h) => ({
      subject: `relations of ${h.id} (${h.n} facts)`,
      lists: relationLists,
      order: factOrder,
      first: 20,
      variants: {
        before: {
          text: text(values.before!, 'relations'),
          params: { ids: [h.id], types: null, direction: 'BOTH', ...scope },
        },
        after: {
          text: text(now, 'relations'),
          params: { ids: [h.id], types: null, direction: 'BOTH', first: 20, ...scope },
        },
        'after, count alone': {
          text: text(now, 'relations'),
          params: { ids: [h.id], types: null, direction: 'BOTH', first: 0, ...scope },
        },
      },
    })),
    {
      subject: `conditions page from ${cond.id} (${cond.n} CONDITION_FOR facts)`,
      lists: conditionLists,
      order: forOrder,
      first: LIMITS.conditionFor.default,
      variants: Object.fromEntries(
        (
          [
            ['before', values.before!, null],
            ['after', now, LIMITS.conditionFor.default],
            ['after, first 20', now, 20],
            ['after, neither asked', now, 0],
          ] as const
        ).map(([label, dir, forFirst]) => [
          label,
          {
            text: text(dir, 'conditions'),
            params: {
              forId: null,
              first: 20,
              forFirst,
              afterName: previous?.name ?? null,
              afterId: previous?.id ?? null,
              ...scope,
            },
          },
        ]),
      ),
    },
  ];
  const results = [];
  for (const c of cases) {
    log(c.subject);
    const answers: Record<string, ReturnType<Lists>> = {};
    const profiles: Record<string, unknown> = {};
    for (const [label, v] of Object.entries(c.variants)) {
      const rows = await read(v.text, v.params);
      answers[label] = c.lists(rows);
      const profiled = await driver.executeQuery(
        `PROFILE ${v.text}`,
        toCypherParams(v.params) as Record<string, unknown>,
      );
      let hits = 0;
      const walk = (p: { dbHits: number; children: unknown[] }) => {
        hits += Number(p.dbHits);
        p.children.forEach((ch) => walk(ch as typeof p));
      };
      walk(profiled.summary.profile as never);
      profiles[label] = {
        dbHits: hits,
        bytes: json(rows).length,
        factsSent: answers[label].reduce((n, l) => n + l.facts.length, 0),
      };
    }
    // The after answer is the before answer sorted and cut, with the before list's length as its count.
    const problems: string[] = [];
    const before = answers.before;
    answers.after.forEach((list, i) => {
      const all = [...before[i].facts].sort(c.order);
      if (list.count !== all.length) problems.push(`list ${i}: count ${list.count} of ${all.length}`);
      const key = (f: Fact) => json([f.type, f.from.id, f.to.id, f.about ?? ''] as const);
      if (json(list.facts.map(key)) !== json(all.slice(0, c.first).map(key)))
        problems.push(`list ${i}: page`);
    });
    const timing: Record<string, { ms: number[]; neo4jCpuMs: number[] }> = {};
    const labels = Object.keys(c.variants);
    for (let round_ = 0; round_ < rounds; round_++) {
      for (const label of round_ % 2 ? [...labels].reverse() : labels) {
        const v = c.variants[label as keyof typeof c.variants];
        const cpu0 = cpuMs(pid);
        const t0 = process.hrtime.bigint();
        await read(v.text, v.params);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const cpu1 = cpuMs(pid);
        const t = (timing[label] ??= { ms: [], neo4jCpuMs: [] });
        t.ms.push(round(ms, 1));
        if (cpu0 !== undefined && cpu1 !== undefined) t.neo4jCpuMs.push(cpu1 - cpu0);
      }
    }
    const measured = Object.fromEntries(
      labels.map((l) => [
        l,
        {
          ...(profiles[l] as object),
          medianMs: median(timing[l].ms),
          medianNeo4jCpuMs: timing[l].neo4jCpuMs.length ? median(timing[l].neo4jCpuMs) : null,
          runs: timing[l],
        },
      ]),
    );
    log(
      `${c.subject}: ${json(Object.fromEntries(labels.map((l) => [l, profiles[l]])))} ${problems.join('; ') || 'after = before cut'}`,
    );
    results.push({ subject: c.subject, afterIsBeforeCut: problems.length === 0, problems, measured });
  }
  await driver.close();
  const file = writeAbResult('nested-caps-ab', {
    command: `NEO4J_URI=… NEO4J_PASSWORD=… NEO4J_PID=… npx tsx bench/nested-caps-ab.ts --before <dir> --rounds ${rounds}`,
    results,
  });
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
