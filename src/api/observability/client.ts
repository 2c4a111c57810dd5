import { createHash } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { Role } from '../security/tokens';

/**
 * Who a request comes from, for rate limits and logs: `token:<first 16 hex digits of the token's sha256>`
 * when it carries a token the service knows (the read or the write token), else `ip:<address>`. Never the
 * token itself. An unknown token does not make a client of its own: sending random ones would otherwise buy
 * a fresh budget each time.
 */
export function clientId(authorization: string | undefined, role: Role, address: string | undefined): string {
  if (role !== 'anonymous') {
    const token = /^Bearer[ \t]+(\S+)/i.exec(authorization ?? '')?.[1];
    if (token) return `token:${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 16)}`;
  }
  return `ip:${address ?? 'unknown'}`;
}

/**
 * The client's address of a request Express has not seen (a WebSocket upgrade), as Express would give it
 * (req.ip): with `trust proxy` set, from X-Forwarded-For as far as the trusted proxies go; without, the
 * socket's. Borrows Express's own getter, so both follow one setting.
 */
export function addressOf(app: express.Express, request: http.IncomingMessage): string | undefined {
  const view = Object.create(app.request, {
    headers: { value: request.headers },
    socket: { value: request.socket },
    connection: { value: request.socket },
  }) as express.Request;
  return view.ip;
}

/**
 * TRUST_PROXY as Express's `trust proxy` takes it: true/false, a number of hops, or a list of addresses and
 * subnets (Express checks them, and refuses a bad one when it is set).
 */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
