import { ConfigError } from '../config';
import type { Logger } from '../logger';
import type { SharedEventTarget } from './bus';

/**
 * PLACEHOLDER until the Redis part of issue 16 lands (its helper owns this file): the Redis event target
 * (@graphql-yoga/redis-event-target over ioredis), with its health and its shutdown. Called only when
 * REDIS_URL is set; without it the bus is in-process and this is never reached.
 */
export function redisEventTarget(_url: string, _log: Logger): SharedEventTarget {
  throw new ConfigError(
    'invalid configuration: REDIS_URL is set, but this build has no Redis event bus yet (src/events/redis.ts is a placeholder): ' +
      'unset REDIS_URL to run with the in-process event bus.',
  );
}
