import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** The JVMs the project starts (Neo4j, CoreNLP): ports, liveness, stopping, and never outliving the launcher. */

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Ports this process has handed out: a server started from one may take seconds to bind it (a JVM), and
 * the kernel may offer the same free port again meanwhile (the test harness starts Neo4j and CoreNLP
 * together, and once both were given one port). A port is never handed out twice by one process.
 */
export function portPicker(next: () => Promise<number>): () => Promise<number> {
  const handedOut = new Set<number>();
  return async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await next();
      if (!handedOut.has(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new Error('no free port found that this process had not already handed out');
  };
}

export const freePort: () => Promise<number> = portPicker(unusedPort);

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the JVM is gone; SIGKILL after graceMs so that no JVM is ever left behind. */
export async function killAndWait(pid: number, graceMs = 20_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A JVM started by a non-detached launcher must not outlive it, even if the launcher is killed with
 * SIGKILL and gets no chance to clean up: a tiny shell watches both and stops the JVM when the parent goes
 * (then removes `removeAfter`, a folder that only that JVM used). While the launcher lives the folder is
 * its to remove: a server that exits during its start leaves its log there for the launcher's error.
 */
export function watchParent(jvmPid: number, { removeAfter }: { removeAfter?: string } = {}): void {
  const cleanup = removeAfter
    ? `; kill -0 ${process.pid} 2>/dev/null || rm -rf '${removeAfter.replace(/'/g, `'\\''`)}'`
    : '';
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${jvmPid} 2>/dev/null; do sleep 1; done; kill -TERM ${jvmPid} 2>/dev/null; for i in $(seq 1 30); do kill -0 ${jvmPid} 2>/dev/null || break; sleep 1; done; kill -0 ${jvmPid} 2>/dev/null && kill -KILL ${jvmPid} 2>/dev/null${cleanup}`;
  const watcher = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watcher.unref();
}
