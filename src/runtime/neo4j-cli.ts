import { ConfigError, loadConfig } from '../config';
import { RuntimeError } from './runtime-error';
import { LIB_DIR, checkJava, resolveJars } from './java';
import { killAndWait, localNeo4jUri, runningPid, startLocalNeo4j } from './neo4j-server';

/** `npm run neo4j:start|stop`: the persistent development instance, detached, data in NEO4J_DATA_DIR. */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const home = config.NEO4J_DATA_DIR;
  const log = (line: string) => console.log(`[neo4j] ${line}`);
  if (command === 'start') {
    const pid = runningPid(home);
    if (pid !== undefined) {
      log(`already running (pid ${pid}) at ${localNeo4jUri(config.NEO4J_BOLT_PORT)}`);
      return;
    }
    const neo4j = await startLocalNeo4j({
      home,
      boltPort: config.NEO4J_BOLT_PORT,
      httpPort: config.NEO4J_HTTP_PORT,
      password: config.NEO4J_PASSWORD,
      heap: config.NEO4J_HEAP,
      pageCache: config.NEO4J_PAGECACHE,
      detached: true,
      log,
    });
    log(
      `running: ${neo4j.uri} (user neo4j), http://127.0.0.1:${config.NEO4J_HTTP_PORT}; stop with npm run neo4j:stop`,
    );
  } else if (command === 'resolve') {
    await checkJava();
    await resolveJars(log);
    log(`jars ready in ${LIB_DIR}`);
  } else if (command === 'stop') {
    const pid = runningPid(home);
    if (pid === undefined) {
      log('not running');
      return;
    }
    await killAndWait(pid);
    log(`stopped (pid ${pid})`);
  } else {
    throw new Error('usage: neo4j-cli start|stop|resolve');
  }
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof RuntimeError ? `[neo4j] ${error.code}: ${error.message}` : error);
  process.exit(1);
});
