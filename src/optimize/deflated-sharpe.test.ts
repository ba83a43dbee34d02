import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import {
  deflatedSharpeFromReturns,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  periodSharpe,
} from './deflated-sharpe.js';

describe('deflatedSharpeRatio', () => {
  it("reproduces the paper's numerical example (SR₀ ≈ 0.1132, DSR ≈ 0.9004)", () => {
    // Bailey & López de Prado (2014), section "A numerical example": annualized SR 2.5 over 5 years of daily
    // returns (T = 1250), N = 100 trials with annualized V[SR] = 1/2, skewness −3, kurtosis 10. De-annualized
    // with 250 periods a year: SR* = 2.5/√250 = 0.158114, V[SR] = 0.5/250 = 0.002.
    // By hand: Φ⁻¹(0.99) = 2.326348, Φ⁻¹(1 − 1/(100e)) = Φ⁻¹(0.996321) = 2.681516;
    // SR₀ = √0.002 · (0.422784·2.326348 + 0.577216·2.681516) = 0.044721 · 2.530585 = 0.113172;
    // z = (0.158114 − 0.113172)·√1249 / √(1 + 3·0.158114 + 9/4·0.025) = 1.588287 / 1.237171 = 1.283816;
    // Φ(1.283816) = 0.900397.
    const result = deflatedSharpeRatio({
      sharpe: 2.5 / Math.sqrt(250),
      observations: 1250,
      trials: 100,
      sharpeVariance: 0.5 / 250,
      skewness: -3,
      kurtosis: 10,
    });
    expect(result.expectedMaxSharpe).toBeCloseTo(0.113172, 6);
    expect(result.zScore).toBeCloseTo(1.283816, 5);
    expect(result.deflatedSharpe).toBeCloseTo(0.9004, 4);
  });

  it('is NaN when the non-normality term is not positive or there are too few returns', () => {
    const base = { sharpe: 1, observations: 100, trials: 10, sharpeVariance: 0.01, skewness: 0, kurtosis: 3 };
    expect(deflatedSharpeRatio({ ...base, skewness: 5 }).deflatedSharpe).toBeNaN(); // 1 − 5 + 0.5 < 0
    expect(deflatedSharpeRatio({ ...base, observations: 1 }).deflatedSharpe).toBeNaN();
    expect(deflatedSharpeRatio(base).deflatedSharpe).toBeGreaterThan(0.99);
  });
});

describe('expectedMaxSharpe', () => {
  it('is 0 for one trial and grows with the trials and the variance', () => {
    expect(expectedMaxSharpe(1, 4)).toBe(0);
    expect(expectedMaxSharpe(1000, 1)).toBeGreaterThan(expectedMaxSharpe(100, 1));
    // Scales with √V: quadrupling V doubles SR₀.
    expect(expectedMaxSharpe(100, 4)).toBeCloseTo(2 * expectedMaxSharpe(100, 1), 12);
  });

  it('approximates the simulated mean maximum of N standard normals', () => {
    // Independent check: the mean of the max of 100 N(0, 1) draws over 4000 seeded replications (standard
    // error ≈ 0.43/√4000 ≈ 0.007). The exact value is 2.5076; the approximation gives 2.5306, so a tolerance of
    // 0.06 covers the approximation error (~0.023) and four standard errors.
    const rng = new SeededRng(5);
    let total = 0;
    for (let r = 0; r < 4000; r++) {
      let max = -Infinity;
      for (let i = 0; i < 100; i++) max = Math.max(max, rng.normal());
      total += max;
    }
    expect(Math.abs(expectedMaxSharpe(100, 1) - total / 4000)).toBeLessThan(0.06);
  });

  it('rejects a bad trial count or a negative variance', () => {
    expect(() => expectedMaxSharpe(0, 1)).toThrow(/trials "0" must be an integer >= 1/);
    expect(() => expectedMaxSharpe(10, -1)).toThrow(/Sharpe variance "-1" must be >= 0/);
  });
});

describe('deflatedSharpeFromReturns', () => {
  it('computes SR, moments and the PSR of a single trial by hand', () => {
    // returns 0.01, 0.03, −0.01, 0.01: mean 0.01, deviations 0, 0.02, −0.02, 0.
    // sample sd = √(0.0008/3) = 0.0163299 → SR* = 0.612372; m₂ = 0.0002, m₃ = 0 → skew 0;
    // m₄ = 2·(0.02)⁴/4 = 8e−8 → kurtosis 8e−8 / 4e−8 = 2. N = 1 → SR₀ = 0.
    // z = 0.612372·√3 / √(1 + (2 − 1)/4 · 0.375) = 1.060660 / 1.045825 = 1.014185; Φ(1.014185) = 0.844753.
    const returns = Float64Array.from([0.01, 0.03, -0.01, 0.01]);
    const result = deflatedSharpeFromReturns(returns, [returns]);
    expect(result.sharpe).toBeCloseTo(0.612372, 6);
    expect(result.skewness).toBeCloseTo(0, 12);
    expect(result.kurtosis).toBeCloseTo(2, 12);
    expect(result.expectedMaxSharpe).toBe(0);
    expect(result.zScore).toBeCloseTo(1.014185, 6);
    expect(result.deflatedSharpe).toBeCloseTo(0.844753, 6);
  });

  it('takes V[SR] across the trials, skipping flat ones, and N from the trial count', () => {
    const a = Float64Array.from([0.01, 0.03, -0.01, 0.01]); // SR 0.612372
    const b = Float64Array.from([0.02, -0.02, 0.02, -0.02]); // mean 0 → SR 0
    const flat = new Float64Array(4); // no spread: no Sharpe
    const result = deflatedSharpeFromReturns(a, [a, b, flat]);
    // Sample variance of {0.612372, 0}: (0.306186² · 2) / 1 = 0.1875.
    expect(result.sharpeVariance).toBeCloseTo(0.1875, 10);
    expect(result.trials).toBe(3);
    expect(result.expectedMaxSharpe).toBeCloseTo(expectedMaxSharpe(3, 0.1875), 12);
    expect(deflatedSharpeFromReturns(a, [a, b], 50).trials).toBe(50);
    expect(periodSharpe(flat)).toBeNaN();
  });

  it('deflates more as more trials are tried', () => {
    const rng = new SeededRng(9);
    const trials = Array.from({ length: 20 }, () =>
      Float64Array.from({ length: 500 }, () => 0.01 * rng.normal()),
    );
    const best = trials.reduce((a, b) => (periodSharpe(a) > periodSharpe(b) ? a : b));
    const few = deflatedSharpeFromReturns(best, trials, 2).deflatedSharpe;
    const many = deflatedSharpeFromReturns(best, trials, 1000).deflatedSharpe;
    expect(many).toBeLessThan(few);
  });
});
