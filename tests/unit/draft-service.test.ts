import net from 'node:net';
import { DraftService, DraftServiceOptions } from '../../src/api/draft/draft.service';
import { LazyBackend, StartedBackend } from '../../src/api/draft/lazy-backend';
import { transactionTimeout, withDeadline } from '../../src/db/deadline';
import { ServiceError } from '../../src/domain/errors';
import type { Draft, NlpBackend, ParsedText } from '../../src/draft/types';

/**
 * draftDocument's plumbing without a database or an NLP library: the backend made once on the first draft
 * and stopped with the service (LazyBackend), and what a client is told when the backend cannot be started
 * or reached (DraftService). The drafter itself is a double here; src/draft has its own tests.
 */

const parsed = (text: string): ParsedText => ({
  backend: 'double',
  text,
  sentences: [],
  coref: [],
  quotes: [],
});
const backend = (parse: NlpBackend['parse'] = async (text) => parsed(text)): NlpBackend => ({
  name: 'double',
  parse,
});

describe('LazyBackend: the NLP backend of a running service', () => {
  it('is made on the first draft only, once for drafts that ask together', async () => {
    let starts = 0;
    const lazy = new LazyBackend(async () => {
      starts += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { backend: backend(), release: async () => {} };
    });
    expect(starts).toBe(0);
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(b);
    await lazy.get();
    expect(starts).toBe(1);
  });

  it('forgets a start that failed, so that the next draft tries again', async () => {
    let starts = 0;
    const lazy = new LazyBackend(async () => {
      starts += 1;
      if (starts === 1) throw new Error('jars not resolved');
      return { backend: backend(), release: async () => {} };
    });
    await expect(lazy.get()).rejects.toThrow('jars not resolved');
    await expect(lazy.get()).resolves.toBeDefined();
    expect(starts).toBe(2);
  });

  it('stops what it started once, waits for a start under way, and starts nothing after', async () => {
    const released: string[] = [];
    const started = (name: string): StartedBackend => ({
      backend: backend(),
      release: async () => {
        released.push(name);
      },
    });
    const idle = new LazyBackend(async () => started('idle'));
    await idle.release();
    expect(released).toEqual([]);

    const used = new LazyBackend(async () => started('used'));
    await used.get();
    await Promise.all([used.release(), used.release()]);
    expect(released).toEqual(['used']);
    await expect(used.get()).rejects.toThrow(/stopping/);

    let finish!: () => void;
    const starting = new LazyBackend(
      () => new Promise<StartedBackend>((resolve) => (finish = () => resolve(started('starting')))),
    );
    const asked = starting.get();
    const releasing = starting.release();
    finish();
    await asked;
    await releasing;
    expect(released).toEqual(['used', 'starting']);
  });
});

const HINT = 'Run `npm run corenlp:resolve` once.';
const DRAFT = { yaml: 'x', items: [], backend: 'double', parseMs: 0, extractMs: 0 } as unknown as Draft;

function service(options: Partial<DraftServiceOptions>): DraftService {
  return new DraftService({
    nlp: async () => backend(),
    linker: () => ({ link: async (names) => new Map(names.map((n) => [n, undefined])) }),
    unavailableHint: HINT,
    linkTimeoutMs: 2_000,
    // Parses and links as the drafter does, so that the service's wrappers are exercised.
    draft: async (options, { nlp, linker }) => {
      await nlp.parse(options.article, options.date);
      await linker.link(['Putin']);
      return DRAFT;
    },
    ...options,
  });
}

const REQUEST = { article: 'Putin rejected it.', date: '2025-03-18' };

async function failure(drafts: DraftService): Promise<ServiceError | Error> {
  try {
    await drafts.draft(REQUEST);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the draft did not fail');
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('DraftService: what a client is told when the backend is not there', () => {
  it('a backend that cannot be started is NLP_UNAVAILABLE, saying why and what to run', async () => {
    const error = await failure(
      service({
        nlp: async () => {
          throw new Error('CoreNLP jars not found in tools/corenlp/lib');
        },
      }),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('NLP_UNAVAILABLE');
    expect(error.message).toContain('CoreNLP jars not found');
    expect(error.message).toContain(HINT);
  });

  it('a backend that does not answer (nothing listening) is NLP_UNAVAILABLE', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const error = await failure(
      service({
        nlp: async () =>
          backend(async (text) => {
            await fetch(url, { method: 'POST', body: text });
            return parsed(text);
          }),
      }),
    );
    expect((error as ServiceError).code).toBe('NLP_UNAVAILABLE');
    expect(error.message).toMatch(/did not answer: .*ECONNREFUSED/);
    expect(error.message).toContain(HINT);
  });

  it('any other failure stays what it is: a bug is not the backend’s absence', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const error = await failure(
      service({
        nlp: async () =>
          backend(async () => {
            throw bug;
          }),
      }),
    );
    expect(error).toBe(bug);
    const refusal = new ServiceError('BAD_USER_INPUT', 'no');
    expect(await failure(service({ nlp: async () => Promise.reject(refusal) }))).toBe(refusal);
  });

  it('gives each call of the linker its own deadline: a slow parse does not starve its reads', async () => {
    let budget = -1;
    const drafts = service({
      linker: () => ({
        link: async (names) => {
          budget = transactionTimeout(60_000);
          return new Map(names.map((n) => [n, undefined]));
        },
      }),
    });
    // The request's own deadline has passed by the time the linker reads (a cold CoreNLP took it all).
    await withDeadline(Date.now() - 1, () => drafts.draft(REQUEST));
    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThanOrEqual(2_000);
  });
});
