import { describe, expect, it } from 'vitest';
import type { QuantileForecast } from '../../forecasting/series-forecaster.types.js';
import { combineTimeframes, intervalLevels, pathScore, targetFraction, Z_CLIP } from './trend-signal.js';

const KAPPA_80 = 1.2815515655446004; // Φ⁻¹(0.9)

/** Levels 0.1, 0.5, 0.9; rows are [lower, median, upper] per step. */
function forecast(rows: ReadonlyArray<readonly [number, number, number]>): QuantileForecast {
  return { horizon: rows.length, quantiles: [0.1, 0.5, 0.9], values: Float64Array.from(rows.flat()) };
}

const rules = {
  entryThreshold: 0.5,
  exitThreshold: 0.1,
  fullSizeZ: 2,
  maxPositionPercent: 80,
  allowShort: false,
};

describe('intervalLevels', () => {
  it('finds the median and the central interval bounds, and κ = Φ⁻¹((1 + c) / 2)', () => {
    const levels = intervalLevels([0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995], 0.95, 'nhits');
    expect(levels).toMatchObject({ median: 3, lower: 1, upper: 5 });
    expect(levels.critical).toBeCloseTo(1.959963984540054, 12);
  });

  it('refuses a forecaster without the interval it needs, naming the level', () => {
    expect(() => intervalLevels([0.1, 0.5, 0.9], 0.95, 'lstm')).toThrow(
      'forecaster "lstm" forecasts quantiles [0.1,0.5,0.9]; intervalLevel "0.95" needs level "0.025"',
    );
    expect(() => intervalLevels([0.1, 0.9], 0.8, 'x')).toThrow('needs level "0.5"');
  });
});

describe('pathScore', () => {
  const levels = intervalLevels([0.1, 0.5, 0.9], 0.8, 'test');

  it('averages the clipped z-scores of the steps (hand-worked)', () => {
    // step 1: r = 0.02, s = 8 / (2κ · 100) → z = 0.5κ; step 2: r = -0.03, s = 2 / (2κ · 100) → z = -3κ,
    // clipped to -3; step 3: zero width, up move → +3.
    const path = forecast([
      [98, 102, 106],
      [96, 97, 98],
      [101, 101, 101],
    ]);
    expect(pathScore(path, 100, 1, levels)).toBeCloseTo(0.5 * KAPPA_80, 12);
    expect(pathScore(path, 100, 2, levels)).toBeCloseTo((0.5 * KAPPA_80 - Z_CLIP) / 2, 12);
    expect(pathScore(path, 100, 3, levels)).toBeCloseTo((0.5 * KAPPA_80) / 3, 12);
  });

  it('grows as the interval narrows around the same expected move', () => {
    const wide = pathScore(forecast([[96, 101, 106]]), 100, 1, levels);
    const narrow = pathScore(forecast([[100, 101, 102]]), 100, 1, levels);
    expect(wide).toBeCloseTo(0.2 * KAPPA_80, 12);
    expect(narrow).toBeCloseTo(KAPPA_80, 12);
  });

  it('scores a zero-width forecast of no move as 0', () => {
    expect(pathScore(forecast([[100, 100, 100]]), 100, 1, levels)).toBe(0);
  });
});

describe('combineTimeframes', () => {
  it('weights the two timeframes and is 0 when they disagree', () => {
    expect(combineTimeframes(1, 2, 0.25)).toBeCloseTo(1.25, 12);
    expect(combineTimeframes(-1, -3, 0.5)).toBe(-2);
    expect(combineTimeframes(1.5, -0.2, 0.5)).toBe(0);
    expect(combineTimeframes(1.5, -0.2, 0)).toBe(1.5);
    expect(combineTimeframes(1.5, 0, 0.5)).toBe(0.75);
  });
});

describe('targetFraction', () => {
  it('sizes by maxPositionPercent × min(1, |z| / fullSizeZ)', () => {
    expect(targetFraction(1, 0, rules)).toBeCloseTo(0.4, 12);
    expect(targetFraction(2, 0, rules)).toBeCloseTo(0.8, 12);
    expect(targetFraction(2.9, 0, rules)).toBeCloseTo(0.8, 12);
  });

  it('enters at the entry threshold, holds down to the exit threshold, then goes flat', () => {
    expect(targetFraction(0.4, 0, rules)).toBe(0);
    expect(targetFraction(0.5, 0, rules)).toBeCloseTo(0.2, 12);
    expect(targetFraction(0.2, 1, rules)).toBeCloseTo(0.08, 12);
    expect(targetFraction(0.05, 1, rules)).toBe(0);
    expect(targetFraction(-1, 1, rules)).toBe(0);
  });

  it('goes short only when shorts are allowed, and holds a short the same way', () => {
    expect(targetFraction(-1, 0, rules)).toBe(0);
    const shorts = { ...rules, allowShort: true };
    expect(targetFraction(-1, 0, shorts)).toBeCloseTo(-0.4, 12);
    expect(targetFraction(-0.2, -1, shorts)).toBeCloseTo(-0.08, 12);
    expect(targetFraction(0.05, -1, shorts)).toBe(0);
    expect(targetFraction(1, -1, shorts)).toBeCloseTo(0.4, 12);
  });
});
