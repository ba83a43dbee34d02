import { InvalidInputError, quote } from '../core/errors.js';
import type { AdfRegression, AutolagMethod } from './adf.js';
import { augmentedDickeyFuller } from './adf.js';
import type { CriticalValues } from './mackinnon.js';
import { MACKINNON_REGRESSIONS, mackinnonCriticalValues, mackinnonPValue } from './mackinnon.js';
import type { OlsResult } from './ols.js';
import { ordinaryLeastSquares } from './ols.js';

export interface EngleGrangerOptions {
  /** Deterministic terms of the cointegrating regression: 'c' (default), 'ct', 'ctt' or 'n'. */
  readonly trend?: AdfRegression;
  /** As in AdfOptions: largest lag searched (default ⌈12 (n/100)^¼⌉ capped), selection method, or fixed lags. */
  readonly maxLag?: number;
  readonly autolag?: AutolagMethod | null;
  readonly lags?: number;
}

export interface EngleGrangerResult {
  /** ADF τ of the residuals (regression 'n'); −Infinity when y and x are (almost) perfectly collinear. */
  readonly statistic: number;
  /** MacKinnon (1994) p-value with N = 1 + number of x series and the cointegrating regression's trend. */
  readonly pValue: number;
  /** MacKinnon (2010) critical values for N and n − 1 observations; NaN for trend 'n' (none published). */
  readonly criticalValues: CriticalValues;
  /** Lags and observations of the residual ADF regression; null in the collinear case (no ADF is run). */
  readonly usedLag: number | null;
  readonly nobs: number | null;
  /** Coefficients of y on x (one per x series): the hedge ratio(s). */
  readonly hedgeRatios: Float64Array;
  /** The cointegrating regression: params ordered [x coefficients…, constant, trend, trend²] as present. */
  readonly regression: OlsResult;
  /** Its residuals y − ŷ: the spread whose stationarity is tested. */
  readonly residuals: Float64Array;
}

/** statsmodels' collinearity threshold: R² ≥ 1 − 100·√ε means y is (almost) an exact combination of x. */
const COLLINEAR_R_SQUARED = 1 - 100 * Math.sqrt(Number.EPSILON);

/**
 * Engle-Granger two-step cointegration test, a port of statsmodels 0.13 `coint(y0, y1, trend, method='aeg',
 * maxlag, autolag)`. H0: no cointegration; small p-values reject it.
 * 1. OLS of y on x plus the trend terms; 2. ADF (regression 'n', same maxLag/autolag) on its residuals.
 * The τ statistic is that ADF's; the p-value is `mackinnonp(τ, trend, N)` and the critical values
 * `mackinnoncrit(N, trend, n − 1)` (statsmodels subtracts one "to match Stata's egranger"), with N = 1 + the
 * number of x series. If R² ≥ 1 − 100√ε the ADF step is skipped: τ = −∞ and p = 0, as statsmodels does.
 */
export function engleGranger(
  y: Float64Array,
  x: Float64Array | readonly Float64Array[],
  options: EngleGrangerOptions = {},
): EngleGrangerResult {
  const trend = options.trend ?? 'c';
  if (!(MACKINNON_REGRESSIONS as readonly string[]).includes(trend)) {
    throw new InvalidInputError(
      `cointegration trend ${quote(trend)} must be one of ${MACKINNON_REGRESSIONS.join(', ')}`,
    );
  }
  const xs = x instanceof Float64Array ? [x] : [...x];
  if (xs.length === 0 || xs.length > 5) {
    throw new InvalidInputError(
      `cointegration needs 1 to 5 x series (MacKinnon p-values stop at N = 6), got ${quote(xs.length)}`,
    );
  }
  const n = y.length;
  xs.forEach((series, index) => {
    if (series.length !== n) {
      throw new InvalidInputError(
        `x series ${index} has length ${quote(series.length)}; expected ${n}, the length of y`,
      );
    }
  });

  const regressors = [...xs];
  if (trend !== 'n') regressors.push(new Float64Array(n).fill(1));
  if (trend === 'ct' || trend === 'ctt') regressors.push(Float64Array.from({ length: n }, (_, t) => t + 1));
  if (trend === 'ctt') regressors.push(Float64Array.from({ length: n }, (_, t) => (t + 1) * (t + 1)));
  const regression = ordinaryLeastSquares(y, regressors, { intercept: false });

  const seriesCount = xs.length + 1;
  const criticalValues =
    trend === 'n'
      ? { '1%': Number.NaN, '5%': Number.NaN, '10%': Number.NaN }
      : mackinnonCriticalValues(seriesCount, trend, n - 1);
  const base = {
    criticalValues,
    hedgeRatios: regression.params.slice(0, xs.length),
    regression,
    residuals: regression.residuals,
  };
  if (!(regression.rSquared < COLLINEAR_R_SQUARED)) {
    return {
      ...base,
      statistic: -Infinity,
      pValue: mackinnonPValue(-Infinity, trend, seriesCount),
      usedLag: null,
      nobs: null,
    };
  }
  const adf = augmentedDickeyFuller(regression.residuals, {
    regression: 'n',
    ...(options.maxLag === undefined ? {} : { maxLag: options.maxLag }),
    ...(options.autolag === undefined ? {} : { autolag: options.autolag }),
    ...(options.lags === undefined ? {} : { lags: options.lags }),
  });
  return {
    ...base,
    statistic: adf.statistic,
    pValue: mackinnonPValue(adf.statistic, trend, seriesCount),
    usedLag: adf.usedLag,
    nobs: adf.nobs,
  };
}
