import express from 'express';
import { withDeadline } from '../../db';
import { ErrorCode, HTTP_STATUS } from '../../domain/errors';
import { Logger } from '../../logger';
import { AllowList, queryHash } from './persisted-queries';
import { Tokens } from './tokens';

/**
 * The HTTP-level guards of /graphql: what can be refused before a body is parsed or an operation is
 * looked at. Their answers have the shape of any GraphQL error response, with the service's codes.
 */

/** Where sendError leaves the code it answered with, for the request's log line and metrics. */
export const ERROR_CODE_LOCAL = 'stancegraphErrorCode';

export function sendError(
  res: express.Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.locals[ERROR_CODE_LOCAL] = code;
  res.status(HTTP_STATUS[code]).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/** With STANCEGRAPH_READ_TOKEN set, no GraphQL request goes further without a read or write token. */
export function requireReadToken(tokens: Tokens): express.RequestHandler {
  return (req, res, next) => {
    if (!tokens.readsNeedToken || tokens.identify(req.headers.authorization).role !== 'anonymous') {
      return next();
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="stancegraph"');
    sendError(
      res,
      'UNAUTHENTICATED',
      'This service needs a token: send `Authorization: Bearer <STANCEGRAPH_READ_TOKEN>`.',
    );
  };
}

function hashAndQuery(req: express.Request): { hash?: string; query?: string } {
  const source: Record<string, unknown> =
    req.method === 'GET' ? (req.query as Record<string, unknown>) : (req.body as Record<string, unknown>);
  let extensions = source.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      extensions = undefined; // Apollo answers a malformed extensions parameter itself
    }
  }
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return {
    hash: typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined,
    query: typeof source.query === 'string' ? source.query : undefined,
  };
}

/**
 * PERSISTED_QUERIES_ONLY: an operation runs only if its text (or the hash sent instead of it) is on the
 * allow-list. Checked before Apollo parses anything, so an unknown operation costs a hash and no more.
 */
export function persistedQueriesOnly(allowList: AllowList): express.RequestHandler {
  return (req, res, next) => {
    // A batch is refused by Apollo (batching is off); a body that is not an object is Apollo's to refuse.
    if (
      req.method !== 'GET' &&
      (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
    )
      return next();
    const { hash, query } = hashAndQuery(req);
    if (hash === undefined && query === undefined) return next();
    const allowed =
      (query === undefined || allowList.has(queryHash(query))) && (hash === undefined || allowList.has(hash));
    if (allowed) return next();
    sendError(
      res,
      'PERSISTED_QUERY_NOT_ALLOWED',
      'This service runs only the operations on its allow-list (schema/persisted-queries.json); ' +
        'send one of them, or its sha256 as extensions.persistedQuery.sha256Hash.',
    );
  };
}

/**
 * Every read the request makes is held to what is left of timeoutMs from now (src/db/deadline.ts). Mounted
 * after the body parser: the parser's stream callbacks would lose the async context it travels in.
 */
export function operationDeadline(timeoutMs: number): express.RequestHandler {
  return (_req, _res, next) => withDeadline(Date.now() + timeoutMs, () => next());
}

/**
 * Errors the body parser and later handlers pass on: answered as JSON with the service's codes, never
 * Express's HTML page with its stack trace.
 */
export function jsonErrors(logger: Logger, bodyLimit: string): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; expose?: boolean };
    if (e.type === 'entity.too.large') {
      return sendError(res, 'PAYLOAD_TOO_LARGE', `The request body is over the limit of ${bodyLimit}.`, {
        limit: bodyLimit,
      });
    }
    if (e.type === 'entity.parse.failed') {
      return sendError(res, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
    if (e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      // Other refusals of the body parser (unsupported charset or encoding, aborted upload, …).
      res.status(e.status).json({
        errors: [{ message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    logger.error({ err: error }, 'request failed');
    sendError(res, 'INTERNAL', 'Internal error.');
  };
}
