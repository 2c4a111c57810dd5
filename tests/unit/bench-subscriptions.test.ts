import { Received, deliveryCheck, percentiles } from '../../bench/lib/subscribers';

/** The counting of bench/subscriptions.ts: what makes a subscriber's deliveries lost, duplicated or foreign. */
const event = (id: string, eventId: string): Received => ({ id, eventId, receivedAt: 0 });

describe('bench:subscriptions counting', () => {
  it('a subscriber with every expected event once is clean', () => {
    expect(deliveryCheck([event('a', '1'), event('b', '2')], ['a', 'b'])).toEqual({
      received: 2,
      distinct: 2,
      duplicates: 0,
      missing: [],
      unexpected: [],
    });
  });

  it('counts an event seen twice (same eventId) as a duplicate, a missing id as lost, another as unexpected', () => {
    expect(deliveryCheck([event('a', '1'), event('a', '1'), event('c', '3')], ['a', 'b'])).toEqual({
      received: 3,
      distinct: 2,
      duplicates: 1,
      missing: ['b'],
      unexpected: ['c'],
    });
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ n: 1, p50: 7, p99: 7, max: 7 });
    expect(percentiles([]).n).toBe(0);
  });
});
