/**
 * Measures the local CoreNLP on a corpus article: time to /ready, the first parse (models load), warm parses
 * (wall time, and the JVM's CPU time, which a busy machine disturbs less), and the JVM's peak resident
 * memory (VmHWM). docs/nlp-runtime.md quotes its output.
 *
 *   npx tsx tools/corenlp-measure.ts [--heap 4g] [--runs 3] [--doc trump-putin-call-energy-ceasefire]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { CoreNlpBackend } from '../src/draft/nlp/corenlp';
import { peakRss, startLocalCoreNlp } from '../src/runtime/corenlp-server';

/** CPU time (user + system) the process has used, in ms (Linux clock ticks are 1/100 s). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const heap = option('heap', '4g');
  const runs = Number(option('runs', '3'));
  const doc = option('doc', 'trump-putin-call-energy-ceasefire');
  const text = readFileSync(path.join(REPO_ROOT, 'corpus', doc, 'article.txt'), 'utf8');
  const words = text.split(/\s+/).filter(Boolean).length;
  const started = Date.now();
  const corenlp = await startLocalCoreNlp({ heap, log: (line) => console.error(`[corenlp] ${line}`) });
  const readyMs = Date.now() - started;
  try {
    const backend = new CoreNlpBackend({ url: corenlp.url, timeoutMs: 600_000 });
    const times: number[] = [];
    const cpu: number[] = [];
    let sentences = 0;
    for (let i = 0; i <= runs; i++) {
      const [t0, c0] = [performance.now(), cpuMs(corenlp.pid)];
      const parsed = await backend.parse(text, '2025-03-18');
      times.push(Math.round(performance.now() - t0));
      cpu.push(cpuMs(corenlp.pid) - c0);
      sentences = parsed.sentences.length;
    }
    const warm = times.slice(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const mib = (peakRss(corenlp.pid) ?? 0) / 2 ** 20;
    console.log(
      JSON.stringify({
        doc,
        words,
        sentences,
        heap,
        readyMs,
        firstParseMs: times[0],
        warmParseMs: warm,
        warmMedianMs: median(warm),
        firstParseCpuMs: cpu[0],
        warmCpuMs: cpu.slice(1),
        warmMedianCpuMs: median(cpu.slice(1)),
        peakRssMiB: Math.round(mib),
      }),
    );
  } finally {
    await corenlp.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
