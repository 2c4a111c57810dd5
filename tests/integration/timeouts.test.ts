import net from 'node:net';
import { withDeadline } from '../../src/db/deadline';
import { Database } from '../../src/db/database';
import { ServiceError } from '../../src/domain/errors';
import { readHarnessState, testDatabase } from '../support/harness';
import { expectRefusal, postJson, startServiceWith } from '../support/requests';

/** Seconds of work for Neo4j, and nothing written: what a runaway query looks like. */
const SLOW_READ = {
  name: 'test/slow-read',
  text: 'UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n',
};
const SLOW_WRITE = {
  name: 'test/slow-write',
  text: 'UNWIND range(1, 400000000) AS x WITH x WHERE x < 0 CREATE (:NeverWritten {x: x})',
};

function database(queryTimeoutMs: number): Database {
  const { uri, password } = readHarnessState();
  return new Database({ uri, user: 'neo4j', password, database: 'neo4j', queryTimeoutMs });
}

async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a failure');
}

const timedOut = expect.objectContaining({ code: 'QUERY_TIMEOUT' });

describe('every transaction has a timeout', () => {
  it('a read over NEO4J_QUERY_TIMEOUT_MS is stopped by Neo4j: QUERY_TIMEOUT', async () => {
    const db = database(300);
    try {
      const { error, ms } = await failure(() => db.read(SLOW_READ));
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toEqual(timedOut);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await db.close();
    }
  });

  it('a write over its timeout is stopped and rolled back: QUERY_TIMEOUT, nothing written', async () => {
    const db = testDatabase();
    try {
      const { error } = await failure(() => db.write(SLOW_WRITE.name, (tx) => tx.run(SLOW_WRITE), 300));
      expect(error).toEqual(timedOut);
      const [row] = await db.read({
        name: 'test/never',
        text: 'MATCH (n:NeverWritten) RETURN count(n) AS n',
      });
      expect(row).toEqual({ n: 0 });
    } finally {
      await db.close();
    }
  });

  it('the request deadline shortens a read’s timeout to what is left of it', async () => {
    const db = database(60_000);
    try {
      const { error, ms } = await failure(() => withDeadline(Date.now() + 400, () => db.read(SLOW_READ)));
      expect(error).toEqual(timedOut);
      expect(ms).toBeLessThan(5_000);
      // Past the deadline, a read is not even sent.
      const late = await failure(() => withDeadline(Date.now() - 1, () => db.read(SLOW_READ)));
      expect(late.error).toEqual(timedOut);
      expect(late.ms).toBeLessThan(100);
    } finally {
      await db.close();
    }
  });

  it('over HTTP: a request past HTTP_REQUEST_TIMEOUT_MS gets 504 QUERY_TIMEOUT for its remaining reads', async () => {
    const db = testDatabase();
    // Hold up the first read past the 100 ms deadline, as a busy event loop or a slow resolver would.
    db.onQuery(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150));
    const service = await startServiceWith(db, { HTTP_REQUEST_TIMEOUT_MS: '100' });
    try {
      const answer = await postJson(service.graphql, {
        query: '{ documents(first: 200) { edges { node { id } } } }',
      });
      expectRefusal(answer, 504, 'QUERY_TIMEOUT');
    } finally {
      await service.close();
      await db.close();
    }
  });

  it('a database that accepts connections but never answers: SERVICE_UNAVAILABLE within 2 s', async () => {
    // A hung server (or a dropped network) rather than a stopped one: the connect timeout ends the attempt,
    // and an attempt that took that long is not retried.
    const accepted = new Set<net.Socket>();
    const silent = net.createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const db = new Database({
      uri: `bolt://127.0.0.1:${port}`,
      user: 'neo4j',
      password: 'unused-password',
      database: 'neo4j',
    });
    try {
      const { error, ms } = await failure(() => db.read({ name: 'test/return-1', text: 'RETURN 1' }));
      expect(error).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }));
      expect(ms).toBeLessThan(2_000);
    } finally {
      await db.close();
      // The driver has no Bolt handshake timeout, and driver.close() leaves a connection stuck in the
      // handshake open: only our end closing ends it. close() alone keeps accepted sockets (and jest) alive.
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
