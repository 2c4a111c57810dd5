import type { Calibration } from '../../src/draft/calibration';
import type { Figures } from '../../src/draft/score';
import type { BackendMemory } from './draft-backends';
import type { Speed } from './draft-measure';
import type { DocumentResult, PooledFigures } from './draft-run';
import { table } from './report';

/** The compact tables npm run bench:draft prints; the JSON holds everything else. */

const prf = (f: Figures | undefined) =>
  f ? [f.precision, f.recall, f.f1].map((v) => (v === null ? '–' : v.toFixed(2))).join('/') : '–';
const ms = (v: number | undefined) => (v === undefined ? '–' : Math.round(v));

export function documentTable(results: readonly DocumentResult[]): string {
  const rows = results.flatMap((r) =>
    (['leaveOneOut', 'ownEntitiesKnown'] as const).map((linker) => {
      const j = r[linker];
      const s = j?.score;
      const quotes = s?.quotes ? `${s.quotes.verbatim}/${s.quotes.total}` : '–';
      const verdict = r.error ? 'FAILED' : j?.verdict.valid ? 'valid' : `REJECTED (${j?.verdict.errors})`;
      return [
        `${r.id} ${linker === 'leaveOneOut' ? '[loo]' : '[own]'}`,
        r.backend,
        prf(s?.entities),
        prf(s?.stances),
        prf(s?.stances.strict),
        prf(s?.facts),
        quotes,
        verdict,
        linker === 'leaveOneOut' ? ms(r.warm?.parseMsPer1000Words) : '',
        linker === 'leaveOneOut' ? ms(r.warm?.extractMsPer1000Words) : '',
      ];
    }),
  );
  return table(
    [
      'document [linker]',
      'backend',
      'entities P/R/F1',
      'stances P/R/F1',
      'strict P/R/F1',
      'facts P/R/F1',
      'quotes',
      'validator',
      'parse ms/kw',
      'extract ms/kw',
    ],
    rows,
  );
}

export interface BackendSummary {
  name: string;
  first: (Speed & { document: string }) | null;
  warm: Speed | null;
  memory: { before: BackendMemory; after: BackendMemory };
  leaveOneOut: PooledFigures;
  ownEntitiesKnown: PooledFigures;
}

export function backendTable(summaries: readonly BackendSummary[]): string {
  return table(
    [
      'backend [linker]',
      'entities',
      'stances',
      'strict',
      'facts',
      'rejected',
      'first ms/kw',
      'warm ms/kw',
      'memory MB (peak)',
    ],
    summaries.flatMap((s) =>
      (['leaveOneOut', 'ownEntitiesKnown'] as const).map((linker) => {
        const p = s[linker];
        const loo = linker === 'leaveOneOut';
        const m = s.memory.after;
        return [
          `${s.name} ${loo ? '[loo]' : '[own]'}`,
          prf(p.entities),
          prf(p.stances),
          prf(p.stancesStrict),
          prf(p.facts),
          `${p.rejected.length + p.failed.length}`,
          loo ? ms(s.first ? s.first.parseMsPer1000Words + s.first.extractMsPer1000Words : undefined) : '',
          loo ? ms(s.warm ? s.warm.parseMsPer1000Words + s.warm.extractMsPer1000Words : undefined) : '',
          loo ? `${m.process} ${m.rssMb ?? '–'} (${m.peakRssMb ?? '–'})` : '',
        ];
      }),
    ),
  );
}

export function calibrationTable(name: string, c: Calibration): string {
  const rows = c.bands.map((b) => [
    `${name} ${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
    b.count,
    b.correct,
    b.share === null ? '–' : b.share.toFixed(2),
    `${b.byType.entity.correct}/${b.byType.entity.count}`,
    `${b.byType.claim.correct}/${b.byType.claim.count}`,
    `${b.byType.fact.correct}/${b.byType.fact.count}`,
  ]);
  rows.push([
    `${name} > ${c.above.threshold}`,
    c.above.count,
    c.above.correct,
    c.above.share === null ? '–' : c.above.share.toFixed(2),
    '',
    '',
    '',
  ]);
  return table(['confidence band', 'items', 'right', 'share', 'entities', 'claims', 'facts'], rows);
}
