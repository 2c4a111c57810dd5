import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Which process listens on a local TCP port, from /proc (Linux): the benchmark reports the memory of the
 * NLP server whether it started it or found it at CORENLP_URL, and ensureCoreNlp gives a URL, not a pid.
 */

const LISTEN = '0A';

/** Socket inodes listening on `port` in a /proc/net/tcp or tcp6 table. */
export function listeningInodes(table: string, port: number): string[] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length > 9 && f[3] === LISTEN && parseInt(f[1].split(':').pop() ?? '', 16) === port)
    .map((f) => f[9]);
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** The pid of the process listening on 127.0.0.1/any address at `port`; undefined when none is visible. */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((f) => listeningInodes(read(f), port))
      .filter((i) => i !== '0'),
  );
  if (!inodes.size) return undefined;
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
