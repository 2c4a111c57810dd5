import { ConfigError, loadConfig } from '../config';
import { CORENLP_LIB_DIR, resolveCoreNlpJars, startLocalCoreNlp } from './corenlp-server';
import { RuntimeError } from './runtime-error';

/**
 * `npm run corenlp:resolve`: fetch the jars once. `npm run corenlp:start [-- --port N]`: run the local CoreNLP
 * in the foreground until Ctrl-C, so that several drafts share one warm server (set CORENLP_URL to its URL).
 */
async function main(command: string | undefined, args: string[]): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[corenlp] ${line}`);
  if (command === 'resolve') {
    await resolveCoreNlpJars(log);
    log(`jars ready in ${CORENLP_LIB_DIR}`);
  } else if (command === 'start') {
    const portArg = args.indexOf('--port');
    const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new Error('usage: corenlp-cli start [--port N]');
    }
    const corenlp = await startLocalCoreNlp({ heap: config.CORENLP_HEAP, port, log });
    log(`running: export CORENLP_URL=${corenlp.url}   (Ctrl-C stops it)`);
    // The JVM is unref'd (it must not hold a launcher that is done): a timer keeps this one waiting.
    const waiting = setInterval(() => {}, 60_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(waiting);
    await corenlp.stop();
    log('stopped');
  } else {
    throw new Error('usage: corenlp-cli resolve|start [--port N]');
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof RuntimeError ? `[corenlp] ${error.code}: ${error.message}` : error);
  process.exit(1);
});
