import { describe, expect, it } from 'vitest';
import { gaussianEs, gaussianVar } from './gaussian-var.js';
import { cornishFisherQuantile, modifiedEs, modifiedVar } from './modified-var.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';
import { describeReturns } from './return-sample.js';
import { HAND_WORKED_RETURNS, REFERENCE_RETURNS, REFERENCE_VALUES } from './var-reference.fixture.js';

describe('modified (Cornish-Fisher) VaR and ES', () => {
  it('expand the normal quantile with skewness and kurtosis (hand-worked, S = 0, K = −1.3)', () => {
    // z = −1.6448536269514722, z³ = −4.450222963343659, z³ − 3z = 0.48433791751075894;
    // h = z + 0.48433791751075894 × (−1.3)/24 = −1.6710885974833056; VaR = h·σ = h × 0.01414213562373095
    //   = −0.023632761584879248.
    // ES: h⁴ − 2h² − 1 = 1.213189257166273; E = φ(h)(1 + 1.213189257166273 × (−1.3)/24) = 0.09225671486890223;
    //   −E/α = −1.8451342973780445 < h, so ES = σ × (−1.8451342973780445) = −0.02609413947751782.
    const sample = describeReturns(HAND_WORKED_RETURNS);
    expect(Math.abs(modifiedVar(sample, 0.95) - -0.023632761584879248)).toBeLessThan(1e-15);
    expect(Math.abs(modifiedEs(sample, 0.95) - -0.02609413947751782)).toBeLessThan(1e-15);
  });

  it('match numpy/scipy PerformanceAnalytics definitions to 1e-12 on a skewed, fat-tailed sample', () => {
    const sample = describeReturns(REFERENCE_RETURNS);
    for (const key of ['0.95', '0.99'] as const) {
      const reference = REFERENCE_VALUES[key];
      expect(Math.abs(modifiedVar(sample, Number(key)) - reference.modifiedVar)).toBeLessThan(1e-12);
      expect(Math.abs(modifiedEs(sample, Number(key)) - reference.modifiedEs)).toBeLessThan(1e-12);
    }
  });

  it('collapse to the Gaussian VaR and ES when skewness and kurtosis are 0', () => {
    // A nearly flat sample (m₂ ≈ 8e-11 ≤ 1.49e-8) has S = K = 0 by R's all.equal rule.
    const sample = describeReturns(Float64Array.from([0.001, 0.00101, 0.00099, 0.00102, 0.001]));
    expect(modifiedVar(sample, 0.99)).toBeCloseTo(gaussianVar(sample, 0.99), 16);
    expect(modifiedEs(sample, 0.99)).toBeCloseTo(gaussianEs(sample, 0.99), 16);
    expect(cornishFisherQuantile(-2.5, 0, 0)).toBe(-2.5);
  });

  it('use the tail expectation of the Edgeworth density, checked by numerical integration', () => {
    // Independent check of the ES closed form: integrate x·f(x) with f = φ·[1 + S·He₃/6 + K·He₄/24 + S²·He₆/72]
    // from −12 to h by Simpson's rule; E = −∫x f(x) dx must equal the closed form (before the min guard).
    const s = -0.4;
    const k = 1.2;
    const alpha = 0.05;
    const z = normalQuantile(alpha);
    const h = cornishFisherQuantile(z, s, k);
    const he3 = (x: number): number => x ** 3 - 3 * x;
    const he4 = (x: number): number => x ** 4 - 6 * x ** 2 + 3;
    const he6 = (x: number): number => x ** 6 - 15 * x ** 4 + 45 * x ** 2 - 15;
    const f = (x: number): number =>
      normalDensity(x) * (1 + (s * he3(x)) / 6 + (k * he4(x)) / 24 + (s * s * he6(x)) / 72);
    const steps = 20_000;
    const a = -12;
    const width = (h - a) / steps;
    let integral = 0;
    for (let i = 0; i <= steps; i++) {
      const x = a + i * width;
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      integral += weight * x * f(x);
    }
    integral *= width / 3;
    // The closed form modified-var.ts uses for E (per unit σ, before the min guard):
    const closedForm =
      normalDensity(h) *
      (1 +
        (h ** 3 * s) / 6 +
        ((h ** 6 - 9 * h ** 4 + 9 * h ** 2 + 3) * s * s) / 72 +
        ((h ** 4 - 2 * h ** 2 - 1) * k) / 24);
    expect(Math.abs(-integral - closedForm)).toBeLessThan(1e-10);
  });

  it('never report an ES above the VaR (the operational guard)', () => {
    // Strong positive skew pushes the raw Cornish-Fisher ES above VaR; PerformanceAnalytics' operES then
    // returns VaR. Sample: many small losses and a few large gains.
    const returns = Float64Array.from([
      -0.01, -0.01, -0.011, -0.009, -0.01, -0.012, -0.008, -0.01, 0.2, 0.25, -0.01, -0.01, 0.3, -0.01,
    ]);
    const sample = describeReturns(returns);
    for (const confidence of [0.9, 0.95, 0.99]) {
      expect(modifiedEs(sample, confidence)).toBeLessThanOrEqual(modifiedVar(sample, confidence));
    }
  });
});
