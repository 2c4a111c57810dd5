/**
 * Arm "bare": the named Cypher of each traversal (the very files in cypher/queries) behind node:http and
 * neo4j-driver, nothing else: no GraphQL, no validation of rows, minimal JSON. Its throughput is the ceiling
 * the service is measured against. Run as a child of bench/run.ts (IPC), or alone with NEO4J_URI set.
 */
import http from 'node:http';
import neo4j from 'neo4j-driver';
import { SUBJECTS, WorkloadName } from '../workloads';
import { armEnv, failArm, serveArm } from './arm';
import { BARE_QUERIES } from './bare-queries';

async function main(): Promise<void> {
  const env = armEnv();
  const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password), {
    disableLosslessIntegers: true,
    userAgent: 'stancegraph-bench-bare',
  });
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const name = req.url?.startsWith('/q/') ? (req.url.slice(3) as WorkloadName) : undefined;
    const route = name && Object.hasOwn(BARE_QUERIES, name) ? BARE_QUERIES[name] : undefined;
    const send = (status: number, value: unknown) => {
      const body = JSON.stringify(value);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    if (!route) return send(404, { error: 'no such query' });
    route(driver, env.database, SUBJECTS).then(
      (value) => send(200, value),
      (error: unknown) => send(500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await serveArm(server, {
    stats: () => ({ requests, queries: null }),
    close: () => driver.close(),
  });
}

main().catch(failArm);
