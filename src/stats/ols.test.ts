import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { ordinaryLeastSquares } from './ols.js';
import { expectAllClose, expectClose, readStatsFixture, statsInputs } from './stats-reference.fixture.js';

interface OlsCase {
  readonly params: number[];
  readonly bse: number[];
  readonly tvalues: number[];
  readonly rsquared: number;
  readonly rsquared_adj: number;
  readonly ssr: number;
  readonly scale: number;
  readonly llf: number;
  readonly aic: number;
  readonly bic: number;
  readonly df_model: number;
  readonly df_resid: number;
  readonly resid: number[];
}

const { cases } = readStatsFixture<{ cases: Record<string, OlsCase> }>('ols.json');
const inputs = statsInputs().ols;

describe('ordinaryLeastSquares against statsmodels OLS', () => {
  it.each(Object.entries(cases))('matches %s', (name, expected) => {
    const input = inputs[name];
    if (input === undefined) throw new Error(`no OLS input ${name}`);
    const fit = ordinaryLeastSquares(
      Float64Array.from(input.y),
      input.x.map((column) => Float64Array.from(column)),
      { intercept: input.intercept },
    );
    expectAllClose(fit.params, expected.params, 1e-9, 'params');
    expectAllClose(fit.standardErrors, expected.bse, 1e-9, 'bse');
    expectAllClose(fit.tValues, expected.tvalues, 1e-9, 'tvalues');
    expectAllClose(fit.residuals, expected.resid, 1e-9, 'resid');
    expectClose(fit.rSquared, expected.rsquared, 1e-12, 'R²');
    expectClose(fit.adjustedRSquared, expected.rsquared_adj, 1e-12, 'adjusted R²');
    expectClose(fit.sumSquaredResiduals, expected.ssr, 1e-12, 'SSR');
    expectClose(fit.scale, expected.scale, 1e-12, 'scale');
    expectClose(fit.logLikelihood, expected.llf, 1e-12, 'llf');
    expectClose(fit.aic, expected.aic, 1e-12, 'AIC');
    expectClose(fit.bic, expected.bic, 1e-12, 'BIC');
    expect(fit.dfModel).toBe(expected.df_model);
    expect(fit.dfResidual).toBe(expected.df_resid);
    expect(fit.hasConstant).toBe(input.intercept);
  });
});

describe('ordinaryLeastSquares', () => {
  it('recovers an exact line and reports zero residuals (hand-worked)', () => {
    const x = Float64Array.of(0, 1, 2, 3, 4);
    const fit = ordinaryLeastSquares(
      Float64Array.from(x, (v) => 3 - 2 * v),
      [x],
    );
    expect(fit.params[0]).toBeCloseTo(3, 12);
    expect(fit.params[1]).toBeCloseTo(-2, 12);
    expect(fit.sumSquaredResiduals).toBeLessThan(1e-24);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expectAllClose(fit.fittedValues, [3, 1, -1, -3, -5], 1e-12, 'fitted');
  });

  it('matches the textbook formulas for a simple regression (hand-worked)', () => {
    // y = 1, 3, 2, 5, 4 on x = 1..5: slope = Sxy/Sxx = 8/10, intercept = 3 − 0.8·3 = 0.6, SSR = 3.6.
    const fit = ordinaryLeastSquares(Float64Array.of(1, 3, 2, 5, 4), [Float64Array.of(1, 2, 3, 4, 5)]);
    expectAllClose(fit.params, [0.6, 0.8], 1e-14, 'params');
    expectClose(fit.sumSquaredResiduals, 3.6, 1e-14, 'SSR');
    expectClose(fit.standardErrors[1] as number, Math.sqrt(3.6 / 3 / 10), 1e-14, 'se(slope)');
    expectClose(fit.rSquared, 1 - 3.6 / 10, 1e-14, 'R²');
  });

  it('detects a constant regressor supplied by the caller', () => {
    const x = Float64Array.of(1, 4, 2, 8, 5, 7);
    const y = Float64Array.of(2, 9, 4, 17, 12, 14);
    const withIntercept = ordinaryLeastSquares(y, [x]);
    const withOnes = ordinaryLeastSquares(y, [new Float64Array(6).fill(1), x], { intercept: false });
    expect(withOnes.hasConstant).toBe(true);
    expectAllClose(withOnes.params, Array.from(withIntercept.params), 1e-12, 'params');
    expect(withOnes.rSquared).toBeCloseTo(withIntercept.rSquared, 12);
  });

  it('refuses collinear, short, mismatched and non-finite input', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    const y = Float64Array.of(1, 3, 2, 4);
    expect(() => ordinaryLeastSquares(y, [x, Float64Array.from(x, (v) => 2 * v)])).toThrow(
      /regressor 2 is \(almost\) a linear/,
    );
    expect(() => ordinaryLeastSquares(y, [x, x, x])).toThrow(/needs more than 4 observations, got "4"/);
    expect(() => ordinaryLeastSquares(y, [x.subarray(1)])).toThrow(/length "3"; expected 4/);
    expect(() => ordinaryLeastSquares(Float64Array.of(1, Number.NaN, 2, 3), [x])).toThrow(
      /y value "NaN" at index 1/,
    );
    expect(() => ordinaryLeastSquares(y, [Float64Array.of(1, 2, Infinity, 4)])).toThrow(InvalidInputError);
    expect(() => ordinaryLeastSquares(y, [], { intercept: false })).toThrow(/at least one regressor/);
    expect(() => ordinaryLeastSquares(y, [new Float64Array(4)], { intercept: false })).toThrow(/regressor 0/);
  });
});
