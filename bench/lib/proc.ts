import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';

let ticksPerSecond: number | undefined;

/** USER_HZ: /proc reports CPU time in these ticks (100 on every Linux we run on, but asked, not assumed). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; undefined if gone. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** CPU time every process of the machine has used so far, in ms, from /proc/stat (noise accounting). */
export function machineCpuMs(): number | undefined {
  try {
    const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** Resident set size now and at its peak (VmHWM), in MB, from /proc/<pid>/status. */
export function memoryMb(pid: number | 'self' = 'self'): { rss: number; peakRss: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peakRss: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  loadAverage: number[];
  os: string;
}

export function machine(): Machine {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${os.type()} ${os.release()}`,
  };
}

/** Installed versions of the packages a benchmark exercises. */
export function packageVersions(names: string[]): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const name of names) {
    try {
      const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
      out[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

/** ISO date of today and a file-safe timestamp, for result file names. */
export function stamp(): { date: string; time: string } {
  const now = new Date();
  return { date: now.toISOString().slice(0, 10), time: now.toISOString() };
}
