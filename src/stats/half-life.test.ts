import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { halfLife } from './half-life.js';

function ar1(phi: number, mean: number, length: number, seed: number): Float64Array {
  const rng = new SeededRng(seed);
  const out = new Float64Array(length);
  out[0] = mean;
  for (let t = 1; t < length; t++) out[t] = mean + phi * ((out[t - 1] as number) - mean) + 0.1 * rng.normal();
  return out;
}

describe('halfLife', () => {
  it('is exact for a noiseless geometric decay (hand-worked)', () => {
    // s_t = 10 + 8 · 0.5^t: every step halves the deviation, so b = −0.5 and the half-life is 1 period.
    const spread = Float64Array.from({ length: 20 }, (_, t) => 10 + 8 * 0.5 ** t);
    const result = halfLife(spread);
    expect(result.slope).toBeCloseTo(-0.5, 10);
    expect(result.halfLife).toBeCloseTo(1, 10);
    expect(result.longRunMean).toBeCloseTo(10, 8);
    expect(result.autoregressiveCoefficient).toBeCloseTo(0.5, 10);
  });

  it('recovers the half-life of a simulated AR(1) spread', () => {
    const phi = 0.9;
    const result = halfLife(ar1(phi, 5, 20_000, 7));
    const truth = -Math.LN2 / Math.log(phi); // 6.58 periods
    expect(Math.abs(result.halfLife - truth) / truth).toBeLessThan(0.05);
    expect(result.longRunMean).toBeCloseTo(5, 1);
    expect(result.slopeTValue).toBeLessThan(-10);
  });

  it('differs from the −ln 2 / b approximation by the discretisation term', () => {
    const result = halfLife(ar1(0.5, 0, 5000, 3));
    expect(result.halfLife).toBeLessThan(-Math.LN2 / result.slope);
  });

  it('gives Infinity for a trending series and NaN when the fit overshoots', () => {
    expect(halfLife(Float64Array.from({ length: 50 }, (_, t) => 1.02 ** t)).halfLife).toBe(Infinity);
    expect(
      halfLife(Float64Array.from({ length: 50 }, (_, t) => (t % 2 === 0 ? 1 : -1) * (1 + 0.01 * t))).halfLife,
    ).toBeNaN();
  });

  it('refuses a series too short to regress', () => {
    expect(() => halfLife(Float64Array.of(1, 2))).toThrow(/at least 3 observations, got "2"/);
  });
});
