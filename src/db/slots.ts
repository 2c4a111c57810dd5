/**
 * At most `size` holders at a time; the others wait in arrival order. The database keeps its concurrent
 * transactions below the driver's connection pool with it, so that a burst of requests queues here (each
 * read then gets what is left of its request's deadline) instead of failing in the driver after its
 * connection-acquisition timeout — which stays short so that a hung database is detected quickly.
 */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.held < this.size) this.held++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
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

  /** Slots taken now. */
  get holding(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
