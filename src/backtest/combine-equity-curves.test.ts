import { describe, expect, it } from 'vitest';
import type { EquityCurve } from './backtest.types.js';
import { combineEquityCurves } from './combine-equity-curves.js';

const curve = (rows: readonly (readonly [number, number, number, number])[]): EquityCurve => ({
  ts: Float64Array.from(rows, (r) => r[0]),
  equity: Float64Array.from(rows, (r) => r[1]),
  cash: Float64Array.from(rows, (r) => r[2]),
  grossExposure: Float64Array.from(rows, (r) => r[3]),
});

describe('combineEquityCurves', () => {
  it('sums sub-accounts on the union of their times, carrying each forward', () => {
    const a = curve([
      [1, 500, 500, 0],
      [2, 510, 100, 410],
      [4, 520, 520, 0],
    ]);
    const b = curve([
      [2, 500, 500, 0],
      [3, 490, 90, 400],
    ]);
    const combined = combineEquityCurves([a, b], [500, 500]);
    expect(Array.from(combined.ts)).toEqual([1, 2, 3, 4]);
    // t=1: a 500 + b not started (its 500 as cash); t=2: 510 + 500; t=3: a carried 510 + 490; t=4: 520 + 490.
    expect(Array.from(combined.equity)).toEqual([1000, 1010, 1000, 1010]);
    expect(Array.from(combined.cash)).toEqual([1000, 600, 190, 610]);
    expect(Array.from(combined.grossExposure)).toEqual([0, 410, 810, 400]);
  });

  it('refuses mismatched starting equities', () => {
    expect(() => combineEquityCurves([curve([[1, 1, 1, 0]])], [])).toThrow(/need as many starting equities/);
  });
});
