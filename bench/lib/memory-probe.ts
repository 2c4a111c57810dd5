import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`--import`) into a service process a benchmark starts with `--expose-gc`: on SIGUSR2 it runs a
 * full garbage collection and writes process.memoryUsage() (bytes) as JSON to BENCH_MEMORY_FILE, so that a
 * before/after comparison counts what is kept, not garbage that happened not to be collected yet. The
 * service itself knows nothing of it.
 */
const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
