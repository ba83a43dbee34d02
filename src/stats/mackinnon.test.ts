import { describe, expect, it } from 'vitest';
import type { MackinnonRegression } from './mackinnon.js';
import { mackinnonCriticalValues, mackinnonPValue } from './mackinnon.js';
import { erf, erfc, normalCdf } from './normal-distribution.js';
import { expectClose, readStatsFixture } from './stats-reference.fixture.js';

interface MackinnonFixture {
  readonly statistics: number[];
  readonly pValues: { regression: MackinnonRegression; N: number; values: number[] }[];
  readonly criticalValues: { regression: MackinnonRegression; N: number; nobs: number; values: number[] }[];
  readonly normalCdf: { x: number[]; values: number[] };
}

const fixture = readStatsFixture<MackinnonFixture>('mackinnon.json');

describe('mackinnonPValue against statsmodels mackinnonp', () => {
  it.each(fixture.pValues.map((row) => [row.regression, row.N, row] as const))(
    'matches regression %s, N=%i on a grid of statistics from -20 to 4',
    (regression, seriesCount, row) => {
      fixture.statistics.forEach((statistic, i) => {
        expectClose(
          mackinnonPValue(statistic, regression, seriesCount),
          row.values[i] as number,
          1e-12,
          `τ=${statistic}`,
        );
      });
    },
  );

  it('gives 0 below the table, 1 above it and NaN for NaN', () => {
    expect(mackinnonPValue(-Infinity, 'c', 2)).toBe(0);
    expect(mackinnonPValue(50, 'ct', 1)).toBe(1);
    // τmax is +∞ for 'n', N = 1, so +∞ reaches the polynomial, which gives NaN (as statsmodels does).
    expect(mackinnonPValue(Infinity, 'n', 1)).toBeNaN();
    expect(mackinnonPValue(Number.NaN)).toBeNaN();
  });

  it('refuses an N outside the tables', () => {
    expect(() => mackinnonPValue(-3, 'c', 7)).toThrow(/"7" must be an integer from 1 to 6/);
    expect(() => mackinnonPValue(-3, 'cx' as MackinnonRegression)).toThrow(/"cx"/);
  });
});

describe('mackinnonCriticalValues against statsmodels mackinnoncrit', () => {
  it.each(fixture.criticalValues.map((row) => [row.regression, row.N, row.nobs, row] as const))(
    'matches regression %s, N=%i, nobs=%s',
    (regression, seriesCount, nobs, row) => {
      const values = mackinnonCriticalValues(seriesCount, regression, nobs);
      expectClose(values['1%'], row.values[0] as number, 1e-13, '1%');
      expectClose(values['5%'], row.values[1] as number, 1e-13, '5%');
      expectClose(values['10%'], row.values[2] as number, 1e-13, '10%');
    },
  );

  it('defaults to the asymptotic ADF values with a constant', () => {
    expect(mackinnonCriticalValues()).toEqual({ '1%': -3.43035, '5%': -2.86154, '10%': -2.56677 });
  });

  it('refuses N or nobs outside the tables', () => {
    expect(() => mackinnonCriticalValues(2, 'n', 100)).toThrow(/"2" must be an integer from 1 to 1/);
    expect(() => mackinnonCriticalValues(13, 'c', 100)).toThrow(/from 1 to 12/);
    expect(() => mackinnonCriticalValues(1, 'c', 0)).toThrow(/nobs "0" must be > 0/);
  });
});

describe('normalCdf (Cephes ndtr)', () => {
  it('matches scipy.stats.norm.cdf from -40 to 40 to 1e-14 relative', () => {
    fixture.normalCdf.x.forEach((x, i) => {
      const expected = fixture.normalCdf.values[i] as number;
      const actual = normalCdf(x);
      if (expected === 0) expect(actual).toBe(0);
      else expect(Math.abs(actual - expected) / expected, `x=${x}`).toBeLessThan(1e-14);
    });
  });

  it('has erf and erfc that are odd / complementary and NaN-safe', () => {
    for (const x of [-9, -3, -1, -0.5, 0, 0.25, 0.9, 1.5, 4, 12, 30]) {
      expect(erf(-x)).toBeCloseTo(-erf(x), 15);
      expect(erf(x) + erfc(x)).toBeCloseTo(1, 15);
    }
    expect(erfc(-30)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
