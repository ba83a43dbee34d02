import { describe, expect, it } from 'vitest';
import { excessKurtosis, mean, moments, skewness, standardDeviation, variance } from './moments.js';
import { expectClose, readStatsFixture, statsInputs } from './stats-reference.fixture.js';

interface MomentCase {
  readonly count: number;
  readonly mean: number;
  readonly variancePopulation: number;
  readonly varianceSample: number;
  readonly skewnessBiased: number;
  readonly skewnessAdjusted: number;
  readonly excessKurtosisBiased: number;
  readonly excessKurtosisAdjusted: number;
  readonly pandasSkew: number;
  readonly pandasKurt: number;
}

const { cases } = readStatsFixture<{ cases: Record<string, MomentCase> }>('moments.json');
const inputs = statsInputs().moments;

describe('moments against numpy, scipy.stats and pandas', () => {
  it.each(Object.entries(cases))('matches %s', (name, expected) => {
    const values = Float64Array.from(inputs[name] as number[]);
    const adjusted = moments(values);
    const biased = moments(values, { ddof: 0, adjusted: false });
    expect(adjusted.count).toBe(expected.count);
    expectClose(adjusted.mean, expected.mean, 1e-13, 'mean');
    expectClose(adjusted.variance, expected.varianceSample, 1e-13, 'sample variance');
    expectClose(biased.variance, expected.variancePopulation, 1e-13, 'population variance');
    expectClose(adjusted.skewness, expected.skewnessAdjusted, 1e-12, 'G1');
    expectClose(adjusted.skewness, expected.pandasSkew, 1e-12, 'pandas skew');
    expectClose(biased.skewness, expected.skewnessBiased, 1e-12, 'g1');
    expectClose(adjusted.excessKurtosis, expected.excessKurtosisAdjusted, 1e-12, 'G2');
    expectClose(adjusted.excessKurtosis, expected.pandasKurt, 1e-12, 'pandas kurt');
    expectClose(biased.excessKurtosis, expected.excessKurtosisBiased, 1e-12, 'g2');
    expectClose(mean(values), expected.mean, 1e-13, 'mean()');
    expectClose(variance(values, { ddof: 0 }), expected.variancePopulation, 1e-13, 'variance()');
    expectClose(standardDeviation(values), Math.sqrt(expected.varianceSample), 1e-13, 'standardDeviation()');
    expectClose(skewness(values, { adjusted: false }), expected.skewnessBiased, 1e-12, 'skewness()');
    expectClose(excessKurtosis(values), expected.excessKurtosisAdjusted, 1e-12, 'excessKurtosis()');
  });

  it('works out 1, 2, 3, 4, 10 by hand', () => {
    // mean 4; deviations −3 −2 −1 0 6: S2 = 50, S3 = −27−8−1+216 = 180, S4 = 81+16+1+1296 = 1394
    const m = moments(Float64Array.of(1, 2, 3, 4, 10), { adjusted: false, ddof: 0 });
    expect(m.mean).toBe(4);
    expect(m.variance).toBe(10);
    expect(m.skewness).toBeCloseTo(36 / Math.pow(10, 1.5), 14);
    expect(m.excessKurtosis).toBeCloseTo(1394 / 5 / 100 - 3, 14);
  });
});

describe('moments edge cases', () => {
  it('gives NaN where the estimator is undefined', () => {
    expect(mean(new Float64Array(0))).toBeNaN();
    expect(variance(Float64Array.of(3))).toBeNaN();
    expect(variance(Float64Array.of(3), { ddof: 0 })).toBe(0);
    expect(skewness(Float64Array.of(1, 2))).toBeNaN();
    expect(skewness(Float64Array.of(1, 2), { adjusted: false })).toBe(0);
    expect(excessKurtosis(Float64Array.of(1, 2, 4))).toBeNaN();
    expect(skewness(Float64Array.of(5, 5, 5, 5))).toBeNaN();
    expect(excessKurtosis(Float64Array.of(5, 5, 5, 5))).toBeNaN();
    expect(mean(Float64Array.of(Number.NaN, Number.NaN))).toBeNaN();
  });

  it('skips NaN values', () => {
    expect(mean(Float64Array.of(Number.NaN, 1, 3, Number.NaN))).toBe(2);
    expect(variance(Float64Array.of(1, Number.NaN, 3))).toBe(2);
  });

  it('refuses a ddof other than 0 or 1', () => {
    expect(() => variance(Float64Array.of(1, 2, 3), { ddof: 2 as 1 })).toThrow(/ddof "2" must be 0 or 1/);
    expect(() => moments(Float64Array.of(1, 2, 3), { ddof: -1 as 0 })).toThrow(/ddof "-1"/);
  });
});
