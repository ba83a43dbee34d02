import { tailProbability } from './confidence.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';
import type { ReturnSample } from './return-sample.js';

/**
 * Gaussian (parametric, "mean-variance") VaR and ES, PerformanceAnalytics VaR.Gaussian / ES.Gaussian, in
 * return terms (losses negative, as VaR(..., invert = TRUE) reports), with α = 1 − confidence,
 * z = Φ⁻¹(α) (negative) and σ = √m₂ the population standard deviation (centeredmoment(r, 2)):
 * - VaR = r̄ + z·σ
 * - ES  = r̄ − σ·φ(z)/α   (the mean of a normal below its α-quantile)
 * PerformanceAnalytics uses the n-denominator σ here although its portfolio (component) Gaussian VaR uses
 * cov(R) with n − 1; we follow each definition where it applies.
 */
export function gaussianVar(sample: ReturnSample, confidence: number): number {
  const z = normalQuantile(tailProbability(confidence));
  return sample.mean + z * Math.sqrt(sample.variance);
}

export function gaussianEs(sample: ReturnSample, confidence: number): number {
  const alpha = tailProbability(confidence);
  const z = normalQuantile(alpha);
  return sample.mean - (Math.sqrt(sample.variance) * normalDensity(z)) / alpha;
}
