import { Slots } from '../../src/db/slots';

describe('Slots: at most n holders, the rest wait in order', () => {
  it('admits n at once, queues the others first come first served, and lets each release count once', async () => {
    const slots = new Slots(2);
    const order: string[] = [];
    const a = await slots.acquire();
    const b = await slots.acquire();
    const c = slots.acquire().then((release) => (order.push('c'), release));
    const d = slots.acquire().then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(slots.queued).toBe(2);
    a();
    a(); // a second release of the same slot must not admit a third holder
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(slots.queued).toBe(1);
    b();
    (await d)();
    releaseC();
    expect(order).toEqual(['c', 'd']);
    expect(slots.queued).toBe(0);
    // All free again: two can enter at once.
    await Promise.all([slots.acquire(), slots.acquire()]);
  });
});

describe('Slots: a waiter with a deadline', () => {
  it('is refused with SERVICE_UNAVAILABLE at its deadline, and leaves the queue', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const waited = slots.acquire(Date.now() + 30).then(
      () => 'admitted',
      (error: { code?: string }) => error.code,
    );
    expect(slots.queued).toBe(1);
    expect(await waited).toBe('SERVICE_UNAVAILABLE');
    expect(slots.queued).toBe(0);
    // The slot, once released, is free for the next one: the refused waiter holds nothing.
    held();
    expect(slots.holding).toBe(0);
    (await slots.acquire(Date.now() + 30))();
  });

  it('admitted before its deadline holds the slot as any other holder', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const waited = slots.acquire(Date.now() + 10_000);
    held();
    const release = await waited;
    expect(slots.holding).toBe(1);
    release();
    expect(slots.holding).toBe(0);
  });
});
