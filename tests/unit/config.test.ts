import { ConfigError, loadConfig } from '../../src/config';

/** The error loadConfig throws for env, or a failure naming what it returned instead. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  let config: unknown;
  try {
    config = loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)} and returned ${JSON.stringify(config)}`);
}

describe('loadConfig', () => {
  it('defaults the database, host and port', () => {
    const config = loadConfig({});
    expect(config.NEO4J_DATABASE).toBe('neo4j');
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(4000);
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it('takes valid values as given', () => {
    const config = loadConfig({
      PORT: '8080',
      NEO4J_URI: 'neo4j+s://db.example.org:7687',
      LOG_LEVEL: 'debug',
    });
    expect(config.PORT).toBe(8080);
    expect(config.NEO4J_URI).toBe('neo4j+s://db.example.org:7687');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('defaults the draft to the project’s own CoreNLP with a 4g heap', () => {
    const config = loadConfig({});
    expect([config.CORENLP_URL, config.CORENLP_HEAP, config.DRAFT_NLP]).toEqual([undefined, '4g', 'corenlp']);
    expect(loadConfig({ CORENLP_URL: 'http://127.0.0.1:9000', DRAFT_NLP: 'compromise' })).toMatchObject({
      CORENLP_URL: 'http://127.0.0.1:9000',
      DRAFT_NLP: 'compromise',
    });
  });

  it('takes REDIS_URL (events across instances) when set, in-process events otherwise', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379' }).REDIS_URL).toBe('redis://redis:6379');
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@cache.example.org:6380/2' }).REDIS_URL).toBe(
      'rediss://user:secret@cache.example.org:6380/2',
    );
  });

  it('takes both URI schemes; retries writes for 5 s unless NEO4J_MAX_TRANSACTION_RETRY_TIME_MS says otherwise', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687' }).NEO4J_URI).toBe('bolt://127.0.0.1:7687');
    expect(loadConfig({ NEO4J_URI: 'neo4j://core1.example:7687' }).NEO4J_URI).toBe(
      'neo4j://core1.example:7687',
    );
    expect(loadConfig({}).NEO4J_MAX_TRANSACTION_RETRY_TIME_MS).toBe(5_000);
    expect(
      loadConfig({ NEO4J_MAX_TRANSACTION_RETRY_TIME_MS: '30000' }).NEO4J_MAX_TRANSACTION_RETRY_TIME_MS,
    ).toBe(30_000);
  });

  it('lets PORT=0 pick a free port', () => {
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '', NEO4J_URI: '', NEO4J_DATABASE: '', LOG_LEVEL: '' });
    expect(config.PORT).toBe(4000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.NEO4J_DATABASE).toBe('neo4j');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it.each([
    ['PORT', 'abc', /must be a port number \(0-65535\)/],
    ['PORT', '70000', /must be a port number \(0-65535\)/],
    ['NEO4J_BOLT_PORT', '0', /must be a port number \(1-65535\)/],
    ['NEO4J_URI', 'http://x', /must be a bolt:\/\/ or neo4j:\/\/ URI/],
    ['NEO4J_MAX_TRANSACTION_RETRY_TIME_MS', '-1', /must be a whole number from 0 to 600000/],
    ['LOG_LEVEL', 'loud', /must be one of fatal, error, warn, info, debug, trace, silent/],
    ['CORENLP_URL', 'bolt://127.0.0.1:9000', /must be an http:\/\/ or https:\/\/ URL/],
    ['CORENLP_HEAP', 'lots', /must be a size such as 512m or 1g/],
    ['DRAFT_NLP', 'spacy', /must be one of corenlp, compromise/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', '127.0.0.1:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('rejects %s=%s with one line naming the variable and what it must be', (name, value, mustBe) => {
    const { message } = configError({ [name]: value });
    expect(message).not.toContain('\n');
    expect(message).toContain(`${name}="${value}"`);
    expect(message).toMatch(mustBe);
  });

  it('gives one line per bad variable', () => {
    const lines = configError({ PORT: 'abc', NEO4J_URI: 'http://x' }).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes('PORT='))).toBe(true);
    expect(lines.some((l) => l.includes('NEO4J_URI='))).toBe(true);
  });
});
