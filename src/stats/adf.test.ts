import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { SeededRng } from '../core/rng.js';
import type { AdfOptions, AdfRegression, AutolagMethod } from './adf.js';
import { augmentedDickeyFuller } from './adf.js';
import type { CriticalValues } from './mackinnon.js';
import { expectClose, readStatsFixture, statsInputs } from './stats-reference.fixture.js';

interface AdfCase {
  readonly series: string;
  readonly regression: AdfRegression;
  readonly maxlag: number | null;
  readonly autolag: 'AIC' | 'BIC' | 't-stat' | null;
  readonly statistic: number;
  readonly pValue: number;
  readonly usedLag: number;
  readonly nobs: number;
  readonly criticalValues: CriticalValues;
  readonly icBest: number | null;
}

const { cases } = readStatsFixture<{ cases: AdfCase[] }>('adf.json');
const { series } = statsInputs();

function optionsOf(c: AdfCase): AdfOptions {
  const autolag = c.autolag === null ? null : (c.autolag.toLowerCase() as AutolagMethod);
  return { regression: c.regression, autolag, ...(c.maxlag === null ? {} : { maxLag: c.maxlag }) };
}

describe('augmentedDickeyFuller against statsmodels adfuller', () => {
  it('covers every regression type, fixed lags and each autolag method', () => {
    expect(new Set(cases.map((c) => c.regression))).toEqual(new Set(['n', 'c', 'ct', 'ctt']));
    expect(new Set(cases.map((c) => c.autolag))).toEqual(new Set([null, 'AIC', 'BIC', 't-stat']));
    expect(cases.length).toBeGreaterThanOrEqual(7 * 4 * 9);
  });

  it.each(
    cases.map((c) => [`${c.series} ${c.regression} maxlag=${c.maxlag} autolag=${c.autolag}`, c] as const),
  )('matches %s to 1e-8', (_, c) => {
    const result = augmentedDickeyFuller(Float64Array.from(series[c.series] as number[]), optionsOf(c));
    expect(result.usedLag).toBe(c.usedLag);
    expect(result.nobs).toBe(c.nobs);
    expectClose(result.statistic, c.statistic, 1e-8, 'statistic');
    expectClose(result.pValue, c.pValue, 1e-8, 'p-value');
    expectClose(result.criticalValues['1%'], c.criticalValues['1%'], 1e-12, '1%');
    expectClose(result.criticalValues['5%'], c.criticalValues['5%'], 1e-12, '5%');
    expectClose(result.criticalValues['10%'], c.criticalValues['10%'], 1e-12, '10%');
    if (c.icBest === null) expect(result.icBest).toBeNull();
    else expectClose(result.icBest as number, c.icBest, 1e-8, 'icBest');
  });
});

describe('augmentedDickeyFuller', () => {
  const walk = Float64Array.from(series['random_walk_500'] as number[]);

  it('treats lags as a fixed lag count, like maxLag with autolag null', () => {
    const viaLags = augmentedDickeyFuller(walk, { lags: 3, regression: 'ct' });
    const viaMaxLag = augmentedDickeyFuller(walk, { maxLag: 3, autolag: null, regression: 'ct' });
    expect(viaLags).toEqual(viaMaxLag);
    expect(viaLags.usedLag).toBe(3);
    expect(viaLags.nobs).toBe(500 - 1 - 3);
  });

  it('defaults to a constant, AIC and the Schwert maximum lag', () => {
    const result = augmentedDickeyFuller(walk);
    expect(result.regression).toBe('c');
    expect(result.maxLag).toBe(Math.ceil(12 * Math.pow(5, 0.25)));
    expect(result.icBest).not.toBeNull();
  });

  it('rejects a unit root for white noise and keeps it for a random walk', () => {
    const rng = new SeededRng(11);
    const noise = Float64Array.from({ length: 400 }, () => rng.normal());
    expect(augmentedDickeyFuller(noise).pValue).toBeLessThan(0.01);
    expect(augmentedDickeyFuller(walk).pValue).toBeGreaterThan(0.05);
  });

  it('refuses bad input with a message that names it', () => {
    expect(() => augmentedDickeyFuller(walk, { lags: 3, autolag: 'aic' })).toThrow(/cannot be combined/);
    expect(() => augmentedDickeyFuller(walk, { lags: 3, maxLag: 4 })).toThrow(InvalidInputError);
    expect(() => augmentedDickeyFuller(walk, { maxLag: 249 })).toThrow(/"249" must be at most 248/);
    expect(() => augmentedDickeyFuller(walk, { maxLag: -1 })).toThrow(/"-1" must be an integer >= 0/);
    expect(() => augmentedDickeyFuller(walk, { maxLag: 1.5 })).toThrow(InvalidInputError);
    expect(() => augmentedDickeyFuller(walk, { regression: 'q' as AdfRegression })).toThrow(
      /"q" must be one of/,
    );
    expect(() => augmentedDickeyFuller(walk, { autolag: 'hqic' as AutolagMethod })).toThrow(/"hqic"/);
    expect(() => augmentedDickeyFuller(Float64Array.of(1, 2, Number.NaN, 4, 5, 6))).toThrow(
      /"NaN" at index 2/,
    );
    expect(() => augmentedDickeyFuller(Float64Array.of(1, 2, 3), { regression: 'ctt' })).toThrow(/too short/);
  });
});
