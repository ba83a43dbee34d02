import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import type { AdfRegression, AutolagMethod } from './adf.js';
import { engleGranger } from './engle-granger.js';
import type { CriticalValues } from './mackinnon.js';
import { expectAllClose, expectClose, readStatsFixture, statsInputs } from './stats-reference.fixture.js';

interface CointCase {
  readonly pair: string;
  readonly trend: AdfRegression;
  readonly maxlag: number | null;
  readonly autolag: AutolagMethod | null;
  readonly statistic: number;
  readonly pValue: number;
  readonly criticalValues: CriticalValues;
  readonly usedLag: number | null;
  readonly nobs: number | null;
  readonly params: number[];
}

const { cases } = readStatsFixture<{ cases: CointCase[] }>('coint.json');
const { pairs } = statsInputs();

function pairOf(name: string): { y: Float64Array; x: Float64Array[] } {
  const pair = pairs[name];
  if (pair === undefined) throw new Error(`no input pair ${name}`);
  return { y: Float64Array.from(pair.y), x: pair.x.map((column) => Float64Array.from(column)) };
}

describe('engleGranger against statsmodels coint', () => {
  it('covers cointegrated and non-cointegrated pairs, every trend and each lag setting', () => {
    expect(new Set(cases.map((c) => c.pair))).toEqual(
      new Set([
        'cointegrated_500',
        'independent_walks_500',
        'cointegrated_short_60',
        'independent_short_80',
        'cointegrated_long_1000',
        'two_regressors_400',
        'collinear_200',
      ]),
    );
    expect(new Set(cases.map((c) => c.trend))).toEqual(new Set(['n', 'c', 'ct', 'ctt']));
    expect(new Set(cases.map((c) => c.autolag))).toEqual(new Set([null, 'aic', 'bic', 't-stat']));
    // The data are what they claim to be: cointegrated pairs reject H0 at 1%, the long independent walks do
    // not at 5%. (The 80-point independent pair happens to reject at 5%, which a 5% test does 1 time in 20.)
    const defaults = cases.filter((c) => c.trend === 'c' && c.autolag === 'aic' && c.maxlag === null);
    for (const c of defaults.filter((d) => d.pair.startsWith('cointegrated')))
      expect(c.pValue, c.pair).toBeLessThan(0.01);
    expect(defaults.find((c) => c.pair === 'independent_walks_500')?.pValue).toBeGreaterThan(0.05);
  });

  it.each(
    cases.map((c) => [`${c.pair} trend=${c.trend} maxlag=${c.maxlag} autolag=${c.autolag}`, c] as const),
  )('matches %s to 1e-8', (_, c) => {
    const { y, x } = pairOf(c.pair);
    const result = engleGranger(y, x, {
      trend: c.trend,
      autolag: c.autolag,
      ...(c.maxlag === null ? {} : { maxLag: c.maxlag }),
    });
    expectClose(result.statistic, c.statistic, 1e-8, 'statistic');
    expectClose(result.pValue, c.pValue, 1e-8, 'p-value');
    expectClose(result.criticalValues['1%'], c.criticalValues['1%'], 1e-12, '1%');
    expectClose(result.criticalValues['5%'], c.criticalValues['5%'], 1e-12, '5%');
    expectClose(result.criticalValues['10%'], c.criticalValues['10%'], 1e-12, '10%');
    expect(result.usedLag).toBe(c.usedLag);
    expect(result.nobs).toBe(c.nobs);
    expectAllClose(result.regression.params, c.params, 1e-9, 'params');
    expectAllClose(result.hedgeRatios, c.params.slice(0, x.length), 1e-9, 'hedge ratios');
  });
});

describe('engleGranger', () => {
  const { y, x } = pairOf('cointegrated_500');

  it('accepts one x series as a Float64Array and fixed lags', () => {
    const result = engleGranger(y, x[0] as Float64Array, { lags: 2 });
    const viaArray = engleGranger(y, x, { maxLag: 2, autolag: null });
    expect(result.statistic).toBe(viaArray.statistic);
    expect(result.usedLag).toBe(2);
    expect(result.residuals).toBe(result.regression.residuals);
    expect(result.hedgeRatios[0]).toBeCloseTo(1.5, 1);
  });

  it('refuses bad input with a message that names it', () => {
    expect(() => engleGranger(y, [])).toThrow(/got "0"/);
    expect(() => engleGranger(y, x[0]!.subarray(1))).toThrow(/length "499"; expected 500/);
    expect(() => engleGranger(y, x, { trend: 'linear' as AdfRegression })).toThrow(InvalidInputError);
    expect(() =>
      engleGranger(
        y,
        Array.from({ length: 6 }, () => x[0] as Float64Array),
      ),
    ).toThrow(/1 to 5 x series/);
  });
});
