import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES, renderLineChart, type LineChartSpec } from './line-chart-svg.js';

const ts = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2020, 0, 1 + i));
const base: LineChartSpec = {
  label: 'Equity',
  width: 1000,
  height: 300,
  series: [
    {
      name: 'Strategy',
      x: ts,
      y: Float64Array.from({ length: 10 }, (_, i) => 100 + i),
      className: 'series-equity',
    },
  ],
  yFormat: 'number',
};

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderLineChart', () => {
  it('draws one path per series inside one svg with axis labels', () => {
    const svg = renderLineChart(base);
    expect(
      svg.startsWith('<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 300"'),
    ).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(count(svg, '<path class="line series-equity" d="M')).toBe(1);
    expect(svg).toContain('text-anchor="middle">2020-01-03<'); // ticks on every other midnight
    expect(svg).toContain('text-anchor="middle">2020-01-09<');
    const nine = renderLineChart({
      ...base,
      series: [{ ...base.series[0]!, x: ts.subarray(0, 9), y: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9) }],
    });
    expect(nine).toContain('<text x="984" y="290" text-anchor="end">2020-01-09<'); // kept inside the right edge
    expect(svg).toContain('>100<');
    expect(svg).not.toContain('class="legend"');
  });

  it('escapes the label, legend names and marker titles', () => {
    const svg = renderLineChart({
      ...base,
      label: '<b>',
      legend: true,
      series: [{ ...base.series[0]!, name: 'A&B <i>' }],
      markers: [{ x: ts[2]!, y: 102, side: 'buy', title: '"quoted" <x>' }],
    });
    expect(svg).toContain('aria-label="&lt;b&gt;"');
    expect(svg).toContain('>A&amp;B &lt;i&gt;</text>');
    expect(svg).toContain('<title>&quot;quoted&quot; &lt;x&gt;</title>');
    expect(svg).not.toContain('<i>');
  });

  it('draws buy markers pointing up and sell markers pointing down', () => {
    const svg = renderLineChart({
      ...base,
      markers: [
        { x: ts[1]!, y: 101, side: 'buy', title: 'b' },
        { x: ts[5]!, y: 105, side: 'sell', title: 's' },
        { x: ts[6]!, y: 106, side: 'buy', title: 'b2' },
      ],
    });
    expect(count(svg, 'class="marker-buy"')).toBe(2);
    expect(count(svg, 'class="marker-sell"')).toBe(1);
    expect(svg).toMatch(/class="marker-buy" d="M[\d.]+,[\d.]+l-5,9h10z"/);
    expect(svg).toMatch(/class="marker-sell" d="M[\d.]+,[\d.]+l-5,-9h10z"/);
  });

  it('closes an area down to zero and can pin the top of the axis at zero', () => {
    const y = Float64Array.from({ length: 10 }, (_, i) => -i / 100);
    const svg = renderLineChart({
      ...base,
      series: [{ name: 'Drawdown', x: ts, y, className: 'series-drawdown', area: true }],
      yFormat: 'percent',
      includeZero: true,
      yMax: 0,
    });
    expect(svg).toMatch(/<path class="area-series-drawdown" d="M[^"]+Z"\/>/);
    expect(svg).toContain('>0%<');
    expect(svg).toContain('>-8%<');
    // y = 0 maps to the top of the plot (margin 14): the first point and the area's closing edge sit there.
    expect(svg).toMatch(/d="M64,14 /);
  });

  it('keeps each series within the point budget', () => {
    const n = 50_000;
    const x = Float64Array.from({ length: n }, (_, i) => Date.UTC(2000, 0, 1) + i * 3_600_000);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 100) * 100 + i);
    const svg = renderLineChart({ ...base, series: [{ name: 'Long', x, y, className: 'series-equity' }] });
    const d = /class="line series-equity" d="M([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d.split(' ').length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(d.split(' ').length).toBeGreaterThan(MAX_POINTS_PER_SERIES / 2);
  });

  it('says "No data" for an empty series and handles a flat one', () => {
    const empty = renderLineChart({
      ...base,
      series: [{ ...base.series[0]!, x: new Float64Array(0), y: new Float64Array(0) }],
    });
    expect(empty).toContain('>No data</text>');
    expect(empty).not.toContain('<path');
    const flat = renderLineChart({
      ...base,
      series: [{ ...base.series[0]!, y: new Float64Array(10).fill(5) }],
    });
    expect(flat).toContain('class="line series-equity"');
    expect(flat).not.toContain('NaN');
  });
});
