import { channel } from 'neo4j-driver-bolt-connection';

/**
 * One socket write per Bolt request instead of one per 1,400 bytes of it.
 *
 * neo4j-driver packs each message into a 1,400-byte buffer and writes the buffer to the socket whenever it
 * fills: a statement of 2.4–6.7 kB (most of ours) leaves in two to five writes, each a system call of its
 * own, and a CPU profile of the service under load put 9–10 % of its CPU in those mid-message writes
 * (docs/performance.md). Every write of one request (RUN, its statement, PULL) happens in one tick, so the
 * channel corks its socket at the first write of a tick and uncorks it on the next: Node then hands them to
 * the kernel together, in one writev. The bytes, their order and the moment they leave (before the event
 * loop turns) are as before.
 *
 * neo4j-driver offers no setting for this, so the driver's own channel class (exported by the package the
 * driver depends on, pinned to the driver's version in package.json) gets the wrapper, once per process;
 * tests/unit/bolt-writes.test.ts checks that it is the class the driver uses and what the wrapper does.
 */
interface NodeChannelLike {
  /** The socket, once the channel has one (net.Socket or tls.TLSSocket). */
  _conn?: { cork(): void; uncork(): void; destroyed?: boolean };
  /** Writes queued before the socket connected; null once connected. */
  _pending: unknown[] | null;
  write(buffer: unknown): void;
}

/** The driver's Node.js channel class: exported at run time, absent from the package's type declarations. */
const driverChannel = (channel as unknown as { Channel: { prototype: NodeChannelLike } }).Channel;

const CORKED = Symbol('stancegraph.corked');
const COALESCING = Symbol.for('stancegraph.bolt-writes');

type Corkable = NodeChannelLike & { [CORKED]?: boolean };

/** Wraps write() of a channel class (the driver's, by default) so that a tick's writes leave as one. */
export function coalesceBoltWrites(target: { prototype: NodeChannelLike } = driverChannel): void {
  const proto = target.prototype as NodeChannelLike & { [COALESCING]?: boolean };
  if (proto[COALESCING]) return;
  const write = proto.write;
  proto.write = function (this: Corkable, buffer: unknown) {
    const socket = this._conn;
    // Before the socket connects the channel queues writes itself; it sends the queue once connected.
    if (socket && this._pending === null && !this[CORKED] && !socket.destroyed) {
      socket.cork();
      this[CORKED] = true;
      process.nextTick(() => {
        this[CORKED] = false;
        socket.uncork();
      });
    }
    write.call(this, buffer);
  };
  proto[COALESCING] = true;
}

/** Whether the driver's channel class has the wrapper (for the test and for the curious). */
export function boltWritesCoalesced(): boolean {
  return Boolean((driverChannel.prototype as { [COALESCING]?: boolean })[COALESCING]);
}
