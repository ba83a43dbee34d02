import { describe, expect, it } from 'vitest';
import { BarSeries } from '../../data/bar-series.js';
import { benchmarkReturns } from './benchmark-returns.js';

const DAY = 86_400_000;
const daily = (closes: readonly number[], start = 0): BarSeries =>
  BarSeries.fromBars(
    'BM',
    '1d',
    closes.map((c, i) => ({ tsEvent: (start + i) * DAY, open: c, high: c, low: c, close: c, volume: 1 })),
  );

describe('benchmarkReturns', () => {
  it('gives the close-to-close return of the bars complete at each row', () => {
    // Rows at the completion times of days 0..3 (ts + 1 day): closes 100, 110, 99, 99.
    const rows = Float64Array.from([1, 2, 3, 4], (d) => d * DAY);
    const r = benchmarkReturns(daily([100, 110, 99, 99]), rows);
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBeCloseTo(0.1, 15);
    expect(r[2]).toBeCloseTo(99 / 110 - 1, 15);
    expect(r[3]).toBe(0);
  });

  it('never uses a benchmark bar before it is complete', () => {
    // Rows in the middle of each day: the bar of that day is not complete yet, so the previous one counts.
    const rows = Float64Array.from([1.5, 2.5, 3.5], (d) => d * DAY);
    const r = benchmarkReturns(daily([100, 110, 121, 1000]), rows);
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBeCloseTo(0.1, 15); // day 1 (110) over day 0 (100); day 2's 121 is not complete at 2.5.
    expect(r[2]).toBeCloseTo(0.1, 15);
  });

  it('gives NaN before the benchmark starts and 0 while it has no new bar', () => {
    const rows = Float64Array.from([1, 2, 3, 4, 5], (d) => d * DAY);
    const r = benchmarkReturns(daily([50, 55], 2), rows); // complete at days 3 and 4
    expect(Array.from(r.subarray(0, 3), Number.isNaN)).toEqual([true, true, true]);
    expect(r[3]).toBeCloseTo(0.1, 15);
    expect(r[4]).toBe(0);
  });
});
