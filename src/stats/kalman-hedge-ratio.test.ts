import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { kalmanHedgeRatio } from './kalman-hedge-ratio.js';

/** x: a random walk around 50; y = α + β_t x + N(0, 0.05²) noise, β_t given per step. */
function pair(
  length: number,
  alpha: number,
  betaAt: (t: number) => number,
  seed: number,
): { x: Float64Array; y: Float64Array } {
  const rng = new SeededRng(seed);
  const x = new Float64Array(length);
  const y = new Float64Array(length);
  let level = 50;
  for (let t = 0; t < length; t++) {
    level += 0.5 * rng.normal();
    x[t] = level;
    y[t] = alpha + betaAt(t) * level + 0.05 * rng.normal();
  }
  return { x, y };
}

describe('kalmanHedgeRatio', () => {
  it('recovers a known constant hedge ratio and intercept', () => {
    const { x, y } = pair(2000, 3, () => 1.7, 1);
    const result = kalmanHedgeRatio(y, x, { delta: 1e-5, observationVariance: 0.0025 });
    for (let t = 500; t < 2000; t++) expect(Math.abs((result.beta[t] as number) - 1.7)).toBeLessThan(0.02);
    expect(result.alpha[1999]).toBeGreaterThan(2);
    expect(result.alpha[1999]).toBeLessThan(4);
    // The forecast errors look like the observation noise once the filter has converged.
    let squares = 0;
    for (let t = 1000; t < 2000; t++) squares += (result.spread[t] as number) ** 2;
    expect(Math.sqrt(squares / 1000)).toBeLessThan(0.1);
  });

  it('tracks a step change of the hedge ratio', () => {
    const { x, y } = pair(1000, 0.5, (t) => (t < 500 ? 1 : 2), 2);
    const result = kalmanHedgeRatio(y, x, { delta: 1e-4, observationVariance: 0.0025 });
    for (let t = 200; t < 500; t++) expect(Math.abs((result.beta[t] as number) - 1)).toBeLessThan(0.05);
    // The break shows up as a large forecast error at t = 500 …
    const z = (result.spread[500] as number) / Math.sqrt(result.spreadVariance[500] as number);
    expect(Math.abs(z)).toBeGreaterThan(10);
    // … and β has moved to the new value within 100 steps.
    for (let t = 600; t < 1000; t++) expect(Math.abs((result.beta[t] as number) - 2)).toBeLessThan(0.05);
  });

  it('computes the first update by hand', () => {
    // Prior θ = 0, P = I, V = 1: F = (2, 1), e = 5, Q = 4 + 1 + 1 = 6, K = (2, 1)/6.
    const result = kalmanHedgeRatio(Float64Array.of(5), Float64Array.of(2), { observationVariance: 1 });
    expect(result.spread[0]).toBe(5);
    expect(result.spreadVariance[0]).toBe(6);
    expect(result.beta[0]).toBeCloseTo(10 / 6, 15);
    expect(result.alpha[0]).toBeCloseTo(5 / 6, 15);
  });

  it('only predicts across missing observations', () => {
    const { x, y } = pair(100, 1, () => 1.2, 3);
    y[50] = Number.NaN;
    const result = kalmanHedgeRatio(y, x);
    expect(result.spread[50]).toBeNaN();
    expect(result.spreadVariance[50]).toBeNaN();
    expect(result.beta[50]).toBe(result.beta[49]);
    expect(result.alpha[50]).toBe(result.alpha[49]);
    expect(Number.isFinite(result.beta[51])).toBe(true);
  });

  it('refuses bad parameters and mismatched lengths with a message that names them', () => {
    const x = Float64Array.of(1, 2, 3);
    expect(() => kalmanHedgeRatio(x, x, { delta: 1 })).toThrow(/delta "1" must be in \(0, 1\)/);
    expect(() => kalmanHedgeRatio(x, x, { observationVariance: 0 })).toThrow(/observation variance "0"/);
    expect(() => kalmanHedgeRatio(x, x, { initialStateVariance: -1 })).toThrow(/initial state variance "-1"/);
    expect(() => kalmanHedgeRatio(x.subarray(1), x)).toThrow(/y has "2" values; expected 3/);
  });
});
