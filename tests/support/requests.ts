import { cypherFolder } from '../../src/cypher';
import { loadConfig } from '../../src/config';
import { Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { Service, startService } from '../../src/server';
import { readHarnessState } from './harness';

export interface Answer {
  status: number;
  ms: number;
  text: string;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  } & Record<string, unknown>;
}

/** A raw HTTP request with its time; the body is parsed when it is JSON and kept as text either way. */
export async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // not JSON: the assertions on `text` say so
  }
  return { status: res.status, ms, text, headers: res.headers, body };
}

export function postJson(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

/** Stack frames, the service's file paths, Neo4j's own error codes. */
const INTERNALS =
  /\n\s+at |\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d+|Neo\.(ClientError|TransientError|DatabaseError)/;

/**
 * Lines of the service's own Cypher (long enough to be distinctive). A client's input echoed in a message
 * ("no entity named …MATCH (n)…") is not a leak; a line of our statements is.
 */
const CYPHER_LINES = [...cypherFolder('queries'), ...cypherFolder('ingest'), ...cypherFolder('schema')]
  .flatMap((s) => s.text.split('\n'))
  .map((line) => line.trim())
  .filter((line) => line.length >= 24);

/** What in a response body should never be there, or undefined. */
export function leakIn(text: string): string | undefined {
  const internal = INTERNALS.exec(text);
  if (internal) return internal[0];
  const unescaped = text.replace(/\\"/g, '"').replace(/\\n/g, '\n');
  return CYPHER_LINES.find((line) => unescaped.includes(line));
}

/** A refusal: the status, a JSON errors list whose first error has the code, and nothing leaked. */
export function expectRefusal(answer: Answer, status: number, code: string): void {
  const detail = `${answer.status} ${answer.text.slice(0, 500)}`;
  expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, detail }).toEqual({
    status,
    code,
    detail,
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof answer.body.errors?.[0]?.message).toBe('string');
  expect(leakIn(answer.text)).toBeUndefined();
  expect(answer.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
}

export interface ExtraService {
  url: string;
  graphql: string;
  service: Service;
  close(): Promise<void>;
}

/**
 * Another service over the harness database with its own configuration, without reloading the corpus:
 * for the settings a test file needs besides its main service (tokens, production mode).
 */
export async function startServiceWith(db: Database, env: Record<string, string>): Promise<ExtraService> {
  const { uri, password, corenlpUrl } = readHarnessState();
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_PASSWORD: password,
    CORENLP_URL: corenlpUrl,
    PORT: '0',
    PLAYGROUND: 'false',
    // Off unless a test asks for it: most tests count the Cypher each request sends, which a cached
    // answer does not send (tests/e2e/response-cache*.test.ts turn it on).
    RESPONSE_CACHE: 'false',
    // Polling the graph's stamp would empty a cache on its own schedule; the test that needs it sets it.
    RESPONSE_CACHE_STAMP_POLL_MS: '0',
    ...env,
  });
  const service = await startService({
    config,
    db,
    logger: createLogger('silent'),
  });
  return {
    url: service.url,
    graphql: `${service.url}/graphql`,
    service,
    close: () => service.close(),
  };
}
