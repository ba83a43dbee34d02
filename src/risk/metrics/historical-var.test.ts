import { describe, expect, it } from 'vitest';
import { historicalEs, historicalVar } from './historical-var.js';
import { describeReturns } from './return-sample.js';
import { HAND_WORKED_RETURNS, REFERENCE_RETURNS, REFERENCE_VALUES } from './var-reference.fixture.js';

describe('historical VaR and ES', () => {
  it('are the type-7 quantile and the mean of the returns below it (hand-worked)', () => {
    const sample = describeReturns(HAND_WORKED_RETURNS); // sorted: −0.02, −0.01, 0, 0.01, 0.02
    // 95%: α = 0.05, h = 4 × 0.05 = 0.2 → 0.8 × (−0.02) + 0.2 × (−0.01) = −0.018; below it only −0.02.
    expect(historicalVar(sample, 0.95)).toBeCloseTo(-0.018, 15);
    expect(historicalEs(sample, 0.95)).toBe(-0.02);
    // 99%: h = 0.04 → 0.96 × (−0.02) + 0.04 × (−0.01) = −0.0196.
    expect(historicalVar(sample, 0.99)).toBeCloseTo(-0.0196, 15);
    // 75%: h = 1 → −0.01 exactly; strictly below it only −0.02 (PerformanceAnalytics uses r < q).
    expect(historicalVar(sample, 0.75)).toBe(-0.01);
    expect(historicalEs(sample, 0.75)).toBe(-0.02);
  });

  it('match numpy/PerformanceAnalytics definitions to 1e-12 on a skewed sample', () => {
    const sample = describeReturns(REFERENCE_RETURNS);
    for (const key of ['0.95', '0.99'] as const) {
      const reference = REFERENCE_VALUES[key];
      expect(Math.abs(historicalVar(sample, Number(key)) - reference.historicalVar)).toBeLessThan(1e-12);
      expect(Math.abs(historicalEs(sample, Number(key)) - reference.historicalEs)).toBeLessThan(1e-12);
    }
  });

  it('set ES to VaR when no return lies below the quantile', () => {
    const sample = describeReturns(Float64Array.from([0.01, 0.01, 0.01]));
    expect(historicalEs(sample, 0.95)).toBe(historicalVar(sample, 0.95));
  });

  it('reject a confidence outside (0.5, 1)', () => {
    const sample = describeReturns(HAND_WORKED_RETURNS);
    expect(() => historicalVar(sample, 0.05)).toThrow('confidence "0.05" must be a number between 0.5 and 1');
    expect(() => historicalVar(sample, 1)).toThrow('confidence "1"');
  });
});
