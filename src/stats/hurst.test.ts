import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import type { HurstMethod } from './hurst.js';
import { hurstExponent } from './hurst.js';

type Kind = 'random walk' | 'mean-reverting AR(1), φ = 0.9' | 'trending: AR(1) increments, φ = 0.8';

function simulate(kind: Kind, length: number, seed: number): Float64Array {
  const rng = new SeededRng(seed);
  const x = new Float64Array(length);
  let increment = 0;
  for (let t = 1; t < length; t++) {
    const shock = rng.normal();
    const previous = x[t - 1] as number;
    if (kind === 'random walk') x[t] = previous + shock;
    else if (kind === 'mean-reverting AR(1), φ = 0.9') x[t] = 0.9 * previous + shock;
    else {
      increment = 0.8 * increment + shock;
      x[t] = previous + increment;
    }
  }
  return x;
}

const methods: HurstMethod[] = ['variance-of-differences', 'rescaled-range'];

describe('hurstExponent', () => {
  it.each(methods)('is about 0.5 for random walks (%s)', (method) => {
    for (const seed of [1, 2, 3]) {
      const { hurst } = hurstExponent(simulate('random walk', 20_000, seed), { method });
      // R/S carries its known small-window upward bias (documented), hence the wider upper bound.
      expect(hurst).toBeGreaterThan(0.45);
      expect(hurst).toBeLessThan(method === 'rescaled-range' ? 0.6 : 0.55);
    }
  });

  it.each(methods)('is well below 0.5 for a mean-reverting series (%s)', (method) => {
    for (const seed of [1, 2, 3]) {
      expect(
        hurstExponent(simulate('mean-reverting AR(1), φ = 0.9', 20_000, seed), { method }).hurst,
      ).toBeLessThan(0.35);
    }
  });

  it.each(methods)('is above 0.6 for a trending (persistent) series (%s)', (method) => {
    for (const seed of [1, 2, 3]) {
      expect(
        hurstExponent(simulate('trending: AR(1) increments, φ = 0.8', 20_000, seed), { method }).hurst,
      ).toBeGreaterThan(0.6);
    }
  });

  it('computes σ(τ) and the log-log slope by hand for a small series', () => {
    // x = 0, 1, 3, 6, 10: lag-1 differences 1, 2, 3, 4 (population variance 1.25), lag-2 differences 3, 5, 7
    // (variance 8/3); with two points the slope is ln(σ(2)/σ(1)) / ln 2.
    const result = hurstExponent(Float64Array.of(0, 1, 3, 6, 10), { minLag: 1, maxLag: 2 });
    expect(Array.from(result.scales)).toEqual([1, 2]);
    expect(result.statistics[0]).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(result.statistics[1]).toBeCloseTo(Math.sqrt(8 / 3), 14);
    expect(result.hurst).toBeCloseTo(Math.log(Math.sqrt(8 / 3) / Math.sqrt(1.25)) / Math.LN2, 14);
    expect(result.intercept).toBeCloseTo(Math.log(Math.sqrt(1.25)), 14);
    expect(result.method).toBe('variance-of-differences');
  });

  it('uses window sizes about √2 apart for the rescaled range, ending at maxLag', () => {
    const { scales } = hurstExponent(simulate('random walk', 1000, 4), {
      method: 'rescaled-range',
      minLag: 8,
      maxLag: 100,
    });
    expect(Array.from(scales)).toEqual([8, 11, 15, 21, 29, 41, 57, 80, 100]);
  });

  it('refuses bad lags, methods and non-finite input with a message that names them', () => {
    const walk = simulate('random walk', 100, 1);
    expect(() => hurstExponent(walk, { minLag: 5, maxLag: 5 })).toThrow(/"5..5" must be integers/);
    expect(() => hurstExponent(walk, { maxLag: 99 })).toThrow(/maxLag <= 98 for 100 observations/);
    expect(() => hurstExponent(walk, { method: 'rescaled-range', minLag: 1 })).toThrow(/2 <= minLag/);
    expect(() => hurstExponent(walk, { method: 'dfa' as HurstMethod })).toThrow(/"dfa"/);
    expect(() => hurstExponent(Float64Array.of(1, Number.NaN, 3, 4, 5, 6, 7, 8, 9))).toThrow(
      /"NaN" at index 1/,
    );
  });
});
