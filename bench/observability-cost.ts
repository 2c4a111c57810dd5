/**
 * npx tsx bench/observability-cost.ts [-- --requests 200000 --rounds 5]
 *
 * The CPU the request observer (src/api/observability/requests.ts) spends on one /graphql query, with and
 * without metrics and the request log, measured in this one process (process.cpuUsage) so that other work
 * on the machine hardly moves it: what bench/observability-overhead.ts measures end to end, isolated.
 * Each request goes the way the service takes it: start (timing, client id), enter (its async context),
 * Apollo's two hooks, one Cypher round trip, then the close of the response (metrics, the log line).
 * The log goes to a file, as a collector would read it (pino's synchronous writes, one per line).
 * Writes bench/results/observability-cost-<date>.json.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type express from 'express';
import pino from 'pino';
import { createLogger } from '../src/logger';
import { Metrics } from '../src/api/observability/metrics';
import { RequestObserver } from '../src/api/observability/requests';
import { Tokens } from '../src/api/security/tokens';
import { HTTP_STATUS } from '../src/domain/errors';
import { machine, stamp } from './lib/proc';
import { writeResult } from './lib/report';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Variant {
  name: string;
  metrics: boolean;
  level: string;
}

const VARIANTS: Variant[] = [
  { name: 'defaults (metrics off, LOG_LEVEL=warn)', metrics: false, level: 'warn' },
  { name: 'METRICS=on', metrics: true, level: 'warn' },
  { name: 'LOG_LEVEL=info', metrics: false, level: 'info' },
  { name: 'METRICS=on LOG_LEVEL=info', metrics: true, level: 'info' },
];

async function measure(
  variant: Variant,
  requests: number,
  file: string,
): Promise<{ cpuUs: number; logBytes: number }> {
  const destination = pino.destination({ dest: file, sync: true });
  const logger = createLogger(variant.level, destination);
  const metrics = variant.metrics
    ? new Metrics({ knownOperations: new Set(['Supporters']), knownCodes: HTTP_STATUS })
    : undefined;
  const observer = new RequestObserver({ logger, metrics, tokens: new Tokens({}) });
  const operation = { operation: 'query', selectionSet: { selections: [] } };
  const sizeBefore = statSync(file).size;
  const started = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const req = {
      headers: {},
      ip: '127.0.0.1',
      body: { operationName: 'Supporters' },
    } as unknown as express.Request;
    const res = Object.assign(new EventEmitter(), { writableFinished: true, statusCode: 200, locals: {} });
    observer.start(req, res as unknown as express.Response, () => {});
    await new Promise<void>((resolve) =>
      observer.enter(req, res as unknown as express.Response, () => {
        void (async () => {
          const apollo = await observer.plugin().requestDidStart!({} as never);
          await apollo?.didResolveOperation?.({ operation, operationName: 'Supporters' } as never);
          observer.roundTrip({ name: 'queries/stances', mode: 'READ', seconds: 0.002, ok: true });
          await apollo?.willSendResponse?.({
            response: { body: { kind: 'single', singleResult: { data: {} } } },
          } as never);
          resolve();
        })();
      }),
    );
    res.emit('close');
  }
  const used = process.cpuUsage(started);
  destination.flushSync();
  return {
    cpuUs: (used.user + used.system) / requests,
    logBytes: (statSync(file).size - sizeBefore) / requests,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } },
  });
  const requests = Number(values.requests);
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stancegraph-observability-cost-'));
  const when = stamp();
  try {
    const results: { variant: string; round: number; cpuUsPerRequest: number; logBytesPerRequest: number }[] =
      [];
    // A warm-up of each variant (JIT), then the rounds, the variants' order reversed every other round.
    for (const [i, v] of VARIANTS.entries())
      await measure(v, Math.min(requests, 20_000), path.join(dir, `warm-${i}.log`));
    for (let r = 0; r < rounds; r++) {
      for (const v of r % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        const m = await measure(v, requests, path.join(dir, `${VARIANTS.indexOf(v)}.log`));
        results.push({
          variant: v.name,
          round: r,
          cpuUsPerRequest: round(m.cpuUs),
          logBytesPerRequest: round(m.logBytes, 1),
        });
        process.stderr.write(
          `[bench:observability-cost] ${v.name} round ${r + 1}: ${round(m.cpuUs)} µs CPU/request\n`,
        );
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const summary = Object.fromEntries(
      VARIANTS.map((v) => [
        v.name,
        median(results.filter((r) => r.variant === v.name).map((r) => r.cpuUsPerRequest)),
      ]),
    );
    const file = writeResult('observability-cost', when.date, {
      command: `npx tsx bench/observability-cost.ts ${process.argv.slice(2).join(' ')}`.trim(),
      date: when.time,
      machine: { ...machine(), loadAverageAtEnd: os.loadavg().map((l) => round(l)) },
      settings: { requests, rounds },
      medianCpuUsPerRequest: summary,
      results,
    });
    process.stderr.write(
      `[bench:observability-cost] ${JSON.stringify(summary)}; wrote ${path.relative(process.cwd(), file)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
