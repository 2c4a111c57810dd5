/**
 * npm run bench:plot [-- --in bench/results/ingest-<date>.json --out docs/img/scaling.svg]
 *
 * Draws the scaling curves of a `npm run bench:ingest` result as an SVG (no dependencies): each root
 * field's GraphQL p50 against the number of relationships in the graph, log–log (left), and the same as a
 * ratio to its seed-size p50, with the 1.5× target (right). Without --in, the newest
 * bench/results/ingest-*.json that has a curve.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CurvePoint } from './lib/scale-tables';

interface Series {
  name: string;
  points: { x: number; y: number; ratio: number }[];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v));

/** Series of every root field that answered at the seed and at one size at least. */
export function seriesOf(curve: CurvePoint[]): Series[] {
  const seed = curve[0];
  return seed.rootFields
    .filter((f) => !f.error && f.graphqlMs.p50 > 0)
    .map((f) => ({
      name: f.name,
      points: curve
        .map((p) => ({ p, t: p.rootFields.find((g) => g.name === f.name) }))
        .filter(({ t }) => t && !t.error && t.graphqlMs.p50 > 0)
        .map(({ p, t }) => ({
          x: p.size.relationships,
          y: t!.graphqlMs.p50,
          ratio: t!.graphqlMs.p50 / f.graphqlMs.p50,
        })),
    }))
    .filter((s) => s.points.length > 1);
}

/** A distinct colour and dash for series i of n. */
function style(i: number, n: number): { color: string; dash: string } {
  const hue = Math.round((i * 360) / n);
  const dashes = ['', '6 3', '2 3', '8 3 2 3'];
  return { color: `hsl(${hue} 70% 38%)`, dash: dashes[i % dashes.length] };
}

