import type { NlpBackend } from '../../draft/types';

/** A backend once made, with what stops whatever making it started (a CoreNLP process). */
export interface StartedBackend {
  backend: NlpBackend;
  release(): Promise<void>;
}

/**
 * The NLP backend of a running service, made on the first draft and not before: the service must start
 * and serve without it (CoreNLP is a separate JVM of several GB, and most deployments never draft).
 * Concurrent first drafts share one start; a start that fails is forgotten, so that the next draft tries
 * again (after the operator has run what the error told them to); release() stops what was started, once,
 * and after it nothing starts again.
 */
export class LazyBackend {
  private started?: Promise<StartedBackend>;
  private released = false;

  constructor(private readonly start: () => Promise<StartedBackend>) {}

  async get(): Promise<NlpBackend> {
    if (this.released) throw new Error('the service is stopping: no NLP backend is started any more');
    this.started ??= this.start().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return (await this.started).backend;
  }

  /** Stops what was started, if anything; a start still under way is waited for and then stopped. */
  async release(): Promise<void> {
    this.released = true;
    const started = this.started;
    this.started = undefined;
    if (!started) return;
    let backend: StartedBackend;
    try {
      backend = await started;
    } catch {
      return; // it never started: nothing to stop
    }
    await backend.release();
  }
}
