import { describe, expect, it } from 'vitest';
import { sortedQuantile, sortedTailMean } from './sample-quantile.js';

describe('sortedQuantile', () => {
  const x = Float64Array.from([1, 2, 3, 4, 5]);

  it('interpolates between order statistics as R quantile type 7 does', () => {
    // h = (n − 1)p: p = 0.05 → h = 0.2 → 0.8·1 + 0.2·2 = 1.2; p = 0.5 → h = 2 → x[2] = 3;
    // p = 0.9 → h = 3.6 → 0.4·4 + 0.6·5 = 4.6; p = 0 and 1 give the extremes.
    expect(sortedQuantile(x, 0.05)).toBeCloseTo(1.2, 15);
    expect(sortedQuantile(x, 0.5)).toBe(3);
    expect(sortedQuantile(x, 0.9)).toBeCloseTo(4.6, 15);
    expect(sortedQuantile(x, 0)).toBe(1);
    expect(sortedQuantile(x, 1)).toBe(5);
    expect(sortedQuantile(Float64Array.from([7]), 0.3)).toBe(7);
  });

  it('rejects an empty sample and a probability outside [0, 1]', () => {
    expect(() => sortedQuantile(new Float64Array(0), 0.5)).toThrow('at least one value');
    expect(() => sortedQuantile(x, 1.5)).toThrow('probability "1.5" must be between 0 and 1');
  });
});

describe('sortedTailMean', () => {
  it('averages the values strictly below the threshold and falls back to the threshold', () => {
    // below 3.5: 1, 2, 3 → 2; below 3: 1, 2 → 1.5 (3 itself is not strictly below); below 1: none → 1
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    expect(sortedTailMean(x, 3.5)).toBe(2);
    expect(sortedTailMean(x, 3)).toBe(1.5);
    expect(sortedTailMean(x, 1)).toBe(1);
  });
});
