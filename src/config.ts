import path from 'node:path';
import { z } from 'zod';

/** Where the project lives, whether running from src/ (tsx, ts-jest) or dist/. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** The password of the project's own local Neo4j when NEO4J_PASSWORD is not set. Development only. */
export const DEV_PASSWORD = 'stancegraph-dev';

const port = (fallback: number, min = 1) => {
  const what = `must be a port number (${min}-65535)`;
  return z.coerce.number({ error: what }).int(what).min(min, what).max(65535, what).default(fallback);
};

const memory = (fallback: string) =>
  z
    .string()
    .regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 1g')
    .default(fallback);

/** zod's own message ("Invalid option: expected one of …") does not read as a fix after the variable name. */
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

const count = (fallback: number, min: number, max: number) => {
  const what = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: what }).int(what).min(min, what).max(max, what).default(fallback);
};

/** Long enough that guessing is hopeless; the service only ever compares digests of it. */
const token = z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 32`)');

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(
      /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/,
      'must be a bolt:// or neo4j:// URI such as neo4j://127.0.0.1:7687',
    )
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters (Neo4j requires it)')
    .default(DEV_PASSWORD),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9.-]{2,62}$/, 'must be a Neo4j database name')
    .default('neo4j'),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 lets the system pick a free port (tests). */
  PORT: port(4000, 0),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
  NEO4J_BOLT_PORT: port(7687),
  NEO4J_HTTP_PORT: port(7474),
  NEO4J_HEAP: memory('512m'),
  NEO4J_PAGECACHE: memory('256m'),
  NEO4J_DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, '.data', 'neo4j')),
  /** Transaction timeout for every read, in ms. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * How long a write transaction (a load) is retried by the driver after a retryable failure: a restart, a
   * cluster electing a new leader, a deadlock. The driver waits 1, 2, 4 s … between attempts, so 5 s means
   * up to four attempts over ~8 s — inside a loadDocument request's HTTP_REQUEST_TIMEOUT_MS. Batch loads
   * across a longer outage want more (docs/deployment.md). Reads are retried within 1 s regardless.
   */
  NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: count(5_000, 0, 600_000),
  /** Load corpus/ at start-up. */
  LOAD_CORPUS: oneOf(['true', 'false']).default('true'),
  CORPUS_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'corpus')),
  PLAYGROUND: oneOf(['true', 'false']).optional(),
  // Request limits (src/api/security/request-limits.ts); README "Security and limits" explains each.
  GRAPHQL_MAX_DEPTH: count(12, 1, 100),
  GRAPHQL_MAX_ALIASES: count(15, 0, 1_000),
  GRAPHQL_MAX_TOKENS: count(1_000, 10, 100_000),
  GRAPHQL_MAX_DIRECTIVES: count(20, 0, 1_000),
  GRAPHQL_MAX_COST: count(50_000, 1, 10_000_000),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
    .default('1mb'),
  /** Receiving a request, and answering it: every read it makes is held to what is left of this. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** Unset: writes (the loadDocument mutation) are off. */
  STANCEGRAPH_WRITE_TOKEN: token.optional(),
  /** Set: every GraphQL request needs this token or the write token. */
  STANCEGRAPH_READ_TOKEN: token.optional(),
  /** Default: on in production. */
  PERSISTED_QUERIES_ONLY: oneOf(['true', 'false']).optional(),
  /** An existing CoreNLP server for drafts; unset: the project starts its own from tools/corenlp/lib. */
  CORENLP_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'must be an http:// or https:// URL such as http://127.0.0.1:9000')
    .optional(),
  /** Heap of the project's own CoreNLP (docs/nlp-runtime.md: what it uses on the seed). */
  CORENLP_HEAP: memory('4g'),
  /** Set: events (subscriptions) go through Redis pub/sub, shared by every instance; unset: in-process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s/]+/, 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379')
    .optional(),
  // Subscriptions over WebSocket (src/api/subscriptions/websocket.ts); docs/configuration.md explains each.
  SUBSCRIPTIONS_MAX_CONNECTIONS: count(2_000, 0, 1_000_000),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: count(20, 1, 10_000),
  /** A connection with no subscription for this long is closed. */
  SUBSCRIPTIONS_IDLE_TIMEOUT_MS: count(60_000, 1_000, 86_400_000),
  /** The draft's NLP backend. */
  DRAFT_NLP: oneOf(['corenlp', 'compromise']).default('corenlp'),
  // The response cache of GraphQL reads (src/api/cache; docs/performance.md, "Response cache").
  RESPONSE_CACHE: oneOf(['true', 'false']).default('true'),
  RESPONSE_CACHE_MAX_BYTES: z
    .string()
    .regex(/^\d+(b|kb|mb|gb)$/i, 'must be a size such as 64mb or 512kb')
    .default('64mb'),
  /** 0: an answer lives until the next load (or until evicted). */
  RESPONSE_CACHE_TTL_MS: count(0, 0, 86_400_000),
  /** How often the response cache reads the graph's stamp, to notice loads no event announced; 0: never. */
  RESPONSE_CACHE_STAMP_POLL_MS: count(1_000, 0, 3_600_000),
  // Operating it (docs/observability.md): /metrics, per-client rate limits, the proxy in front.
  /** Default: `on` outside production; in production `token` when METRICS_TOKEN is set, else `off`. */
  METRICS: oneOf(['off', 'on', 'token']).optional(),
  /** What a scraper sends as `Authorization: Bearer …` to /metrics when METRICS=token. */
  METRICS_TOKEN: token.optional(),
  /** Requests (reads, and every other /graphql request or subscribe) per client per window; 0: no limit. */
  RATE_LIMIT_READS: count(0, 0, 10_000_000),
  /** Mutations (loadDocument, draftDocument) per client per window, on top of the above; 0: no limit. */
  RATE_LIMIT_WRITES: count(0, 0, 10_000_000),
  RATE_LIMIT_WINDOW_MS: count(60_000, 1_000, 86_400_000),
  /**
   * Express's `trust proxy`: unset, the client's address is the socket's; `true`, a number of hops, or a
   * comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal: X-Forwarded-For is believed
   * from those.
   */
  TRUST_PROXY: z.string().min(1).optional(),
});

export type Config = z.infer<typeof envSchema> & {
  playground: boolean;
  persistedQueriesOnly: boolean;
  /** METRICS with its default applied. */
  metrics: 'off' | 'on' | 'token';
};

/** A size such as "64mb", "100kb" or "512b" in bytes (1 kb = 1,024 bytes). */
export function bytesOf(size: string): number {
  const match = /^(\d+)(b|kb|mb|gb)$/i.exec(size);
  if (!match) throw new ConfigError(`not a size: ${size}`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[
    match[2].toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'
  ];
  return Number(match[1]) * unit;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; the message is one line per bad variable, naming it and what it must be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set": shells and compose files often export VAR= for defaults.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const config = parsed.data;
  if (config.STANCEGRAPH_READ_TOKEN && config.STANCEGRAPH_READ_TOKEN === config.STANCEGRAPH_WRITE_TOKEN) {
    // Otherwise every reader could write.
    throw new ConfigError(
      'invalid configuration: STANCEGRAPH_READ_TOKEN must differ from STANCEGRAPH_WRITE_TOKEN',
    );
  }
  const production = config.NODE_ENV === 'production';
  const playground = config.PLAYGROUND ? config.PLAYGROUND === 'true' : !production;
  const persistedQueriesOnly = config.PERSISTED_QUERIES_ONLY
    ? config.PERSISTED_QUERIES_ONLY === 'true'
    : production;
  const metrics = config.METRICS ?? (!production ? 'on' : config.METRICS_TOKEN ? 'token' : 'off');
  if (metrics === 'token' && !config.METRICS_TOKEN) {
    throw new ConfigError('invalid configuration: METRICS=token needs METRICS_TOKEN');
  }
  if (
    config.METRICS_TOKEN &&
    [config.STANCEGRAPH_READ_TOKEN, config.STANCEGRAPH_WRITE_TOKEN].includes(config.METRICS_TOKEN)
  ) {
    // A scraper's credential must not read or write the graph.
    throw new ConfigError(
      'invalid configuration: METRICS_TOKEN must differ from STANCEGRAPH_READ_TOKEN and STANCEGRAPH_WRITE_TOKEN',
    );
  }
  return { ...config, playground, persistedQueriesOnly, metrics };
}
