import { loadConfig } from '../../src/config';
import { CompromiseBackend } from '../../src/draft/nlp/compromise';
import { CoreNlpBackend } from '../../src/draft/nlp/corenlp';
import type { NlpBackend } from '../../src/draft/types';
import { ensureCoreNlp } from '../../src/runtime/corenlp-server';
import { pidListeningOn } from './listener';
import { memoryMb } from './proc';

/** The NLP backends npm run bench:draft compares, opened as npm run draft opens them. */

export const BACKENDS = ['corenlp', 'compromise'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface OpenBackend {
  name: BackendName;
  nlp: NlpBackend;
  /** CoreNLP's server (its URL, and whether it was already running at CORENLP_URL). */
  server?: { url: string; external: boolean };
  /** The memory the backend costs: the CoreNLP server's own process, or this process for a library. */
  memory(): BackendMemory;
  release(): Promise<void>;
}

export interface BackendMemory {
  /** Whose memory: 'corenlp-server' (pid) or 'this-process' (compromise runs in-process). */
  process: string;
  pid: number | null;
  rssMb: number | null;
  /** VmHWM: the peak resident set since the process started (for a server found running, before this run too). */
  peakRssMb: number | null;
}

const mb = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : Math.round(n));

export async function openBackend(name: BackendName, log: (line: string) => void): Promise<OpenBackend> {
  if (name === 'compromise') {
    return {
      name,
      nlp: new CompromiseBackend(),
      memory: () => {
        const m = memoryMb('self');
        return { process: 'this-process', pid: process.pid, rssMb: mb(m?.rss), peakRssMb: mb(m?.peakRss) };
      },
      release: async () => {},
    };
  }
  const config = loadConfig(process.env);
  const server = await ensureCoreNlp(config, log);
  const pid = pidListeningOn(Number(new URL(server.url).port));
  if (pid === undefined) log(`no visible process listens at ${server.url}: its memory is not reported`);
  return {
    name,
    // A long article takes CoreNLP a while on its first request (models load): the bench waits for it.
    nlp: new CoreNlpBackend({ url: server.url, timeoutMs: 300_000 }),
    server: { url: server.url, external: Boolean(process.env.CORENLP_URL) },
    memory: () => {
      const m = pid === undefined ? undefined : memoryMb(pid);
      return { process: 'corenlp-server', pid: pid ?? null, rssMb: mb(m?.rss), peakRssMb: mb(m?.peakRss) };
    },
    release: () => server.release(),
  };
}
