import { describe, expect, it } from 'vitest';
import { describeReturns } from './return-sample.js';
import {
  HAND_WORKED_RETURNS,
  REFERENCE_EXCESS_KURTOSIS,
  REFERENCE_RETURNS,
  REFERENCE_SKEWNESS,
} from './var-reference.fixture.js';

describe('describeReturns', () => {
  it('sorts the returns and takes population moments as PerformanceAnalytics centeredmoment does', () => {
    // Hand-worked in var-reference.fixture.ts: mean 0, m₂ = 2e-4, skewness 0, excess kurtosis −1.3.
    const sample = describeReturns(HAND_WORKED_RETURNS);
    expect(Array.from(sample.sorted)).toEqual([-0.02, -0.01, 0, 0.01, 0.02]);
    expect(sample.count).toBe(5);
    expect(sample.mean).toBeCloseTo(0, 17);
    expect(sample.variance).toBeCloseTo(2e-4, 17);
    expect(sample.skewness).toBeCloseTo(0, 12);
    expect(sample.excessKurtosis).toBeCloseTo(-1.3, 12);
  });

  it('matches scipy skew and kurtosis with bias = True on a skewed sample', () => {
    const sample = describeReturns(REFERENCE_RETURNS);
    expect(Math.abs(sample.skewness - REFERENCE_SKEWNESS)).toBeLessThan(1e-12);
    expect(Math.abs(sample.excessKurtosis - REFERENCE_EXCESS_KURTOSIS)).toBeLessThan(1e-12);
  });

  it('drops NaN as na.omit does and rejects infinities and too short series', () => {
    const sample = describeReturns(Float64Array.from([Number.NaN, 0.01, Number.NaN, -0.01]));
    expect(sample.count).toBe(2);
    expect(Array.from(sample.sorted)).toEqual([-0.01, 0.01]);
    expect(() => describeReturns(Float64Array.from([0.01, Number.POSITIVE_INFINITY]))).toThrow(
      'return "Infinity" at index 1 must be a finite number',
    );
    expect(() => describeReturns(Float64Array.from([Number.NaN, 0.01]))).toThrow('at least 2 returns');
  });

  it('sets skewness and kurtosis to 0 when the variance is all.equal to 0, as R does', () => {
    // sd 1e-5 → m₂ = 1e-10 ≤ 1.49e-8: PerformanceAnalytics' .skewEst/.kurtEst return 0.
    const sample = describeReturns(Float64Array.from([0.001, 0.00101, 0.00099, 0.00102, 0.001]));
    expect(sample.skewness).toBe(0);
    expect(sample.excessKurtosis).toBe(0);
  });
});
