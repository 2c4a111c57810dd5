import { renderSvg, seriesOf } from '../../bench/plot';
import type { CurvePoint } from '../../bench/lib/scale-tables';

const point = (relationships: number, fields: [string, number, string?][]): CurvePoint => ({
  size: { relationships, nodes: relationships / 5, documents: relationships / 300 },
  rootFields: fields.map(([name, p50, error]) => ({
    name,
    graphqlMs: { p50, p95: p50 * 2 },
    size: 20,
    bytes: 100,
    samples: 100,
    ...(error ? { error } : {}),
  })),
});

describe('bench:plot (the scaling curve drawn from bench:ingest JSON)', () => {
  const curve = [
    point(900, [
      ['stances', 4],
      ['graph', 10],
      ['broken', 3],
    ]),
    point(100_000, [
      ['stances', 5],
      ['graph', 30],
      ['broken', NaN, 'HTTP 500'],
    ]),
    point(1_000_000, [
      ['stances', 6],
      ['graph', 40],
      ['broken', NaN, 'HTTP 500'],
    ]),
  ];

  it('makes one series per field that answered at two sizes, as ratios to its seed-size p50', () => {
    const series = seriesOf(curve);
    expect(series.map((s) => s.name)).toEqual(['stances', 'graph']);
    expect(series[0].points.map((p) => p.ratio)).toEqual([1, 1.25, 1.5]);
    expect(series[1].points.map((p) => p.x)).toEqual([900, 100_000, 1_000_000]);
  });

  it('draws both panels, the target line and a legend with each field’s ratio at the largest size', () => {
    const svg = renderSvg(curve, 'npm run bench:ingest <caption>');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('target ≤ 1.5× seed');
    expect(svg).toContain('graph 4.00×');
    expect(svg).toContain('stances 1.50×');
    expect(svg).toContain('&lt;caption&gt;');
    expect(svg).not.toContain('broken');
  });
});
