import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ServiceError } from '../domain/errors';
import type { ValidationResult } from './validate';

/** What the pool asks a validation thread (validation-worker.ts). */
export interface ValidationTask {
  id: number;
  dir: string;
}

/** A thread's answer: the folder's problems and plan, or what validateFolder threw. */
export interface ValidationAnswer {
  id: number;
  result?: ValidationResult;
  error?: { message: string; stack?: string };
}

/**
 * A validation thread stopped (an uncaught exception, running out of memory, an exit): the documents it held
 * have no answer. INTERNAL: nothing the user sent explains it. The pool takes no more work after one.
 */
export class ValidationThreadError extends ServiceError {
  override name = 'ValidationThreadError';
}

/** Threads to validate on by default: the cores left after the one the loader (and Neo4j's writes) need. */
export const defaultValidationThreads = (): number => Math.max(1, os.availableParallelism() - 1);

/** The thread's own file: .js when built (dist/), .ts when run from src/ by tsx or ts-jest. */
const WORKER_FILE = path.join(__dirname, `validation-worker${path.extname(__filename)}`);

/**
 * A .ts file needs a TypeScript loader in the new thread. tsx registers itself for threads started under
 * `tsx`, but not under ts-jest, which compiles in its own module registry: so the thread registers tsx's
 * CommonJS hook itself. The built service (.js) never gets here and never needs tsx.
 */
function startThread(file: string): Worker {
  if (path.extname(file) !== '.ts') return new Worker(file);
  const register = require.resolve('tsx/cjs/api');
  const source = `require(${JSON.stringify(register)}).register(); require(${JSON.stringify(file)});`;
  return new Worker(source, { eval: true, execArgv: [] });
}

interface Pending {
  dir: string;
  resolve: (result: ValidationResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  pending: Map<number, Pending>;
}

export interface ValidationPoolOptions {
  threads?: number;
  /** The thread's code; tests give one that fails on purpose. */
  workerFile?: string;
}

/**
 * Validates document folders on worker threads (validateFolder in each, so that a thread's answer is the
 * one the calling thread would have computed), each task going to the thread with the least work. Answers
 * come back as promises, in whatever order threads finish; callers keep their own order. Idle threads do
 * not keep the process alive, and close() ends them all.
 */
export class ValidationPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(options: ValidationPoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? defaultValidationThreads());
    for (let index = 0; index < threads; index++) {
      const slot: Slot = {
        index,
        worker: startThread(options.workerFile ?? WORKER_FILE),
        pending: new Map(),
      };
      slot.worker.on('message', (answer: ValidationAnswer) => this.answer(slot, answer));
      slot.worker.on('error', (error) => this.fail(slot, error.message));
      slot.worker.on('messageerror', (error) =>
        this.fail(slot, `an answer could not be read: ${error.message}`),
      );
      slot.worker.on('exit', (code) => this.fail(slot, `it exited with code ${code}`));
      // After the listeners: adding a 'message' listener refs the thread again.
      slot.worker.unref();
      this.slots.push(slot);
    }
  }

  get threads(): number {
    return this.slots.length;
  }

  validate(dir: string): Promise<ValidationResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the validation pool is closed'));
    const slot = this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const id = this.nextId++;
    return new Promise<ValidationResult>((resolve, reject) => {
      if (!slot.pending.size) slot.worker.ref();
      slot.pending.set(id, { dir, resolve, reject });
      slot.worker.postMessage({ id, dir } satisfies ValidationTask);
    });
  }

  /** Ends every thread; a validation not answered yet is rejected. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const slot of this.slots) this.rejectAll(slot, new Error('the validation pool was closed'));
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private answer(slot: Slot, answer: ValidationAnswer): void {
    const pending = slot.pending.get(answer.id);
    if (!pending) return;
    slot.pending.delete(answer.id);
    if (!slot.pending.size) slot.worker.unref();
    if (answer.result) pending.resolve(answer.result);
    else {
      const error = new Error(answer.error?.message ?? 'validation failed');
      if (answer.error?.stack) error.stack = answer.error.stack;
      pending.reject(error);
    }
  }

  private fail(slot: Slot, reason: string): void {
    if (this.closed) return;
    const held = [...slot.pending.values()].map((p) => path.relative(process.cwd(), p.dir) || p.dir);
    const more = held.length > 3 ? ` and ${held.length - 3} more` : '';
    const what = held.length ? `while validating ${held.slice(0, 3).join(', ')}${more}` : 'while idle';
    const error = new ValidationThreadError(
      'INTERNAL',
      `validation thread ${slot.index + 1} of ${this.slots.length} stopped ${what}: ${reason}`,
    );
    this.failure = error;
    // The other threads may be healthy, but a load cannot go on without the documents this one held.
    this.closed = true;
    for (const s of this.slots) this.rejectAll(s, error);
    void Promise.all(this.slots.map((s) => s.worker.terminate())).catch(() => {});
  }

  private rejectAll(slot: Slot, error: Error): void {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
    slot.worker.unref();
  }
}
