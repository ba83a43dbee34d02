import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { normalCdf } from '../../stats/normal-distribution.js';
import { normalQuantile } from '../baselines/normal-quantile.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import { centralIntervals, intervalCoverage, pinballLoss, quantilePath } from './probabilistic-metrics.js';

describe('pinballLoss', () => {
  it('gives the hand-worked quantile loss', () => {
    // y - q = -2, 5. τ = 0.9: max(-1.8, 0.2) = 0.2, max(4.5, -0.5) = 4.5 → 2.35.
    // τ = 0.1: max(-0.2, 1.8) = 1.8, max(0.5, -4.5) = 0.5 → 1.15.
    const actual = Float64Array.of(10, 20);
    const quantile = Float64Array.of(12, 15);
    expect(pinballLoss(actual, quantile, 0.9)).toBeCloseTo(2.35, 14);
    expect(pinballLoss(actual, quantile, 0.1)).toBeCloseTo(1.15, 14);
    expect(pinballLoss(actual, quantile, 0.5)).toBe(1.75); // half the MAE of 3.5
  });

  it('is smallest at the true quantile of the data', () => {
    const rng = new SeededRng(5);
    const actual = Float64Array.from({ length: 20_000 }, () => rng.normal());
    const loss = (q: number): number => pinballLoss(actual, new Float64Array(actual.length).fill(q), 0.9);
    const truth = normalQuantile(0.9);
    expect(loss(truth)).toBeLessThan(loss(truth - 0.1));
    expect(loss(truth)).toBeLessThan(loss(truth + 0.1));
  });

  it('gives 2 × mean pinball ≈ the closed-form normal CRPS with dense even levels', () => {
    // CRPS(N(0, 1), y) = y (2Φ(y) - 1) + 2φ(y) - 1/√π (Gneiting & Raftery 2007); levels (i - 0.5)/400.
    const y = 0.7;
    const levels = Array.from({ length: 400 }, (_, i) => (i + 0.5) / 400);
    const mean =
      levels.reduce((sum, level) => sum + pinballLoss([y], [normalQuantile(level)], level), 0) /
      levels.length;
    const density = Math.exp(-(y * y) / 2) / Math.sqrt(2 * Math.PI);
    const exact = y * (2 * normalCdf(y) - 1) + 2 * density - 1 / Math.sqrt(Math.PI);
    expect(2 * mean).toBeCloseTo(exact, 4);
  });

  it('refuses a level outside (0, 1) and mismatched lengths', () => {
    expect(() => pinballLoss([1], [1], 1)).toThrow('quantile level "1" must be in (0, 1)');
    expect(() => pinballLoss([1], [1, 2], 0.5)).toThrow('quantile forecasts "2" must be as many');
  });
});

describe('intervalCoverage', () => {
  it('counts values inside the bounds, bounds included', () => {
    expect(intervalCoverage([1, 5, 3, 10], [0, 0, 3, 0], [2, 4, 4, 10])).toBe(0.75);
    expect(() => intervalCoverage([1], [0, 0], [2])).toThrow('interval bounds "2" and "1"');
  });
});

describe('centralIntervals', () => {
  it('pairs the default levels into 80%, 95% and 99% intervals, innermost first', () => {
    expect(centralIntervals(DEFAULT_QUANTILES)).toEqual([
      { level: 0.8, lowerIndex: 2, upperIndex: 4 },
      { level: 0.95, lowerIndex: 1, upperIndex: 5 },
      { level: 0.99, lowerIndex: 0, upperIndex: 6 },
    ]);
  });

  it('skips levels without a mirror', () => {
    expect(centralIntervals([0.05, 0.25, 0.5, 0.75])).toEqual([{ level: 0.5, lowerIndex: 1, upperIndex: 3 }]);
    expect(centralIntervals([0.5])).toEqual([]);
  });
});

describe('quantilePath', () => {
  it('reads one level across the steps and refuses a bad index', () => {
    const forecast = { horizon: 2, quantiles: [0.1, 0.5, 0.9], values: Float64Array.of(1, 2, 3, 4, 5, 6) };
    expect(Array.from(quantilePath(forecast, 2))).toEqual([3, 6]);
    expect(() => quantilePath(forecast, 3)).toThrow('quantile index "3" must be in [0, 2]');
  });
});
