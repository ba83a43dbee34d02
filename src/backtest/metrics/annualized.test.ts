import { describe, expect, it } from 'vitest';
import { annualizedReturn, annualizedVolatility, periodRate, totalReturn } from './annualized.js';
import { TEN_BAR_RETURNS, TEN_BAR_SCALE } from './ten-bar-series.fixture.js';

const returns = Float64Array.from(TEN_BAR_RETURNS);

describe('totalReturn', () => {
  it('compounds the returns', () => {
    expect(totalReturn(Float64Array.of(0.1, -0.1))).toBeCloseTo(1.1 * 0.9 - 1, 15);
    expect(totalReturn(returns)).toBeCloseTo(0.0699085537513493, 14);
  });

  it('subtracts a per-period shift from each return first', () => {
    expect(totalReturn(Float64Array.of(0.1, -0.1), 0.01)).toBeCloseTo(1.09 * 0.89 - 1, 15);
  });

  it('is NaN without returns', () => {
    expect(totalReturn(new Float64Array(0))).toBeNaN();
  });
});

describe('annualizedReturn', () => {
  it('is Π(1 + r)^(scale / n) − 1', () => {
    // Two months of +1 % with scale 12: 1.01^2^(12/2) − 1 = 1.01^12 − 1.
    expect(annualizedReturn(Float64Array.of(0.01, 0.01), 12)).toBeCloseTo(Math.pow(1.01, 12) - 1, 14);
    expect(annualizedReturn(returns, TEN_BAR_SCALE)).toBeCloseTo(4.4895383468149825, 10);
  });

  it('de-annualizes a run longer than a year', () => {
    // 24 months compounding to 1.21 is 10 % a year.
    const monthly = new Float64Array(24).fill(Math.pow(1.21, 1 / 24) - 1);
    expect(annualizedReturn(monthly, 12)).toBeCloseTo(0.1, 12);
  });

  it('is NaN without returns and refuses a bad scale', () => {
    expect(annualizedReturn(new Float64Array(0), 252)).toBeNaN();
    expect(() => annualizedReturn(returns, 0)).toThrow('periods per year "0" must be a finite number > 0');
    expect(() => annualizedReturn(returns, Number.POSITIVE_INFINITY)).toThrow('periods per year "Infinity"');
  });
});

describe('annualizedVolatility', () => {
  it('is the sample standard deviation times √scale', () => {
    expect(annualizedVolatility(returns, TEN_BAR_SCALE)).toBeCloseTo(Math.sqrt(0.00049) * Math.sqrt(252), 14);
    // Two returns 0 and 0.02: mean 0.01, sample variance (0.0001 + 0.0001) / 1, sd 0.0141421…; × √4.
    expect(annualizedVolatility(Float64Array.of(0, 0.02), 4)).toBeCloseTo(Math.sqrt(0.0002) * 2, 15);
  });

  it('is 0 for flat returns and NaN for a single one', () => {
    expect(annualizedVolatility(new Float64Array(5), 252)).toBe(0);
    expect(annualizedVolatility(Float64Array.of(0.01), 252)).toBeNaN();
  });
});

describe('periodRate', () => {
  it('converts an annual rate by compounding', () => {
    expect(periodRate(Math.pow(1.001, 252) - 1, 252)).toBeCloseTo(0.001, 15);
    expect(periodRate(0.1, 1)).toBeCloseTo(0.1, 15);
    expect(periodRate(0, 252)).toBe(0);
  });

  it('refuses a rate at or below −100 %', () => {
    expect(() => periodRate(-1, 252)).toThrow('annual rate "-1" must be a finite number > -1');
    expect(() => periodRate(Number.NaN, 252)).toThrow('annual rate "NaN"');
  });
});
