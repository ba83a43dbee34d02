import { describe, expect, it } from 'vitest';
import { gaussianEs, gaussianVar } from './gaussian-var.js';
import { describeReturns } from './return-sample.js';
import { HAND_WORKED_RETURNS, REFERENCE_RETURNS, REFERENCE_VALUES } from './var-reference.fixture.js';

describe('Gaussian VaR and ES', () => {
  it('are mean + z·σ and mean − σ·φ(z)/α with the population σ (hand-worked)', () => {
    // mean 0, σ = √(2e-4) = 0.01414213562373095; z = Φ⁻¹(0.05) = −1.6448536269514722, φ(z) = 0.10313564037537128.
    // VaR = −1.6448536269514722 × 0.01414213562373095 = −0.023261743073533483
    // ES = −0.01414213562373095 × 0.10313564037537128 / 0.05 = −0.029171164276576844
    const sample = describeReturns(HAND_WORKED_RETURNS);
    expect(Math.abs(gaussianVar(sample, 0.95) - -0.023261743073533483)).toBeLessThan(1e-15);
    expect(Math.abs(gaussianEs(sample, 0.95) - -0.029171164276576844)).toBeLessThan(1e-15);
  });

  it('match numpy/scipy PerformanceAnalytics definitions to 1e-12 on a skewed sample', () => {
    const sample = describeReturns(REFERENCE_RETURNS);
    for (const key of ['0.95', '0.99'] as const) {
      const reference = REFERENCE_VALUES[key];
      expect(Math.abs(gaussianVar(sample, Number(key)) - reference.gaussianVar)).toBeLessThan(1e-12);
      expect(Math.abs(gaussianEs(sample, Number(key)) - reference.gaussianEs)).toBeLessThan(1e-12);
    }
  });
});
