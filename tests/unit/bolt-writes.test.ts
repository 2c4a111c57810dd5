import { channel } from 'neo4j-driver-bolt-connection';
import { boltWritesCoalesced, coalesceBoltWrites } from '../../src/db/bolt-writes';
import { Database } from '../../src/db/database';

/** A channel class like the driver's: write() sends to its socket, or queues until it is connected. */
function fakeChannelClass() {
  return class FakeChannel {
    _pending: unknown[] | null = null;
    readonly events: string[] = [];
    _conn = {
      corked: 0,
      cork: () => {
        this._conn.corked++;
        this.events.push('cork');
      },
      uncork: () => {
        this._conn.corked--;
        this.events.push('uncork');
      },
      destroyed: false,
    };
    write(buffer: unknown) {
      if (this._pending !== null) this._pending.push(buffer);
      else this.events.push(`write ${String(buffer)}${this._conn.corked ? ' (corked)' : ''}`);
    }
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Bolt writes, one per request (src/db/bolt-writes.ts)', () => {
  it('the writes of one tick go to a corked socket, uncorked once on the next tick', async () => {
    const Fake = fakeChannelClass();
    coalesceBoltWrites(Fake);
    const ch = new Fake();
    ch.write('RUN-1');
    ch.write('RUN-2');
    ch.write('PULL');
    expect(ch.events).toEqual([
      'cork',
      'write RUN-1 (corked)',
      'write RUN-2 (corked)',
      'write PULL (corked)',
    ]);
    await tick();
    expect(ch.events.at(-1)).toBe('uncork');
    expect(ch._conn.corked).toBe(0);
    // The next request's writes: corked again, uncorked again.
    ch.write('RUN');
    await tick();
    expect(ch.events.slice(5)).toEqual(['cork', 'write RUN (corked)', 'uncork']);
  });

  it('writes before the socket connects are left to the channel’s own queue', async () => {
    const Fake = fakeChannelClass();
    coalesceBoltWrites(Fake);
    const ch = new Fake();
    ch._pending = [];
    ch.write('HELLO');
    await tick();
    expect(ch._pending).toEqual(['HELLO']);
    expect(ch.events).toEqual([]);
  });

  it('wraps a class once, however often it is asked', async () => {
    const Fake = fakeChannelClass();
    coalesceBoltWrites(Fake);
    coalesceBoltWrites(Fake);
    const ch = new Fake();
    ch.write('RUN');
    await tick();
    expect(ch.events).toEqual(['cork', 'write RUN (corked)', 'uncork']);
  });

  it('a Database wraps the channel class of the driver it uses', async () => {
    const db = new Database({ uri: 'neo4j://127.0.0.1:1', user: 'u', password: 'p', database: 'neo4j' });
    try {
      expect(boltWritesCoalesced()).toBe(true);
      // The class neo4j-driver connects with is the one exported by the package it depends on.
      const driverDir = require.resolve('neo4j-driver').replace(/lib[/\\].*$/, '');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fromDriver = require(
        require.resolve('neo4j-driver-bolt-connection', { paths: [driverDir] }),
      ) as typeof import('neo4j-driver-bolt-connection');
      expect((fromDriver.channel as unknown as { Channel: unknown }).Channel).toBe(
        (channel as unknown as { Channel: unknown }).Channel,
      );
    } finally {
      await db.close();
    }
  });
});
