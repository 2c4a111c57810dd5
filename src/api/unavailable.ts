import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { sendError } from './security/http';

/**
 * What a client is told when the service cannot answer for a while: the graph database is down or
 * restarting, or this instance is shutting down. Both are `503 SERVICE_UNAVAILABLE` with `Retry-After`
 * (seconds): send the request again then, to this instance or another one. Reads change nothing, and a
 * loadDocument sent again is safe (a document already stored comes back UNCHANGED) — docs/operations.md,
 * "Outages and shutdown".
 */
export const RETRY_AFTER_SECONDS = 2;

/** Apollo: every 503 (SERVICE_UNAVAILABLE, NLP_UNAVAILABLE) carries Retry-After. */
export function retryAfterOn503(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.http.status === 503 && !response.http.headers.has('retry-after'))
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/**
 * Graceful shutdown's front door. Once `close()` is called, every new request — one that arrives on a
 * keep-alive connection opened before, while Apollo's drain (ApolloServerPluginDrainHttpServer) has yet to
 * end that connection — is answered `503 SERVICE_UNAVAILABLE` with `Connection: close` before it reaches
 * anything, while the requests already in flight run to their end. The drain closes the listening socket
 * (new connections are refused), ends idle connections, and ends the others once their last request is
 * answered.
 */
export class ShutdownGate {
  private closing = false;

  /** Mounted first, before every route. */
  readonly middleware: express.RequestHandler = (_req, res, next) => {
    if (!this.closing) return next();
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    sendError(
      res,
      'SERVICE_UNAVAILABLE',
      'This instance is shutting down; send the request again shortly (or to another instance).',
    );
  };

  /** Refuse new requests from now on. */
  close(): void {
    this.closing = true;
  }
}
