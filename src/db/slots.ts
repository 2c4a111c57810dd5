import { ServiceError } from '../domain/errors';

/**
 * At most `size` holders at a time; the others wait in arrival order. The database keeps its concurrent
 * transactions below the driver's connection pool with it, so that a burst of requests queues here (each
 * read then gets what is left of its request's deadline) instead of failing in the driver after its
 * connection-acquisition timeout — which stays short so that a hung database is detected quickly.
 *
 * A waiter with a deadline (its request's) waits no longer than that: when every slot stays taken past it
 * (Neo4j restarting cold, or slower than the traffic), the request is answered 503 SERVICE_UNAVAILABLE at
 * its deadline instead of queueing on after its client has given up.
 */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  /** A slot; `deadline` (Date.now() ms): give up waiting then, with SERVICE_UNAVAILABLE. */
  async acquire(deadline?: number): Promise<() => void> {
    if (this.held < this.size) this.held++;
    else await this.wait(deadline);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `held` only drops when nobody waits.
      if (next) next();
      else this.held--;
    };
  }

  private wait(deadline: number | undefined): Promise<void> {
    if (deadline === undefined) return new Promise<void>((resolve) => this.waiting.push(resolve));
    return new Promise<void>((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          const at = this.waiting.indexOf(admit);
          // Already handed the slot (a release ran first): then it is ours to use and to release.
          if (at < 0) return;
          this.waiting.splice(at, 1);
          reject(
            new ServiceError(
              'SERVICE_UNAVAILABLE',
              'The graph database is too busy to answer in time; try again shortly.',
            ),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiting.push(admit);
    });
  }

  /** Slots taken now. */
  get holding(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
