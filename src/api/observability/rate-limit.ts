import { HeaderMap } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import { ServiceError } from '../../domain/errors';
import { sendError } from '../security/http';
import { Metrics } from './metrics';

/**
 * A token bucket per client: `capacity` requests at once, refilled evenly over `windowMs` — a client may
 * send its whole budget in a burst and then `capacity` per window. In memory, per instance: with several
 * instances behind a load balancer each has a budget of its own (docs/observability.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    /** Clients remembered; past it, those whose bucket has refilled are forgotten, then the oldest. */
    private readonly maxClients = 100_000,
  ) {
    this.perMs = capacity / windowMs;
  }

  /** Takes one request from the client's bucket: 0 when it may go on, else the seconds until it may. */
  take(client: string, now = Date.now()): number {
    const bucket = this.buckets.get(client);
    let tokens = this.capacity;
    if (bucket) tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    else if (this.buckets.size >= this.maxClients) this.forget(now);
    if (tokens < 1) {
      if (bucket) {
        bucket.tokens = tokens;
        bucket.at = now;
      }
      return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
    }
    if (bucket) {
      bucket.tokens = tokens - 1;
      bucket.at = now;
    } else this.buckets.set(client, { tokens: tokens - 1, at: now });
    return 0;
  }

  get clients(): number {
    return this.buckets.size;
  }

  private forget(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.capacity) this.buckets.delete(client);
    }
    // Map order is insertion order: the first are the clients seen longest ago (first seen, that is).
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}

export interface RateLimitOptions {
  /** Requests per window per client (RATE_LIMIT_READS); 0: none. */
  reads: number;
  /** Mutations per window per client (RATE_LIMIT_WRITES); 0: none. */
  writes: number;
  windowMs: number;
  metrics?: Metrics;
}

const windowText = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/**
 * Per-client budgets: every /graphql request, and every subscribe over WebSocket, takes one from the
 * client's request budget (checked before the token and the body, so that guessing tokens is limited too);
 * a mutation takes one more from its write budget once Apollo knows it is a mutation. Over either:
 * `429 RATE_LIMITED` with `Retry-After` (seconds) and `extensions.retryAfter`.
 */
export class RateLimiter {
  private readonly reads?: TokenBuckets;
  private readonly writes?: TokenBuckets;

  constructor(private readonly options: RateLimitOptions) {
    if (options.reads > 0) this.reads = new TokenBuckets(options.reads, options.windowMs);
    if (options.writes > 0) this.writes = new TokenBuckets(options.writes, options.windowMs);
  }

  get enabled(): boolean {
    return this.reads !== undefined || this.writes !== undefined;
  }

  private refusal(budget: 'requests' | 'writes', retryAfter: number) {
    this.options.metrics?.rateLimited.inc({ budget });
    const limit = budget === 'requests' ? this.options.reads : this.options.writes;
    return {
      message:
        `Too many ${budget === 'requests' ? 'requests' : 'writes'}: this client may send ${limit} per ` +
        `${windowText(this.options.windowMs)}. Try again in ${retryAfter} s.`,
      extensions: { retryAfter, limit, budget },
    };
  }

  /** Express: the request budget of the client `clientOf` names. */
  middleware(clientOf: (req: express.Request) => string | undefined): express.RequestHandler {
    return (req, res, next) => {
      const client = this.reads && clientOf(req);
      if (!client) return next();
      const wait = this.reads!.take(client);
      if (!wait) return next();
      const { message, extensions } = this.refusal('requests', wait);
      res.setHeader('Retry-After', String(wait));
      sendError(res, 'RATE_LIMITED', message, extensions);
    };
  }

  /** Apollo: the write budget, for mutations, of the client `clientOf` names (the request's record). */
  plugin(clientOf: () => string | undefined): ApolloServerPlugin {
    const writes = this.writes;
    const refusal = this.refusal.bind(this);
    return {
      async requestDidStart() {
        if (!writes) return;
        return {
          async didResolveOperation({ operation }) {
            const client = clientOf();
            if (operation?.operation !== 'mutation' || !client) return;
            const wait = writes.take(client);
            if (!wait) return;
            const { message, extensions } = refusal('writes', wait);
            const error = new ServiceError('RATE_LIMITED', message, extensions);
            // Apollo takes the status and headers of an error thrown here from extensions.http.
            (error.extensions.http as { headers?: HeaderMap }).headers = new HeaderMap([
              ['retry-after', String(wait)],
            ]);
            throw error;
          },
        };
      },
    };
  }

  /** A subscribe over WebSocket: the request budget (a refusal is an error message; the socket stays). */
  admitSubscribe(client: string): ServiceError | undefined {
    const wait = this.reads?.take(client);
    if (!wait) return undefined;
    const { message, extensions } = this.refusal('requests', wait);
    return new ServiceError('RATE_LIMITED', message, extensions);
  }
}
