import { describe, expect, it } from 'vitest';
import { BarSeries } from './bar-series.js';
import { summarizeSeries } from './series-summary.js';

function closes(values: number[]): BarSeries {
  return BarSeries.fromBars(
    'TEST',
    '1d',
    values.map((close, i) => ({
      tsEvent: i * 86_400_000,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    })),
  );
}

describe('summarizeSeries', () => {
  it('matches a hand-worked example', () => {
    // returns: +10%, -20%, +25% ; closes 100, 110, 88, 110
    const s = summarizeSeries(closes([100, 110, 88, 110]), 252);
    expect(s.totalReturn).toBeCloseTo(0.1, 12);
    expect(s.annualizedReturn).toBeCloseTo(Math.pow(1.1, 252 / 3) - 1, 6);
    const r = [0.1, -0.2, 0.25];
    const mean = (0.1 - 0.2 + 0.25) / 3;
    const variance = r.reduce((acc, x) => acc + (x - mean) ** 2, 0) / 2;
    expect(s.annualizedVolatility).toBeCloseTo(Math.sqrt(variance * 252), 12);
    expect(s.maxDrawdown).toBeCloseTo(0.2, 12); // 110 -> 88
    expect(s.bars).toBe(4);
    expect(s.firstClose).toBe(100);
    expect(s.lastClose).toBe(110);
  });

  it('gives NaN statistics for a series too short to have returns', () => {
    const s = summarizeSeries(closes([100]), 252);
    expect(s.totalReturn).toBeNaN();
    expect(s.annualizedVolatility).toBeNaN();
    expect(s.maxDrawdown).toBeNaN();
  });

  it('reports no drawdown for a rising series', () => {
    expect(summarizeSeries(closes([1, 2, 3, 4]), 252).maxDrawdown).toBe(0);
  });
});
