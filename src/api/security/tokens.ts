import { createHash, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../../domain/errors';

/** What the bearer token of a request entitles it to. */
export type Role = 'write' | 'read' | 'anonymous';

export interface RequestAuth {
  role: Role;
  /** False when no write token is configured: then nobody may write, whatever they send. */
  writesEnabled: boolean;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares in constant time. Digests first: timingSafeEqual needs equal lengths, and comparing lengths of
 * the raw strings would tell an attacker how long the token is.
 */
function sameSecret(given: Buffer, expected: Buffer | undefined): boolean {
  return expected !== undefined && timingSafeEqual(given, expected);
}

/** The bearer tokens configured (STANCEGRAPH_WRITE_TOKEN, STANCEGRAPH_READ_TOKEN), held only as digests. */
export class Tokens {
  private readonly write?: Buffer;
  private readonly read?: Buffer;

  constructor(options: { writeToken?: string; readToken?: string }) {
    this.write = options.writeToken ? digest(options.writeToken) : undefined;
    this.read = options.readToken ? digest(options.readToken) : undefined;
  }

  get writesEnabled(): boolean {
    return this.write !== undefined;
  }

  get readsNeedToken(): boolean {
    return this.read !== undefined;
  }

  /** The role of an `Authorization: Bearer <token>` header (any other header, or none: anonymous). */
  identify(authorization: string | undefined): RequestAuth {
    const writesEnabled = this.writesEnabled;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    if (!match) return { role: 'anonymous', writesEnabled };
    const given = digest(match[1]);
    // Both compared every time, so that the answer's timing does not tell which token matched.
    const isWrite = sameSecret(given, this.write);
    const isRead = sameSecret(given, this.read);
    return { role: isWrite ? 'write' : isRead ? 'read' : 'anonymous', writesEnabled };
  }
}

/** Throws unless the request may write: FORBIDDEN when writes are off, UNAUTHENTICATED without the token. */
export function requireWriter(auth: RequestAuth): void {
  if (!auth.writesEnabled) {
    throw new ServiceError(
      'FORBIDDEN',
      'Writes are turned off on this service: it has no STANCEGRAPH_WRITE_TOKEN configured.',
    );
  }
  if (auth.role !== 'write') {
    throw new ServiceError(
      'UNAUTHENTICATED',
      'This operation needs the write token: send `Authorization: Bearer <STANCEGRAPH_WRITE_TOKEN>`.',
    );
  }
}
