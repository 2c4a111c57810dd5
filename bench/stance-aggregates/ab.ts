// Scratch tool of issue 17 (part aggr), kept for the baseline's commands: A/B of named-query texts against the running Neo4j: p50 of N runs interleaved, and PROFILE db hits.
import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
const c = JSON.parse(readFileSync('/tmp/aggr-tmp/neo.json', 'utf8'));
interface Plan {
  dbHits: number;
  children: Plan[];
}

async function main() {
  const d = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password), { disableLosslessIntegers: true });
  const [label, fileA, fileB, paramsText, nText] = process.argv.slice(2);
  const params = JSON.parse(paramsText, (_k, v) =>
    typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v,
  );
  const n = Number(nText ?? 20);
  const texts = [readFileSync(fileA, 'utf8'), readFileSync(fileB, 'utf8')];
  const times: number[][] = [[], []];
  const answers: string[] = [];
  for (const [i, t] of texts.entries()) {
    for (let k = 0; k < 3; k++) await d.executeQuery(t, params);
    const r = await d.executeQuery(t, params);
    answers[i] = JSON.stringify(r.records.map((x) => x.toObject()));
  }
  for (let k = 0; k < n; k++)
    for (const [i, t] of texts.entries()) {
      const t0 = performance.now();
      await d.executeQuery(t, params);
      times[i].push(performance.now() - t0);
    }
  const hits = async (t: string) => {
    const p = await d.executeQuery('PROFILE ' + t, params);
    let s = 0;
    const w = (x: Plan) => {
      s += x.dbHits;
      x.children.forEach(w);
    };
    w(p.summary.profile as unknown as Plan);
    return s;
  };
  const p50 = (a: number[]) => {
    const s = [...a].sort((x, y) => x - y);
    return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
  };
  const out = {
    query: label,
    params: JSON.parse(paramsText),
    runs: n,
    before: { file: fileA, p50ms: p50(times[0]), dbHits: await hits(texts[0]), bytes: answers[0].length },
    after: { file: fileB, p50ms: p50(times[1]), dbHits: await hits(texts[1]), bytes: answers[1].length },
    sameAnswer: answers[0] === answers[1],
  };
  console.log(JSON.stringify(out));
  await d.close();
}
main();
