import { withDeadline } from '../../db';
import { ServiceError } from '../../domain/errors';
import { draftArticle } from '../../draft/draft';
import type { Registry } from '../../ingest/registry';
import type { Draft, DraftOptions, EntityLinker, NlpBackend } from '../../draft/types';

export interface DraftServiceOptions {
  /** The NLP backend, made on first use (server.ts: a LazyBackend over CoreNLP or compromise). */
  nlp: () => Promise<NlpBackend>;
  /** A linker for one draft: the API's name resolver over the graph (src/draft/link.ts graphLinker). */
  linker: () => EntityLinker;
  /** What a client is told to do when the backend cannot be started or reached (server.ts knows which). */
  unavailableHint: string;
  /** How long each call of the linker may take, counted from its start (ms). */
  linkTimeoutMs: number;
  /** The drafter; src/draft/draft.ts unless a test gives a double. */
  draft?: typeof draftArticle;
}

/** Failures that mean "the backend is not there", as Node's fetch (undici) and sockets report them. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** Read by shape, not instanceof: errors from Node's own fetch may come from another realm (jest's vm). */
function isUnreachable(error: unknown): boolean {
  let e = error as ErrorLike | null | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as ErrorLike) {
    if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
    if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.message === 'fetch failed') return true;
  }
  return false;
}

/** The error's message, with its cause's when it has one ("fetch failed (connect ECONNREFUSED …)"). */
const reasonOf = (error: unknown): string => {
  const e = error as ErrorLike | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const cause = (e?.cause as ErrorLike | undefined)?.message;
  return typeof cause === 'string' && cause ? `${message} (${cause})` : message;
};

/**
 * Drafts articles for draftDocument: the NLP backend (made on the first draft) and a linker over the graph
 * handed to src/draft/draft.ts. A backend that cannot be started or reached is NLP_UNAVAILABLE, whose
 * message says what to run; every other failure is left as it is (a bug is INTERNAL, not the backend's).
 */
export class DraftService {
  private readonly draftArticle: typeof draftArticle;

  constructor(private readonly options: DraftServiceOptions) {
    this.draftArticle = options.draft ?? draftArticle;
  }

  /** `registry`: the corpus registry stored in the graph, which the draft's references are checked against. */
  async draft(request: DraftOptions, registry?: Registry): Promise<Draft> {
    const nlp = this.reachable(await this.backend());
    return this.draftArticle(request, { nlp, linker: this.linker(), registry });
  }

  private async backend(): Promise<NlpBackend> {
    try {
      return await this.options.nlp();
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw this.unavailable(`The NLP backend could not be started: ${reasonOf(error)}.`, error);
    }
  }

  private unavailable(what: string, cause: unknown): ServiceError {
    return new ServiceError('NLP_UNAVAILABLE', `${what} ${this.options.unavailableHint}`, {}, cause);
  }

  /** The backend, with a parse that cannot reach it reported as NLP_UNAVAILABLE rather than INTERNAL. */
  private reachable(backend: NlpBackend): NlpBackend {
    return {
      name: backend.name,
      parse: async (text, date) => {
        try {
          return await backend.parse(text, date);
        } catch (error) {
          if (error instanceof ServiceError || !isUnreachable(error)) throw error;
          throw this.unavailable(
            `The NLP backend (${backend.name}) did not answer: ${reasonOf(error)}.`,
            error,
          );
        }
      },
    };
  }

  /**
   * The request's deadline bounds its database reads; a draft's parse may take longer than a whole request
   * of the other fields (a cold CoreNLP loads its models for 20 s), so each call of the linker gets its own.
   */
  private linker(): EntityLinker {
    const linker = this.options.linker();
    const timeoutMs = this.options.linkTimeoutMs;
    return { link: (names) => withDeadline(Date.now() + timeoutMs, () => linker.link(names)) };
  }
}
