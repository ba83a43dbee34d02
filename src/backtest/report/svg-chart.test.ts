import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  downsampleMinMax,
  linePath,
  linearScale,
  niceStep,
  niceTicks,
  svgNumber,
  timeTicks,
} from './svg-chart.js';

const identity = (v: number): number => v;

describe('linearScale', () => {
  it('maps the domain ends onto the range ends, including an inverted range', () => {
    const scale = linearScale(10, 20, 300, 100);
    expect(scale(10)).toBe(300);
    expect(scale(20)).toBe(100);
    expect(scale(15)).toBe(200);
  });

  it('maps a degenerate domain to the middle of the range', () => {
    expect(linearScale(5, 5, 0, 100)(5)).toBe(50);
  });
});

describe('svgNumber', () => {
  it('rounds to one decimal and never prints a negative zero', () => {
    expect(svgNumber(12.345)).toBe('12.3');
    expect(svgNumber(12.35)).toBe('12.4');
    expect(svgNumber(-0.01)).toBe('0');
    expect(svgNumber(7)).toBe('7');
  });
});

describe('niceTicks', () => {
  it('chooses 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(0.9, 5)).toBe(0.2);
    expect(niceStep(12, 5)).toBe(2.5);
    expect(niceStep(45, 5)).toBe(10);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('lists the multiples of the step inside the domain', () => {
    expect(niceTicks(0.95e6, 1.62e6, 5)).toEqual({ ticks: [1e6, 1.2e6, 1.4e6, 1.6e6], step: 2e5 });
    expect(niceTicks(-0.43, 0, 5).ticks.map((t) => Math.round(t * 100) / 100)).toEqual([
      -0.4, -0.3, -0.2, -0.1, 0,
    ]);
  });

  it('handles a single value and non-finite bounds', () => {
    expect(niceTicks(3, 3, 5)).toEqual({ ticks: [3], step: 1 });
    expect(niceTicks(Number.NaN, 3, 5)).toEqual({ ticks: [], step: 1 });
  });
});

describe('timeTicks', () => {
  it('puts ticks on 1 January for spans of years', () => {
    const ticks = timeTicks(Date.UTC(2015, 0, 2), Date.UTC(2024, 11, 31), 8);
    expect(ticks.map((t) => t.label)).toEqual(['2016', '2018', '2020', '2022', '2024']);
    expect(ticks[0]?.ts).toBe(Date.UTC(2016, 0, 1));
  });

  it('puts ticks on the first of the month for spans of months', () => {
    const ticks = timeTicks(Date.UTC(2020, 0, 15), Date.UTC(2020, 5, 20), 8);
    expect(ticks.map((t) => t.label)).toEqual(['2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
    const sparse = timeTicks(Date.UTC(2020, 0, 15), Date.UTC(2021, 10, 20), 8);
    expect(sparse.map((t) => t.label)).toEqual([
      '2020-04',
      '2020-07',
      '2020-10',
      '2021-01',
      '2021-04',
      '2021-07',
      '2021-10',
    ]);
  });

  it('puts ticks on midnights for spans of days and on evenly spaced times within a day', () => {
    const days = timeTicks(Date.UTC(2020, 0, 1, 9), Date.UTC(2020, 0, 6, 9), 8);
    expect(days.map((t) => t.label)).toEqual([
      '2020-01-02',
      '2020-01-03',
      '2020-01-04',
      '2020-01-05',
      '2020-01-06',
    ]);
    const intraday = timeTicks(Date.UTC(2020, 0, 1, 9, 30), Date.UTC(2020, 0, 1, 16), 2);
    expect(intraday.map((t) => t.label)).toEqual([
      '2020-01-01 09:30',
      '2020-01-01 12:45',
      '2020-01-01 16:00',
    ]);
  });

  it('gives one tick for a single instant and none for non-finite bounds', () => {
    expect(timeTicks(Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 1), 8)).toEqual([
      { ts: Date.UTC(2020, 0, 1), label: '2020-01-01' },
    ]);
    expect(timeTicks(Number.NaN, 1, 8)).toEqual([]);
  });
});

describe('downsampleMinMax', () => {
  it('returns a small series unchanged', () => {
    const series = { x: Float64Array.of(1, 2, 3), y: Float64Array.of(5, 6, 7) };
    expect(downsampleMinMax(series, 10)).toBe(series);
  });

  it('keeps the extremes, the first and last points, and the order of a large series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 500 }),
        (values, maxPoints) => {
          const y = Float64Array.from(values);
          const x = Float64Array.from(values, (_, i) => i * 10);
          const out = downsampleMinMax({ x, y }, maxPoints);
          expect(out.y.length).toBeLessThanOrEqual(Math.max(maxPoints, 4));
          expect(Math.min(...out.y)).toBe(Math.min(...y));
          expect(Math.max(...out.y)).toBe(Math.max(...y));
          expect(out.x[0]).toBe(0);
          expect(out.x[out.x.length - 1]).toBe((y.length - 1) * 10);
          for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1] as number);
          for (let i = 0; i < out.x.length; i++) expect(out.y[i]).toBe(y[(out.x[i] as number) / 10]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reduces a million points to at most the limit and keeps a one-bar spike', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5000));
    y[654_321] = 50;
    y[123_456] = -50;
    const out = downsampleMinMax({ x, y }, 2000);
    expect(out.y.length).toBeLessThanOrEqual(2000);
    expect(out.y.length).toBeGreaterThan(1900);
    expect(Array.from(out.x)).toContain(654_321);
    expect(Array.from(out.x)).toContain(123_456);
  });

  it('drops non-finite values, small or large', () => {
    const small = downsampleMinMax({ x: Float64Array.of(0, 1, 2), y: Float64Array.of(Number.NaN, 4, 5) }, 10);
    expect(Array.from(small.x)).toEqual([1, 2]);
    expect(Array.from(small.y)).toEqual([4, 5]);
    const y = Float64Array.from({ length: 100 }, (_, i) =>
      i < 3 || i > 96 || (i >= 40 && i < 60) ? Number.NaN : i,
    );
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const out = downsampleMinMax({ x, y }, 10);
    expect(out.y.every((v) => Number.isFinite(v))).toBe(true);
    expect(out.x[0]).toBe(3);
    expect(out.x[out.x.length - 1]).toBe(96);
  });
});

describe('linePath', () => {
  it('writes a moveto followed by implicit linetos, skipping repeats and non-finite points', () => {
    const path = linePath(
      { x: Float64Array.of(0, 1, 1.01, 2, 3), y: Float64Array.of(0, 10, 10, Number.NaN, 5.55) },
      identity,
      (v) => 100 - v,
    );
    expect(path).toBe('M0,100 1,90 3,94.5');
  });

  it('is empty when no point is drawable', () => {
    expect(linePath({ x: Float64Array.of(1), y: Float64Array.of(Number.NaN) }, identity, identity)).toBe('');
  });
});
