import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { covarianceMatrix } from '../../stats/correlation-matrix.js';
import { mean } from '../../stats/moments.js';
import { gaussianPortfolioVar } from './portfolio-var.js';

const Z95 = -1.6448536269514722; // Φ⁻¹(0.05), scipy ndtri
const PHI95 = 0.10313564037537128; // φ(Z95)

describe('gaussianPortfolioVar', () => {
  it('computes VaR, marginals and components of a hand-worked two-asset portfolio', () => {
    // w = (0.6, 0.4), μ = (0.001, 0.0005), Σ = [[4e-4, 1e-4], [1e-4, 9e-4]].
    // Σw = (0.6·4e-4 + 0.4·1e-4, 0.6·1e-4 + 0.4·9e-4) = (2.8e-4, 4.2e-4); wᵀΣw = 0.6·2.8e-4 + 0.4·4.2e-4
    //   = 3.36e-4; σ_p = 0.018330302779823; wᵀμ = 0.0006 + 0.0002 = 0.0008.
    // VaR = 0.0008 + Z95·σ_p; marginal_1 = 0.001 + Z95·2.8e-4/σ_p, marginal_2 = 0.0005 + Z95·4.2e-4/σ_p.
    const result = gaussianPortfolioVar({
      weights: Float64Array.from([0.6, 0.4]),
      means: Float64Array.from([0.001, 0.0005]),
      covariance: { size: 2, values: Float64Array.from([4e-4, 1e-4, 1e-4, 9e-4]) },
      confidence: 0.95,
    });
    const sd = Math.sqrt(3.36e-4);
    expect(result.standardDeviation).toBeCloseTo(sd, 15);
    expect(result.mean).toBeCloseTo(0.0008, 15);
    expect(result.var.total).toBeCloseTo(0.0008 + Z95 * sd, 14);
    expect(result.var.marginal[0]).toBeCloseTo(0.001 + (Z95 * 2.8e-4) / sd, 14);
    expect(result.var.marginal[1]).toBeCloseTo(0.0005 + (Z95 * 4.2e-4) / sd, 14);
    expect(result.var.component[0]).toBeCloseTo(0.6 * (0.001 + (Z95 * 2.8e-4) / sd), 14);
    expect(result.es.total).toBeCloseTo(0.0008 - (sd * PHI95) / 0.05, 14);
  });

  it('has components that sum to the total and marginals equal to the numerical derivative', () => {
    const rng = new SeededRng(21);
    const factor = Float64Array.from({ length: 500 }, () => rng.normal());
    const assets = Array.from({ length: 12 }, (_, i) =>
      Float64Array.from(factor, (f) => 0.0002 * i + 0.01 * (0.5 * f + rng.normal())),
    );
    const covariance = covarianceMatrix(assets);
    const means = Float64Array.from(assets, (a) => mean(a));
    const weights = Float64Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? -0.05 : 0.12));
    for (const confidence of [0.95, 0.99]) {
      const result = gaussianPortfolioVar({ weights, means, covariance, confidence });
      for (const part of [result.var, result.es]) {
        const sum = part.component.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - part.total)).toBeLessThan(1e-15);
        expect(Math.abs(part.share.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }
      // Central difference of the total with respect to each weight (step 1e-6).
      for (let i = 0; i < 12; i++) {
        const bumped = (delta: number): number => {
          const w = Float64Array.from(weights);
          w[i] = (w[i] as number) + delta;
          return gaussianPortfolioVar({ weights: w, means, covariance, confidence }).var.total;
        };
        const numerical = (bumped(1e-6) - bumped(-1e-6)) / 2e-6;
        expect(Math.abs(numerical - (result.var.marginal[i] as number))).toBeLessThan(1e-8);
      }
    }
  });

  it('reduces a riskless portfolio to its mean and rejects mismatched inputs', () => {
    const riskless = gaussianPortfolioVar({
      weights: Float64Array.from([1]),
      means: Float64Array.from([0.001]),
      covariance: { size: 1, values: Float64Array.from([0]) },
      confidence: 0.99,
    });
    expect(riskless.var.total).toBe(0.001);
    expect(riskless.var.marginal[0]).toBe(0.001);
    expect(() =>
      gaussianPortfolioVar({
        weights: Float64Array.from([1, 0]),
        means: Float64Array.from([0.001]),
        covariance: { size: 1, values: Float64Array.from([0]) },
        confidence: 0.99,
      }),
    ).toThrow('as many means');
  });
});
