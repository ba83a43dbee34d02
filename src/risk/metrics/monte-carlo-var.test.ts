import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import type { SymmetricMatrix } from '../../stats/correlation-matrix.js';
import { choleskyFactor } from './cholesky.js';
import { monteCarloVar } from './monte-carlo-var.js';
import { gaussianPortfolioVar } from './portfolio-var.js';

const means = Float64Array.from([0.0005, 0.0002, -0.0001]);
const covariance: SymmetricMatrix = {
  size: 3,
  values: Float64Array.from([4e-4, 1.2e-4, 0.5e-4, 1.2e-4, 2.5e-4, 0.8e-4, 0.5e-4, 0.8e-4, 1e-4]),
};
const weights = Float64Array.from([0.5, 0.3, 0.2]);

/**
 * Independent plain loop: for each antithetic pair draw every period's z_k (k = 0…n−1, period by period)
 * from the same seeded generator; the first path uses z and its twin −z. Each asset's return x = μ + L·(±z)
 * is formed explicitly, compounded over the horizon and weighted; then R's type-7 quantile and the mean below.
 */
function plainLoop(paths: number, seed: number, horizon: number, confidence: number): [number, number] {
  const l = choleskyFactor(covariance);
  const rng = new SeededRng(seed);
  const out: number[] = [];
  while (out.length < paths) {
    const z = Array.from({ length: horizon }, () => [rng.normal(), rng.normal(), rng.normal()]);
    for (const sign of [1, -1]) {
      if (out.length === paths) break;
      const growth = [1, 1, 1];
      for (let t = 0; t < horizon; t++) {
        for (let i = 0; i < 3; i++) {
          let x = means[i]!;
          for (let k = 0; k < 3; k++) x += l[i * 3 + k]! * sign * z[t]![k]!;
          growth[i]! *= 1 + x;
        }
      }
      out.push(growth.reduce((sum, g, i) => sum + weights[i]! * (g - 1), 0));
    }
  }
  out.sort((a, b) => a - b);
  const index = (paths - 1) * (1 - confidence);
  const lo = Math.floor(index);
  const q = out[lo]! + (index - lo) * (out[lo + 1]! - out[lo]!);
  const tail = out.filter((x) => x < q);
  return [q, tail.reduce((a, b) => a + b, 0) / tail.length];
}

describe('monteCarloVar', () => {
  it('matches a plain loop over explicit asset returns and antithetic pairs for one period (odd path count)', () => {
    const result = monteCarloVar({
      means,
      covariance,
      weights,
      confidences: [0.95, 0.99],
      paths: 5001,
      seed: 9,
    });
    for (const confidence of [0.95, 0.99]) {
      const [q, es] = plainLoop(5001, 9, 1, confidence);
      expect(Math.abs(result.var[String(confidence)]! - q)).toBeLessThan(1e-12);
      expect(Math.abs(result.es[String(confidence)]! - es)).toBeLessThan(1e-12);
    }
    expect(result).toMatchObject({ paths: 5001, seed: 9, horizon: 1 });
  });

  it('compounds each asset over a multi-period horizon as the plain loop does', () => {
    const result = monteCarloVar({
      means,
      covariance,
      weights,
      confidences: [0.99],
      paths: 2001,
      seed: 3,
      horizon: 10,
    });
    const [q, es] = plainLoop(2001, 3, 10, 0.99);
    expect(Math.abs(result.var['0.99']! - q)).toBeLessThan(1e-12);
    expect(Math.abs(result.es['0.99']! - es)).toBeLessThan(1e-12);
  });

  it('converges to the Gaussian portfolio VaR and ES with many paths', () => {
    // Standard error of the 5% quantile with 200,000 paths ≈ √(0.05·0.95/200000)/φ(1.645)·σ ≈ 0.5% of σ.
    const result = monteCarloVar({
      means,
      covariance,
      weights,
      confidences: [0.95],
      paths: 200_000,
      seed: 1,
    });
    const exact = gaussianPortfolioVar({ weights, means, covariance, confidence: 0.95 });
    expect(Math.abs(result.var['0.95']! / exact.var.total - 1)).toBeLessThan(0.02);
    expect(Math.abs(result.es['0.95']! / exact.es.total - 1)).toBeLessThan(0.02);
  });

  it('repeats itself for a seed and changes with another seed', () => {
    const run = (seed: number) =>
      monteCarloVar({ means, covariance, weights, confidences: [0.95], paths: 1000, seed });
    expect(run(5)).toEqual(run(5));
    expect(run(5).var['0.95']).not.toBe(run(6).var['0.95']);
  });

  it('rejects too few paths, a bad horizon and mismatched sizes', () => {
    const base = { means, covariance, weights, confidences: [0.95], paths: 1000, seed: 1 };
    expect(() => monteCarloVar({ ...base, paths: 10 })).toThrow('paths "10" must be an integer >= 100');
    expect(() => monteCarloVar({ ...base, horizon: 0 })).toThrow('horizon "0"');
    expect(() => monteCarloVar({ ...base, weights: Float64Array.from([1]) })).toThrow('as many means');
  });
});
