import pino, { Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ name: 'stancegraph', level, base: undefined });
}
