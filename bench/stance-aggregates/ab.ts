// Scratch tool of issue 17 (part aggr), kept for the baseline's commands: A/B of two named-query texts against
// the running Neo4j of keep-bulk.ts ($NEO_JSON, default /tmp/aggr-tmp/neo.json): answers compared, p50 of N
// runs interleaved (ABBA), Neo4j CPU per run (/proc/<pid>/stat), PROFILE db hits and the scans it plans.
import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
const c = JSON.parse(readFileSync(process.env.NEO_JSON ?? '/tmp/aggr-tmp/neo.json', 'utf8'));
interface Plan {
  dbHits: number;
  rows: number;
  operatorType: string;
  arguments: Record<string, unknown>;
  children: Plan[];
}
const cpu = () => {
  const f = readFileSync(`/proc/${c.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // ms (USER_HZ 100)
};
async function main() {
  const d = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password), { disableLosslessIntegers: true });
  const [label, fileA, fileB, paramsText, nText] = process.argv.slice(2);
  const params = JSON.parse(paramsText, (_k, v) =>
    typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v,
  );
  const n = Number(nText ?? 20);
  const texts = [readFileSync(fileA, 'utf8'), readFileSync(fileB, 'utf8')];
  const times: number[][] = [[], []];
  const cpus = [0, 0];
  const answers: string[] = [];
  for (const [i, t] of texts.entries()) {
    for (let k = 0; k < 3; k++) await d.executeQuery(t, params);
    const r = await d.executeQuery(t, params);
    answers[i] = JSON.stringify(r.records.map((x) => x.toObject()));
  }
  for (let k = 0; k < n; k++)
    for (const [i, t] of k % 2 ? [...texts.entries()].reverse() : [...texts.entries()]) {
      const c0 = cpu();
      const t0 = performance.now();
      await d.executeQuery(t, params);
      times[i].push(performance.now() - t0);
      cpus[i] += cpu() - c0;
    }
  const prof = async (t: string) => {
    const p = await d.executeQuery('PROFILE ' + t, params);
    let s = 0;
    const scans: string[] = [];
    const w = (x: Plan) => {
      s += x.dbHits;
      const op = x.operatorType.replace(/@.*$/, '');
      if (/Scan$/.test(op) && !/Index/.test(op))
        scans.push(`${op} ${String(x.arguments.Details ?? '')} rows=${x.rows}`);
      x.children.forEach(w);
    };
    w(p.summary.profile as unknown as Plan);
    return { dbHits: s, scans };
  };
  const p50 = (a: number[]) => {
    const s = [...a].sort((x, y) => x - y);
    return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
  };
  const arm = async (i: number, file: string) => ({
    file,
    p50ms: p50(times[i]),
    neo4jCpuMsPerRun: Math.round((cpus[i] / n) * 100) / 100,
    ...(await prof(texts[i])),
    bytes: answers[i].length,
  });
  const out = {
    query: label,
    params: JSON.parse(paramsText),
    runs: n,
    before: await arm(0, fileA),
    after: await arm(1, fileB),
    sameAnswer: answers[0] === answers[1],
  };
  console.log(JSON.stringify(out));
  if (process.env.SHOW) console.log(answers[0].slice(0, 1500), '\n', answers[1].slice(0, 1500));
  await d.close();
}
main();
