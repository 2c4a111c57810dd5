import pino from 'pino';
import { Logger } from '../../src/logger';
import { RunningRedis, startLocalRedis } from '../../src/runtime/redis-server';

/**
 * Redis for the live tests that need one: each such file starts its own redis-server in beforeAll (about
 * 60-90 ms and 12 MB here, so no globalSetup for it), because the outage tests stop and restart theirs.
 */
export function startTestRedis(port?: number): Promise<RunningRedis> {
  return startLocalRedis({
    port,
    log: (line) => {
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(`[test redis] ${line}\n`);
    },
  });
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines (parsed) are kept in `lines`, for tests that check what was logged. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    {
      write: (line: string) => lines.push(JSON.parse(line) as LogLine),
    },
  );
  return { logger, lines };
}

/** Waits until `check` holds, polling; the test's own timeout bounds the wait (no timed assertion). */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 25): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, everyMs));
}
