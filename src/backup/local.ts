import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Config } from '../config';
import { killAndWait, localNeo4jUri, runningPid, startLocalNeo4j } from '../runtime/neo4j-server';

/**
 * The local Neo4j (NEO4J_URI unset: the one src/runtime/ runs from tools/neo4j/lib in NEO4J_DATA_DIR) as a
 * backup or a restore drives it: stopped for neo4j-admin, started again as it was found.
 */
export class LocalServer {
  readonly home: string;
  /** Set when this process started the instance; stop() stops it. */
  private own?: { stop(): Promise<void> };

  constructor(
    private readonly config: Config,
    private readonly log: (line: string) => void,
  ) {
    this.home = path.resolve(config.NEO4J_DATA_DIR);
  }

  get uri(): string {
    return localNeo4jUri(this.config.NEO4J_BOLT_PORT);
  }

  /** The pid of the instance running in NEO4J_DATA_DIR (ours or one `npm run neo4j:start` left), if any. */
  pid(): number | undefined {
    return runningPid(this.home);
  }

  /**
   * Starts it: detached (it outlives this process, as `npm run neo4j:start` leaves it) when it was running
   * before the backup or restore stopped it, else for this process only.
   */
  async start(detached: boolean): Promise<void> {
    const running = await startLocalNeo4j({
      home: this.home,
      boltPort: this.config.NEO4J_BOLT_PORT,
      httpPort: this.config.NEO4J_HTTP_PORT,
      password: this.config.NEO4J_PASSWORD,
      heap: this.config.NEO4J_HEAP,
      pageCache: this.config.NEO4J_PAGECACHE,
      detached,
      log: this.log,
    });
    this.own = detached ? undefined : running;
  }

  /** Stops whatever instance runs in the home (SIGTERM: Neo4j checkpoints and releases its store). */
  async stop(): Promise<void> {
    if (this.own) {
      await this.own.stop();
      this.own = undefined;
      return;
    }
    const pid = this.pid();
    if (pid !== undefined) {
      this.log(`stopping the local Neo4j (pid ${pid})`);
      await killAndWait(pid);
    }
  }

  /** The store folders of one database: what neo4j-admin load replaces. */
  storeDirs(database: string): string[] {
    return ['databases', 'transactions'].map((d) => path.join(this.home, 'data', d, database));
  }

  /** Where a restore keeps the database it replaces until the new one is verified. */
  get asideDir(): string {
    return path.join(this.home, 'data', 'stancegraph-pre-restore');
  }

  /** Moves the database's store aside (renames: instant, same file system); the server must be stopped. */
  moveAside(database: string): void {
    mkdirSync(this.asideDir, { recursive: true });
    for (const dir of this.storeDirs(database)) {
      if (existsSync(dir)) renameSync(dir, path.join(this.asideDir, path.basename(path.dirname(dir))));
    }
  }

  /** Drops whatever store is in place and puts the one moved aside back; the server must be stopped. */
  putBack(database: string): void {
    for (const dir of this.storeDirs(database)) {
      rmSync(dir, { recursive: true, force: true });
      const aside = path.join(this.asideDir, path.basename(path.dirname(dir)));
      if (existsSync(aside)) renameSync(aside, dir);
    }
    rmSync(this.asideDir, { recursive: true, force: true });
  }

  dropAside(): void {
    rmSync(this.asideDir, { recursive: true, force: true });
  }
}