export function renderSvg(curve: CurvePoint[], caption: string, target = 1.5): string {
  const series = seriesOf(curve);
  const W = 1240;
  const H = 560;
  const panel = { w: 380, h: 380, top: 60 };
  const lefts = [70, 540];
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  // The data's own range, a little wider in log space; grid lines at the decades inside it.
  const xMin = Math.min(...xs) / 1.5;
  const xMax = Math.max(...xs) * 1.5;
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...ys)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
  const ratios = series.flatMap((s) => s.points.map((p) => p.ratio));
  const rMin = Math.min(0.5, ...ratios) / 1.2;
  const rMax = Math.max(2, ...ratios) * 1.2;
  const lx = (v: number, left: number) =>
    left + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * panel.w;
  const ly = (v: number) =>
    panel.top +
    panel.h -
    ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * panel.h;
  const ry = (v: number) =>
    panel.top +
    panel.h -
    ((Math.log10(v) - Math.log10(rMin)) / (Math.log10(rMax) - Math.log10(rMin))) * panel.h;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">Root fields at their default page size: GraphQL p50 as the graph grows</text>`,
  );
  // Axes and grids.
  for (const [k, left] of lefts.entries()) {
    out.push(
      `<rect x="${left}" y="${panel.top}" width="${panel.w}" height="${panel.h}" fill="none" stroke="#888"/>`,
    );
    for (let d = Math.ceil(Math.log10(xMin)); d <= Math.log10(xMax); d++) {
      const x = lx(10 ** d, left);
      out.push(
        `<line x1="${x}" y1="${panel.top}" x2="${x}" y2="${panel.top + panel.h}" stroke="#e4e4e4"/>`,
        `<text x="${x}" y="${panel.top + panel.h + 16}" text-anchor="middle">${fmt(10 ** d)}</text>`,
      );
    }
    out.push(
      `<text x="${left + panel.w / 2}" y="${panel.top + panel.h + 34}" text-anchor="middle">relationships in the graph (log)</text>`,
    );
    if (k === 0) {
      for (let d = Math.log10(yMin); d <= Math.log10(yMax); d++) {
        const y = ly(10 ** d);
        out.push(
          `<line x1="${left}" y1="${y}" x2="${left + panel.w}" y2="${y}" stroke="#e4e4e4"/>`,
          `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${10 ** d}</text>`,
        );
      }
      out.push(
        `<text transform="translate(${left - 48} ${panel.top + panel.h / 2}) rotate(-90)" text-anchor="middle">p50 ms (log)</text>`,
      );
    } else {
      for (const v of [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter(
        (t) => t >= rMin && t <= rMax,
      )) {
        const y = ry(v);
        out.push(
          `<line x1="${left}" y1="${y}" x2="${left + panel.w}" y2="${y}" stroke="#e4e4e4"/>`,
          `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${v}</text>`,
        );
      }
      const y = ry(target);
      out.push(
        `<line x1="${left}" y1="${y}" x2="${left + panel.w}" y2="${y}" stroke="#c00" stroke-width="1.5" stroke-dasharray="5 4"/>`,
        `<text x="${left + panel.w - 4}" y="${y - 5}" text-anchor="end" fill="#c00">target ≤ ${target}× seed</text>`,
        `<text transform="translate(${left - 40} ${panel.top + panel.h / 2}) rotate(-90)" text-anchor="middle">p50 ÷ seed-size p50 (log)</text>`,
      );
    }
  }
  // Series.
  series.forEach((s, i) => {
    const { color, dash } = style(i, series.length);
    const attrs = `fill="none" stroke="${color}" stroke-width="1.6"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
    const abs = s.points.map((p) => `${lx(p.x, lefts[0]).toFixed(1)},${ly(p.y).toFixed(1)}`).join(' ');
    const rel = s.points.map((p) => `${lx(p.x, lefts[1]).toFixed(1)},${ry(p.ratio).toFixed(1)}`).join(' ');
    out.push(
      `<polyline points="${abs}" ${attrs}><title>${esc(s.name)}</title></polyline>`,
      `<polyline points="${rel}" ${attrs}><title>${esc(s.name)}</title></polyline>`,
    );
    const last = s.points[s.points.length - 1];
    const ly0 = 70 + i * 19;
    out.push(
      `<line x1="960" y1="${ly0}" x2="985" y2="${ly0}" ${attrs}/>`,
      `<text x="990" y="${ly0 + 4}">${esc(s.name)} ${last.ratio.toFixed(2)}×</text>`,
    );
  });
  out.push(
    `<text x="960" y="56" font-weight="bold">field: ratio at ${fmt(Math.round(curve[curve.length - 1].size.relationships / 1e4) * 1e4)}</text>`,
    `<text x="${W / 2}" y="${H - 14}" text-anchor="middle" fill="#555">${esc(caption)}</text>`,
    '</svg>',
  );
  return out.join('\n') + '\n';
}

function newestResult(): string {
  const dir = path.join(__dirname, 'results');
  const files = readdirSync(dir)
    .filter((f) => /^ingest-.*\.json$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => Array.isArray((JSON.parse(readFileSync(f, 'utf8')) as { curve?: unknown }).curve))
    .sort();
  if (!files.length)
    throw new Error('no bench/results/ingest-*.json with a curve: run npm run bench:ingest first');
  return files[files.length - 1];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string', default: path.join(__dirname, '..', 'docs', 'img', 'scaling.svg') },
    },
  });
  const input = values.in ?? newestResult();
  const result = JSON.parse(readFileSync(input, 'utf8')) as {
    command: string;
    date: string;
    curve?: CurvePoint[];
    machine?: { nproc?: number };
  };
  if (!result.curve || result.curve.length < 2)
    throw new Error(`${input} has no scaling curve (two sizes at least): made by an older bench:ingest?`);
  const caption = `${result.command} · ${result.date} · ${path.basename(input)} · ${result.machine?.nproc ?? '?'} cores`;
  mkdirSync(path.dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, renderSvg(result.curve, caption));
  process.stderr.write(`[plot] wrote ${values.out} from ${input}\n`);
}

if (require.main === module) main();
