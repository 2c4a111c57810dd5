import pino, { DestinationStream, Logger } from 'pino';

export type { Logger };

/**
 * Never logged, wherever they turn up in a logged object: tokens and the variables of an operation. The
 * request lines (src/api/observability/requests.ts) carry neither; this is the net under them.
 */
const REDACTED = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'token',
  '*.token',
  'variables',
  '*.variables',
];

/** JSON lines on stdout, or on `destination` (tests read what a service logs). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { name: 'stancegraph', level, base: undefined, redact: { paths: REDACTED, remove: true } };
  return destination ? pino(options, destination) : pino(options);
}
